"""The shared command-line vectors (tests/vectors/cli.json) through
``python -m tinyyes chat`` and ``lint`` in process: the bytes the core
writes (csrc/src/chat.c, lint_report.c), which ``npx tinyyes`` prints too
(tests/node/cli_vectors.test.js)."""

import argparse
import io
import json
import pathlib

import pytest

from tinyyes import cli

REPO = pathlib.Path(__file__).resolve().parents[2]
VECTORS = json.loads((REPO / "tests" / "vectors" / "cli.json").read_text(encoding="utf-8"))


def _chat_args(case, path):
    o = case["opts"]
    return argparse.Namespace(playbook=path, conversation=o.get("conversation", "chat-1"), channel=o.get("channel"),
                              data=json.dumps(o["data"]) if "data" in o else None, start=None if "start" not in o
                              else str(o["start"]), utc_offset=None, verbose=o.get("verbose", False))


@pytest.mark.parametrize("case", VECTORS["chat"], ids=lambda c: c["name"])
def test_chat(case, tmp_path):
    o = case["opts"]
    path = None
    if case["playbook"] is not None:
        path = str(tmp_path / "playbook.json")
        pathlib.Path(path).write_text(case["playbook"], encoding="utf-8")
    out = io.StringIO()
    if o.get("echo") == 1 and "utc_offset" not in o and o.get("is_default", False) == (path is None):
        stdin = io.StringIO("".join(line + "\n" for line in case["script"]))
        assert cli.run_chat(_chat_args(case, path), stdin=stdin, out=out) == 0
    else:
        pb = cli.Playbook.default() if path is None else cli.Playbook(case["playbook"])
        chat = cli.Chat(pb, out, start=o.get("start", cli.VIRTUAL_EPOCH), conversation=o.get("conversation", "chat-1"),
                        channel=o.get("channel"), data=o.get("data"), utc_offset=o.get("utc_offset"),
                        verbose=o.get("verbose", False), echo=o.get("echo", 0), default=o.get("is_default", False))
        out.write(chat.header)
        for line in case["script"]:
            if not chat.handle(line):
                break
    assert out.getvalue() == case["output"]


@pytest.mark.parametrize("case", VECTORS["lint"], ids=lambda c: c["name"])
def test_lint(case, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    playbook = case["label"]
    if case["label"] == "<stdin>":
        playbook = "-"
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(case["playbook"].encode("utf-8"))))
    elif case["label"] is not None:
        (tmp_path / case["label"]).write_text(case["playbook"], encoding="utf-8")
    args = argparse.Namespace(playbook=playbook, text=case["text"], channel=case["channel"], locale=case["locale"],
                              json=case["json"])
    out = io.StringIO()
    assert cli.run_lint(args, out=out) == case["status"]
    assert out.getvalue() == case["output"]


def test_simulate_transcript_is_the_chat_session():
    import tinyyes

    case = next(c for c in VECTORS["chat"] if c["opts"].get("echo") == 2)
    o = case["opts"]
    t = tinyyes.simulate(tinyyes.Playbook.default(), case["script"], start=o["start"], conversation=o["conversation"],
                         data=o["data"])
    header_end = case["output"].index("\n\n") + 2
    assert str(t) == case["output"][header_end:]
    assert t.state == t.results[-1]["state"]
    assert [turn["who"] for turn in t.turns][:3] == ["customer", "bot", "customer"]
