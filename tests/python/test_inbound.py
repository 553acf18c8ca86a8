"""tinyyes.inbound (docs/inbound.md): the shared vectors in
tests/vectors/inbound.json, bodies as bytes and as str, the host's time,
errors, and a tap end to end: step() asks, payload() builds the buttons,
the platform's webhook for a tap goes through inbound() and step() takes
the option by its id."""

import datetime
import json
import pathlib
import time

import pytest

import tinyyes
from tinyyes import EventError, Playbook, _tinyyes

VECTORS = pathlib.Path(__file__).resolve().parents[1] / "vectors" / "inbound.json"
CASES = json.loads(VECTORS.read_text(encoding="utf-8"))["cases"]


def _dump(obj):
    return json.dumps(obj, ensure_ascii=False)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_inbound_vector(case):
    # the private function, so a case without "at" means no time at all (as
    # in C); the public inbound() reads the clock instead
    if "error" in case:
        with pytest.raises(tinyyes.Error) as info:
            _tinyyes._inbound(case["channel"], case["body"], case.get("at"))
        err = info.value
        assert err.reason == case["error"]["code"]
        if "path" in case["error"]:
            assert err.path == case["error"]["path"]
        if err.reason in ("event", "json"):
            assert isinstance(err, EventError)
        return
    got = _tinyyes._inbound(case["channel"], case["body"], case.get("at"))
    assert _dump(got) == _dump(case["expected"])
    # the same bytes as a web framework hands them over
    raw = case["body"].encode("utf-8")
    for body in (raw, bytearray(raw), memoryview(raw)):
        assert _dump(_tinyyes._inbound(case["channel"], body, case.get("at"))) == _dump(case["expected"])


def test_the_time_of_arrival_defaults_to_now():
    body = "From=%2B15550001234&Body=hello&MessageSid=SM1"
    before = int(time.time())
    got = tinyyes.inbound("sms", body)["events"][0]
    assert before <= got["at"] <= int(time.time()) + 1
    when = datetime.datetime(2026, 12, 4, 10, 0, tzinfo=datetime.timezone.utc)
    assert tinyyes.inbound("sms", body, at=when)["events"][0]["at"] == int(when.timestamp())


def test_argument_errors():
    with pytest.raises(ValueError) as info:
        tinyyes.inbound("viber", "{}")
    assert (info.value.reason, info.value.path) == ("arg", "channel")
    with pytest.raises(TypeError):
        tinyyes.inbound("webchat", {"conversation": "c", "text": "hi"})
    with pytest.raises(TypeError):
        tinyyes.inbound(7, "{}")
    with pytest.raises(EventError) as info:
        tinyyes.inbound("telegram", b'{"update_id": 1, ')
    assert info.value.reason == "json" and info.value.line == 1


def test_a_whatsapp_tap_end_to_end():
    pb = Playbook.default()
    first = pb.step(None, {"type": "message", "text": "hi", "at": 1795000000, "conversation": "15550001234",
                           "channel": "whatsapp"})
    send = first["actions"][0]
    buttons = tinyyes.payload(send, "whatsapp", at=1795000000)["payload"]["interactive"]["action"]
    rows = buttons.get("buttons") or [r for s in buttons["sections"] for r in s["rows"]]
    reply = rows[1]["reply"] if "reply" in rows[1] else rows[1]
    kind = "button_reply" if "reply" in rows[1] else "list_reply"
    assert reply["id"] == send["choices"][1]["id"]
    body = json.dumps({"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [{"field": "messages", "value": {
        "messaging_product": "whatsapp", "messages": [{"from": "15550001234", "id": "wamid.tap", "timestamp": "1795000060",
                                                       "type": "interactive", "interactive": {
                                                           "type": kind, kind: {"id": reply["id"], "title": reply["title"]}}}]}}]}]})
    (event,) = tinyyes.inbound("whatsapp", body.encode())["events"]
    assert event["choice"] == send["choices"][1]["id"]
    out = pb.step(first["state"], event)
    assert out["events"][0]["type"] == "commit"
    assert out["state"]["seen"] == ["wamid.tap"]
    # WhatsApp delivers it again: nothing happens
    again = pb.step(out["state"], event)
    assert again["duplicate"] is True and again["actions"] == [] and again["state"] == out["state"]


# ---- signatures (tests/vectors/signatures.json) --------------------------------------

SIGNATURES = json.loads((VECTORS.parent / "signatures.json").read_text(encoding="utf-8"))["cases"]
HEADER = {"whatsapp": "X-Hub-Signature-256", "messenger": "X-Hub-Signature-256", "instagram": "X-Hub-Signature-256",
          "telegram": "X-Telegram-Bot-Api-Secret-Token", "sms": "X-Twilio-Signature"}


@pytest.mark.parametrize("case", SIGNATURES, ids=[c["name"] for c in SIGNATURES])
def test_signature_vector(case):
    name, want = HEADER[case["channel"]], case["expected"]["valid"]
    if case["header"] is None:
        forms = [{}, []]
    else:
        value = case["header"]
        # as a web framework hands them over: any case, a list of pairs,
        # WSGI/Django META keys, bytes values
        forms = [{name: value}, {name.lower(): value}, [(name.upper(), value)],
                 {"HTTP_" + name.upper().replace("-", "_"): value}, {name: value.encode()}]
    for headers in forms:
        for body in (case["body"], case["body"].encode("utf-8")):
            assert tinyyes.verify(case["channel"], case["secret"], headers, body, case.get("url")) is want
    assert tinyyes.verify(case["channel"], case["secret"].encode(), forms[0], case["body"], case.get("url")) is want


def test_verify_arguments():
    with pytest.raises(ValueError) as info:
        tinyyes.verify("webchat", "s", {}, b"{}")
    assert info.value.reason == "arg"
    with pytest.raises(ValueError) as info:
        tinyyes.verify("sms", "s", {"X-Twilio-Signature": "AAAA"}, b"a=b")
    assert info.value.path == "url"
    with pytest.raises(TypeError):
        tinyyes.verify("whatsapp", "", {}, b"{}")
    with pytest.raises(TypeError):
        tinyyes.verify("whatsapp", "s", {"X-Hub-Signature-256": 7}, b"{}")


def test_handshake():
    q = {"hub.mode": "subscribe", "hub.verify_token": "bikes-2026", "hub.challenge": "1158201444"}
    assert tinyyes.handshake(q, "bikes-2026") == "1158201444"
    assert tinyyes.handshake(q, "bikes-2025") is None
    assert tinyyes.handshake({**q, "hub.mode": "unsubscribe"}, "bikes-2026") is None
    assert tinyyes.handshake({}, "bikes-2026") is None


# ---- continue in WhatsApp (tests/vectors/handover.json) -------------------------------

HANDOVER = json.loads((VECTORS.parent / "handover.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", HANDOVER["links"], ids=[c["name"] for c in HANDOVER["links"]])
def test_handover_link_vector(case):
    pb = Playbook.default(secret=HANDOVER["secret"].encode())
    state = {"conversation": case["conversation"]}
    if case["locale"]:
        state["locale"] = case["locale"]
    if "error" in case:
        with pytest.raises(ValueError) as info:
            pb.handover_link(state, case["number"])
        assert (info.value.reason, info.value.path) == (case["error"]["reason"], case["error"]["path"])
        return
    assert pb.handover_link(state, case["number"]) == case["expected"]
    if not case["locale"]:
        assert pb.handover_link(case["conversation"], case["number"]) == case["expected"]


@pytest.mark.parametrize("case", HANDOVER["finds"], ids=[c["name"] for c in HANDOVER["finds"]])
def test_handover_ref_vector(case):
    pb = Playbook.default(secret=HANDOVER["secret"].encode())
    assert pb.handover_ref(case["text"]) == case["continues"]
    assert Playbook.default(secret=b"another secret").handover_ref(case["text"]) is None


def test_handover_needs_a_secret_and_webchat():
    with pytest.raises(ValueError):
        Playbook.default().handover_link("web-1", "+447700900123")
    pb = Playbook.default(secret=b"s")
    link = pb.handover_link("web-1", "+447700900123")
    send = pb.step(None, {"type": "message", "text": "hi", "at": 1795000000, "conversation": "web-1"})["actions"][0]
    assert tinyyes.payload(send, "webchat", whatsapp_link=link)["payload"]["whatsapp_link"] == link.replace("&", "&amp;")
    with pytest.raises(ValueError) as info:
        tinyyes.payload(send, "sms", whatsapp_link=link)
    assert info.value.path == "options.whatsapp_link"
    with pytest.raises(ValueError):
        tinyyes.payload(send, "webchat", whatsapp_link="https://evil.example/")
