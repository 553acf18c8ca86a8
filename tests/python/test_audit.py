"""The chat audit from Python (docs/audit.md): the shared vectors
(tests/vectors/audit.json) through the binding, tinyyes.audit over files, a
folder, a list of paths and rows, the result's report, DataFrame and
notebook display, the command line, and bad arguments. The sample chats in
examples/audit/ were written for tinyyes.
"""
import datetime
import io
import json
import os
import pathlib
import subprocess
import sys

import pytest

import tinyyes
from tinyyes import _tinyyes
from tinyyes.cli import main as cli_main

REPO = pathlib.Path(__file__).resolve().parents[2]
VECTORS = json.loads((REPO / "tests" / "vectors" / "audit.json").read_text(encoding="utf-8"))
CHATS = REPO / "examples" / "audit" / "chats"
HOURS = "mon-sat 09:00-18:00"


def _raw(case):
    o = case["options"]
    return _tinyyes._audit([(i["name"], i["text"], i["format"]) for i in case["inputs"]], o.get("business"),
                           o.get("date_order"), o.get("utc_offset"),
                           tuple(o["columns"]) if o.get("columns") else None, o.get("hours"), o.get("late_after"),
                           None)


@pytest.mark.parametrize("case", VECTORS["cases"], ids=[c["name"] for c in VECTORS["cases"]])
def test_shared_vectors(case):
    if "error" in case:
        with pytest.raises(tinyyes.Error) as err:
            _raw(case)
        assert err.value.reason == case["error"]["reason"]
        assert str(err.value) == case["error"]["message"]
    else:
        assert _raw(case) == case["expect"]


def test_a_folder_of_whatsapp_exports():
    r = tinyyes.audit(CHATS, hours=HOURS)
    assert isinstance(r, tinyyes.AuditResult)
    s = r["summary"]
    assert s["conversations"] == 50 and r["business"] == "Northbank Bike Workshop"
    assert r["problems"] == []
    ids = [c["id"] for c in r["conversations"]]
    assert ids == sorted(ids) and ids[0] == "chat-01.txt"
    # every finding names a message of its conversation and a known moment
    for c in r["conversations"]:
        for f in c["findings"]:
            assert 0 <= f["message"] < c["messages"]
            assert f["moment"] in tinyyes.audit.__globals__["MOMENTS"]
    # the same files listed one by one give the same result
    files = sorted(str(p) for p in CHATS.glob("*.txt"))
    assert tinyyes.audit(files, hours=HOURS) == r
    # a file the sample's notes say dies at a bare price
    c21 = next(c for c in r["conversations"] if c["id"] == "chat-21.txt")
    assert [f["code"] for f in c21["findings"]] == ["price_no_next_step"] and c21["stopped_at"] == "price"
    # and a good one: booked, no finding
    c03 = next(c for c in r["conversations"] if c["id"] == "chat-03.txt")
    assert c03["outcome"] == "booked" and c03["findings"] == []


def test_csv_jsonl_and_rows_agree():
    csv = tinyyes.audit(REPO / "examples" / "audit" / "chats.csv", hours=HOURS)
    jsonl = tinyyes.audit(REPO / "examples" / "audit" / "chats.jsonl", hours=HOURS)
    assert [c["id"] for c in csv["conversations"]] == [c["id"] for c in jsonl["conversations"]]
    assert [[f["code"] for f in c["findings"]] for c in csv["conversations"]] == \
        [[f["code"] for f in c["findings"]] for c in jsonl["conversations"]]
    rows = [json.loads(line) for line in (REPO / "examples" / "audit" / "chats.jsonl").read_text().splitlines()
            if line.strip()]
    assert tinyyes.audit(rows, hours=HOURS)["conversations"] == jsonl["conversations"]
    # datetimes in rows are written as ISO 8601
    at = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=datetime.timezone.utc)
    r = tinyyes.audit([{"conversation": "x", "time": at, "sender": "Kim", "text": "open today?"},
                       {"conversation": "x", "time": at + datetime.timedelta(minutes=3), "sender": "Shop",
                        "text": "Yes, till 6. Shall I put you down for a check?"}], business="Shop")
    assert r["conversations"][0]["started"] == int(at.timestamp())
    assert r["summary"]["first_response"]["median"] == 180


def test_problems_are_reported_with_their_lines(tmp_path):
    p = tmp_path / "chat.txt"
    p.write_text("02/03/2026, 10:00 - Tom: hi, open today?\nnot a line\n", encoding="utf-8")
    # "not a line" continues the message: no problem
    assert tinyyes.audit(p)["problems"] == []
    p.write_text("garbage first\n02/03/2026, 10:00 - Tom: hi, open today?\n", encoding="utf-8")
    r = tinyyes.audit(p)
    assert r["problems"] == [{"input": "chat.txt", "line": 1,
                              "message": 'line 1: expected a message such as "12/03/2026, 14:05 - Name: text"'}]


def test_report_frame_and_notebook():
    r = tinyyes.audit(CHATS, hours=HOURS)
    text = r.report()
    assert text.startswith("Audit of 50 conversations (")
    assert "\nWhere conversations ended\n" in text and "\nConversations with findings\n" in text
    assert repr(r).startswith("<tinyyes.AuditResult: 50 conversations, ")
    svg = r._repr_svg_()
    assert svg.startswith("<svg") and "booked" in svg
    page = r._repr_html_()
    assert "<table>" in page and "price_no_next_step" in page and "<svg" in page
    assert r.to_dict() == json.loads(json.dumps(dict(r)))
    pd = pytest.importorskip("pandas")
    frame = r.to_frame()
    assert isinstance(frame, pd.DataFrame)
    assert len(frame) == sum(len(c["findings"]) for c in r["conversations"])
    assert list(frame.columns) == ["conversation", "customer", "code", "moment", "lint", "from", "message", "at",
                                   "waited", "text"]
    late = frame[frame["code"] == "late_answer"]
    assert late["waited"].notna().all() and frame[frame["code"] != "late_answer"]["waited"].isna().all()
    convs = r.to_frame(conversations=True)
    assert len(convs) == 50 and convs["findings"].sum() == len(frame)


def test_bad_arguments():
    with pytest.raises(TypeError):
        tinyyes.audit(42)
    with pytest.raises(tinyyes.Error, match="date_order"):
        tinyyes.audit(CHATS, date_order="ymd")
    with pytest.raises(tinyyes.Error, match="format"):
        tinyyes.audit(CHATS, format="xml")
    with pytest.raises(tinyyes.Error, match="columns"):
        tinyyes.audit(CHATS, columns={"who": "from"})
    with pytest.raises(TypeError):
        tinyyes.audit(CHATS, playbook="shop.json")
    with pytest.raises(tinyyes.Error, match="hours"):
        tinyyes.audit(CHATS, hours="weekdays")
    with pytest.raises(tinyyes.Error, match="business"):
        tinyyes.audit(CHATS, business="Someone Else")
    with pytest.raises(FileNotFoundError):
        tinyyes.audit(REPO / "no-such-export.txt")


def test_malformed_input_is_a_clear_error(tmp_path):
    # not UTF-8: the core checks the file's bytes and names the offset
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("02/03/2026, 10:00 - Tom: ¿abrís el sábado?\n".encode("latin-1"))
    with pytest.raises(tinyyes.Error) as err:
        tinyyes.audit(latin1)
    assert err.value.reason == "utf8" and "not valid UTF-8 (byte 25)" in str(err.value)
    # broken JSON lines are problems with their line; nothing readable is an error
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"conversation": "a", "time": 1, "sender": "A", "text": "hi?"}\n{"conversation": \n',
                      encoding="utf-8")
    r = tinyyes.audit(broken)
    assert [(p["line"], p["message"][:25]) for p in r["problems"]] == [(2, "line 2: invalid JSON at l")]
    broken.write_text("{oops\n", encoding="utf-8")
    with pytest.raises(tinyyes.Error, match="no message could be read: line 1: invalid JSON"):
        tinyyes.audit(broken)
    # an unknown keyword is a TypeError, as for any Python function
    with pytest.raises(TypeError):
        tinyyes.audit(CHATS, bussiness="Shop")
    # a huge message (2 MB on one line) is read whole
    huge = tmp_path / "huge.txt"
    huge.write_text("02/03/2026, 10:00 - Tom: " + "spokes " * 300000 + "?\n02/03/2026, 10:05 - Shop: ok\n",
                    encoding="utf-8")
    r = tinyyes.audit(huge, business="Shop")
    assert r["summary"]["messages"] == 2 and r["problems"] == []


def test_playbook_groups_unanswered_questions_by_intent():
    pb = tinyyes.Playbook.default()
    rows = []
    for i, q in enumerate(("how much is a tune-up?", "what does a full service cost?", "do you sell unicorns?")):
        rows += [{"conversation": "c%d" % i, "time": 1773300000 + i * 1000, "sender": "Shop", "text": "Hi! How can I help?"},
                 {"conversation": "c%d" % i, "time": 1773300060 + i * 1000, "sender": "Cus%d" % i, "text": q}]
    r = tinyyes.audit(rows, business="Shop", playbook=pb)
    groups = {g["label"]: g["count"] for g in r["summary"]["unanswered"]}
    assert groups.get("pricing") == 2 and r["summary"]["unanswered"][0]["intent"] == "pricing"
    assert sum(groups.values()) == 3


def test_command_line(tmp_path):
    out = io.StringIO()
    assert cli_main.__module__ == "tinyyes.cli"
    proc = subprocess.run([sys.executable, "-m", "tinyyes", "audit", str(CHATS), "--hours", HOURS],
                          capture_output=True, text=True, cwd=REPO)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == tinyyes.audit(CHATS, hours=HOURS).report()
    proc = subprocess.run([sys.executable, "-m", "tinyyes", "audit", str(CHATS / "chat-01.txt"), "--json"],
                          capture_output=True, text=True)
    assert proc.returncode == 0 and json.loads(proc.stdout)["summary"]["conversations"] == 1
    bad = tmp_path / "bad.txt"
    bad.write_text("junk\n02/03/2026, 10:00 - Tom: hi\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "tinyyes", "audit", str(bad)], capture_output=True, text=True)
    assert proc.returncode == 1 and "Lines not read (1)" in proc.stdout
    proc = subprocess.run([sys.executable, "-m", "tinyyes", "audit", str(tmp_path / "missing.txt")],
                          capture_output=True, text=True)
    assert proc.returncode == 2 and proc.stderr.startswith("tinyyes audit: cannot read")
    del out
