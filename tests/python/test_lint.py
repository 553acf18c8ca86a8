"""Message lint through the Python binding (docs/playbook.md): the shared vectors
(tests/vectors/lint.json), Playbook.lint over every template and the
playbook-level checks (tests/vectors/lint_playbooks.json), every playbook
the repository ships (tests/vectors/lint_shipped.json), bad input, and
`python -m tinyyes lint` (output, --json, --text, exit codes) through a pipe."""

import json
import os
import pathlib
import subprocess
import sys
import threading

import pytest

import tinyyes
from tinyyes import Error, Playbook

FINDING_KEYS = ["code", "severity", "message", "start", "end"]
PLAYBOOK_FINDING_KEYS = ["template", "variant", "channel"] + FINDING_KEYS + ["path"]
PLAYBOOK_CODES = ["TY101", "TY102", "TY103", "TY104", "TY105", "TY106"]
REPO = pathlib.Path(__file__).resolve().parents[2]


def _dump(obj):
    return json.dumps(obj, ensure_ascii=False)


# ---- shared vectors ---------------------------------------------------------------------


def test_lint_vector(lint_vector):
    case = lint_vector
    args = (case["text"],) if "channel" not in case else (case["text"], case["channel"])
    if "error" in case:
        want = case["error"]
        with pytest.raises(Error) as info:
            tinyyes.lint(*args)
        err = info.value
        assert (err.code, err.reason, err.path, str(err)) == (want["code"], want["reason"], want["path"],
                                                              want["message"])
        return
    got = tinyyes.lint(*args)
    assert _dump(got) == _dump(case["expected"])
    for finding in got:
        assert list(finding) == FINDING_KEYS
        # offsets are code points: they slice the Python str directly
        assert 0 <= finding["start"] <= finding["end"] <= len(case["text"])


def test_spans_slice_the_str():
    text = "🚲 Your bike is ready! Last chance to book a Tune-up, a Full service or a wheel true. Let me know."
    got = {f["code"]: text[f["start"]:f["end"]] for f in tinyyes.lint(text)}
    assert got["TY008"] == "Last chance"
    assert got["TY001"] == "Let me know"


def test_defaults_and_locale():
    text = "Which day suits you? Let me know!"
    assert tinyyes.lint(text) == tinyyes.lint(text, "webchat") == tinyyes.lint(text, None, None)
    # a locale without its own tables falls back to English
    assert tinyyes.lint(text, locale="en-GB") == tinyyes.lint(text, locale="xx") == tinyyes.lint(text)
    assert tinyyes.lint(text, channel="sms") == tinyyes.lint(text, "sms", "en")


# ---- bad input ----------------------------------------------------------------------------


def test_bad_input():
    with pytest.raises(Error) as info:
        tinyyes.lint("Which day?", "fax")
    assert type(info.value) is Error and info.value.reason == "arg" and info.value.path == "channel"
    assert tinyyes.lint("Which day?", "") == tinyyes.lint("Which day?")  # empty: the default, as in C
    for text, reason in (("bad \ud800 text", "utf8"), ("a\x00b?", "nul"), ("x" * ((1 << 20) + 1), "limit")):
        with pytest.raises(Error) as info:
            tinyyes.lint(text)
        assert info.value.reason == reason
    with pytest.raises(TypeError, match="text must be str"):
        tinyyes.lint(b"Which day?")
    with pytest.raises(TypeError, match="channel must be str or None"):
        tinyyes.lint("Which day?", 1)


def test_threads_agree_on_a_long_text():
    paragraph = "Your bike is ready for collection and the chain has been cleaned. " * 400
    text = paragraph + "Shall I book the next service?"
    found = tinyyes.lint(text, "whatsapp")
    assert "TY006" in {f["code"] for f in found}
    results = []
    threads = [threading.Thread(target=lambda: results.append(tinyyes.lint(text, "whatsapp"))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [found] * 4


def test_no_leaks(no_leaks):
    def exercise():
        tinyyes.lint("Hi {{name}}! Last chance: Tune-up, Full service or wheel true? Let me know.", "sms")
        tinyyes.lint("Which day suits you?")
        try:
            tinyyes.lint("x", "fax")
        except Error:
            pass

    no_leaks(exercise, warmup=300, batch=500)


# ---- Playbook.lint ----------------------------------------------------------------------------


@pytest.mark.parametrize("channel", [None] + list(tinyyes.CHANNELS))
def test_default_playbook_has_no_finding(channel):
    assert Playbook.default().lint(channel) == []


# ---- the playbook-level checks: shared vectors ----------------------------------------


def _text_at(playbook, path):
    """The template text a finding's JSON path names."""
    parts = path.split(".")
    tpl = playbook["templates"][parts[1]]
    if len(parts) == 2:
        return tpl
    if parts[2] == "text":
        return tpl["text"]
    if parts[2].startswith("variants["):
        return tpl["variants"][int(parts[2][len("variants["):-1])]
    return tpl["channels"][parts[3]]


def test_lint_playbook_vector(lint_playbook_vector):
    case = lint_playbook_vector
    got = Playbook(case["playbook"]).lint(case.get("channel"))
    assert _dump(got) == _dump(case["expected"])
    for f in got:
        assert list(f) == PLAYBOOK_FINDING_KEYS
        if f["template"] is None:
            assert f["variant"] is f["channel"] is f["start"] is f["end"] is None
        elif f["code"] in PLAYBOOK_CODES:
            # offsets index the template text at the path: the tag found
            assert _text_at(case["playbook"], f["path"])[f["start"]:f["end"]].startswith("{{"), f


def test_every_playbook_code_has_a_vector():
    doc = json.loads((REPO / "tests" / "vectors" / "lint_playbooks.json").read_text(encoding="utf-8"))
    codes = {f["code"] for case in doc["tests"] for f in case["expected"]}
    assert set(PLAYBOOK_CODES) <= codes
    assert any(case["expected"] == [] for case in doc["tests"])


# ---- every playbook the repository ships ------------------------------------------------


def _shipped(entry):
    name = entry["playbook"]
    if name == "default":
        return Playbook.default()
    if "key" in entry:
        doc = json.loads((REPO / name).read_text(encoding="utf-8"))
        return Playbook(doc[entry["key"]])
    return Playbook.load(str(REPO / name))


def test_shipped_playbook(shipped_playbook):
    entry = shipped_playbook
    pb = _shipped(entry)
    assert [[f["path"], f["code"]] for f in pb.lint()] == entry["findings"]
    if entry["playbook"] == "default" or entry["playbook"].startswith("examples/"):
        assert entry["findings"] == []
        for channel in tinyyes.CHANNELS:
            assert pb.lint(channel) == [], channel


def test_every_shipped_playbook_is_listed():
    doc = json.loads((REPO / "tests" / "vectors" / "lint_shipped.json").read_text(encoding="utf-8"))
    listed = {e["playbook"] for e in doc["playbooks"]}
    want = {"default"}
    for pattern in ("examples/playbooks/*.json", "tests/vectors/conversations/quality/playbooks/*.json"):
        want |= {str(p.relative_to(REPO)) for p in REPO.glob(pattern)}
    for p in REPO.glob("tests/vectors/conversations/*.json"):
        if isinstance(json.loads(p.read_text(encoding="utf-8"))["playbook"], dict):
            want.add(str(p.relative_to(REPO)))
    assert listed == want


PUSHY = {
    "tinyyes": 1, "name": "Pushy", "locale": "en",
    "intents": {"buy": {"examples": ["I want to buy a plan"], "flow": "buy"}},
    "slots": {"plan": {"type": "choice", "options": [{"id": "a", "title": "Basic"}, {"id": "b", "title": "Pro"}]}},
    "templates": {
        "ask_plan": {"text": "Which plan: {{#options}}{{title}}{{^last}} or {{/last}}{{/options}}?",
                     "variants": ["Last chance! Basic or Pro?"],
                     "channels": {"sms": "Act now: pick a plan. Reply A or B."}},
        "thanks": "Thanks for your order. Let me know if you have any questions.",
    },
    "flows": {"buy": {"steps": [{"id": "plan", "say": "ask_plan", "ask": "plan"},
                                {"id": "end", "say": "thanks", "end": "completed"}]}},
}


def test_playbook_lint_names_template_variant_and_channel():
    findings = Playbook(PUSHY).lint("whatsapp")
    where = {(f["template"], f["variant"], f["channel"], f["code"]) for f in findings}
    assert ("ask_plan", 0, "whatsapp", "TY008") in where      # the variant, on the channel linted
    assert ("ask_plan", None, "sms", "TY008") in where        # the channel text, on its own channel
    assert ("thanks", None, "whatsapp", "TY001") in where
    assert ("thanks", None, "whatsapp", "TY002") in where
    assert not any(f["template"] == "ask_plan" and f["variant"] is None and f["channel"] == "whatsapp"
                   for f in findings)  # the main text is clean
    errors = {(f["template"], f["code"]) for f in findings if f["severity"] == "error"}
    assert errors == {("ask_plan", "TY008")}
    assert findings == Playbook(PUSHY).lint("whatsapp")  # deterministic
    with pytest.raises(Error) as info:
        Playbook(PUSHY).lint("fax")
    assert info.value.reason == "arg"


def test_playbook_lint_threads():
    pb = Playbook.default()
    want = pb.lint("sms")
    got = []
    threads = [threading.Thread(target=lambda: got.extend(pb.lint("sms") == want for _ in range(20)))
               for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert got == [True] * 80


# ---- the CLI ------------------------------------------------------------------------------------


def _cli(*args, stdin=""):
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "tinyyes", "lint", *args], input=stdin, capture_output=True,
                          text=True, encoding="utf-8", env=env, timeout=60)


@pytest.fixture()
def pushy_file(tmp_path):
    path = tmp_path / "pushy.json"
    path.write_text(json.dumps(PUSHY, ensure_ascii=False), encoding="utf-8")
    return path


def test_cli_default_playbook_is_clean():
    r = _cli()
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == ["0 errors, 0 warnings"]


FORGETFUL = {
    "tinyyes": 1,
    "intents": {"book": {"examples": ["book me in"], "flow": "booking"}},
    "slots": {"name": {"type": "text"}},
    "templates": {"ask_name": {"text": "What name should I book it under?"},
                  "done": "Thanks, {{name}}. We'll text you the day before.",
                  "nudge": "Hi {{name}}, just checking in. {{question}}"},
    "flows": {"booking": {"steps": [{"id": "who", "say": "ask_name", "ask": "name"},
                                     {"id": "done", "say": "done", "end": "completed"}]},
              "spare": {"steps": [{"id": "x", "say": "done", "end": "completed"}]}},
    "followups": [{"after": "4h", "say": "nudge"}],
}


def test_cli_playbook_findings(tmp_path):
    path = tmp_path / "forgetful.json"
    path.write_text(json.dumps(FORGETFUL), encoding="utf-8")
    r = _cli(str(path))
    assert r.returncode == 1, (r.stdout, r.stderr)
    assert r.stdout.splitlines() == [
        '%s: templates.nudge [webchat] TY101 error: {{name}} may be missing: slot "name" can still be empty when '
        'followups[0] is sent while flows.booking.steps[0] waits; fill it before, or write {{#name}}...{{/name}}'
        % path,
        '%s: flows.spare TY106 warning: flow "spare" never starts: no intent has "flow": "spare" and no step that '
        'runs has "@spare" in its next' % path,
        "1 error, 1 warning"]


def test_cli_errors_exit_1_and_lines(pushy_file):
    r = _cli(str(pushy_file), "--channel", "whatsapp")
    assert r.returncode == 1, (r.stdout, r.stderr)
    lines = r.stdout.splitlines()
    assert lines[-1] == "2 errors, 2 warnings"
    label = str(pushy_file)
    assert ('%s: templates.ask_plan.variants[0] [whatsapp] TY008 error: pressure or false urgency "Last chance": '
            "give a real reason or none; the customer's yes must be free: \"Last chance\"" % label) in lines
    assert ('%s: templates.ask_plan.channels.sms [sms] TY008 error: pressure or false urgency "Act now": '
            "give a real reason or none; the customer's yes must be free: \"Act now\"" % label) in lines
    assert any(line.startswith("%s: templates.thanks [whatsapp] TY001 warning: " % label) for line in lines)
    assert r.stderr == ""


def test_cli_json(pushy_file):
    r = _cli(str(pushy_file), "--json", "--channel", "messenger")
    assert r.returncode == 1
    assert json.loads(r.stdout) == Playbook(PUSHY).lint("messenger")
    r = _cli("--json")
    assert r.returncode == 0 and json.loads(r.stdout) == Playbook.default().lint()


def test_cli_stdin(pushy_file):
    r = _cli("-", "--json", stdin=pushy_file.read_text(encoding="utf-8"))
    assert r.returncode == 1 and json.loads(r.stdout) == Playbook(PUSHY).lint()


def test_cli_text():
    r = _cli("--text", "Which day suits you? Let me know!")
    assert r.returncode == 0
    assert r.stdout.splitlines() == [
        'message: [webchat] TY001 warning: open-ended closer "Let me know": end with one clear next step '
        '(a question answerable in seconds, or an action): "Let me know"',
        "0 errors, 1 warning"]
    r = _cli("--text", "Only today: 50% off! Book now at https://example.com", "--channel", "sms", "--json")
    assert r.returncode == 1
    assert json.loads(r.stdout) == tinyyes.lint("Only today: 50% off! Book now at https://example.com", "sms")
    r = _cli("--text", "Which day works?", "--json")
    assert r.returncode == 0 and json.loads(r.stdout) == []


def test_cli_exit_2(tmp_path, pushy_file):
    r = _cli(str(tmp_path / "missing.json"))
    assert r.returncode == 2 and "cannot read" in r.stderr and r.stdout == ""
    broken = tmp_path / "broken.json"
    broken.write_text('{"tinyyes": 1, "templates": {"a": "Hi?"', encoding="utf-8")
    r = _cli(str(broken))
    assert r.returncode == 2 and "broken.json" in r.stderr and r.stdout == ""
    invalid = tmp_path / "invalid.json"
    invalid.write_text('{"tinyyes": 1, "tempaltes": {}}', encoding="utf-8")
    r = _cli(str(invalid), "--json")
    assert r.returncode == 2 and "tempaltes" in r.stderr and r.stdout == ""
    r = _cli(str(pushy_file), "--text", "Hi?")
    assert r.returncode == 2 and "not both" in r.stderr
    r = _cli("--channel", "fax")
    assert r.returncode == 2 and "invalid choice" in r.stderr
    r = _cli(str(pushy_file), "--locale", "en")
    assert r.returncode == 2 and "--locale" in r.stderr


def test_cli_help_mentions_lint():
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    r = subprocess.run([sys.executable, "-m", "tinyyes", "--help"], capture_output=True, text=True, env=env,
                       timeout=60)
    assert r.returncode == 0 and "lint" in r.stdout and "chat" in r.stdout
