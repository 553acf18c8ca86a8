"""Flow stepping through the Python binding: the shared conversation vectors,
state signing, StateError/EventError cases, threads, leaks, and the chat CLI
driven through a pipe."""

import copy
import datetime
import gc
import hashlib
import hmac
import json
import os
import pathlib
import subprocess
import sys
import threading

import pytest

import tinyyes
from tinyyes import EventError, Playbook, StateError
from tinyyes import _tinyyes

AT = 1795000000
SECRET = b"tinyyes-test-secret"


def _load(doc):
    return Playbook.default() if doc["playbook"] == "default" else Playbook(doc["playbook"])


def _dump(obj):
    # Order-sensitive: the vectors are compared byte for byte, key order included.
    return json.dumps(obj, ensure_ascii=False)


# ---- shared vectors ---------------------------------------------------------------


def test_conversation_vector(conversation_vector):
    doc = json.loads(conversation_vector.read_text(encoding="utf-8"))
    pb = _load(doc)
    state = None
    for i, step in enumerate(doc["steps"]):
        before = copy.deepcopy(state)
        got = pb.step(state, step["event"])
        assert state == before, "step %d changed its input state" % i
        assert list(got) == list(step["expected"])  # "duplicate" only for a redelivered event
        for key in step["expected"]:
            assert _dump(got[key]) == _dump(step["expected"][key]), "step %d: %s differ" % (i, key)
        state = got["state"]


def test_conversation_vector_through_json_and_signing(conversation_vector):
    """The same conversations with the state stored as JSON text between steps
    (as a web app does) and signed: the same actions and events, and the same
    state plus its signature."""
    doc = json.loads(conversation_vector.read_text(encoding="utf-8"))
    pb = _load(doc)
    signed = Playbook(doc["playbook"], secret=SECRET) if doc["playbook"] != "default" \
        else Playbook.default(secret=SECRET)
    stored = None
    for i, step in enumerate(doc["steps"]):
        got = signed.step(None if stored is None else json.loads(stored), step["event"])
        sig = got["state"].pop("sig")
        assert len(sig) == 64 and int(sig, 16) >= 0
        for key in ("actions", "events", "state"):
            assert _dump(got[key]) == _dump(step["expected"][key]), "step %d: %s differ" % (i, key)
        got["state"]["sig"] = sig
        stored = json.dumps(got["state"])
    assert pb.stats() == signed.stats()


def test_conversation_vector_through_step_json(conversation_vector):
    """The state kept as text by the core itself, plain and signed: the same
    actions and events, the core's compact JSON of the expected state, and a
    signed text that is the plain one plus its "sig"."""
    doc = json.loads(conversation_vector.read_text(encoding="utf-8"))
    pb = _load(doc)
    signed = Playbook(doc["playbook"], secret=SECRET) if doc["playbook"] != "default" \
        else Playbook.default(secret=SECRET)
    stored = stored_signed = None
    for i, step in enumerate(doc["steps"]):
        got = pb.step_json(stored, step["event"])
        got_signed = signed.step_json(stored_signed.encode() if i % 2 and stored_signed else stored_signed,
                                      step["event"])
        assert isinstance(got["state"], str)
        assert got["state"] == json.dumps(step["expected"]["state"], ensure_ascii=False, separators=(",", ":")), \
            "step %d: state text" % i
        with_sig = json.loads(got_signed["state"])
        assert len(with_sig.pop("sig")) == 64
        assert json.dumps(with_sig, ensure_ascii=False, separators=(",", ":")) == got["state"]
        for key in step["expected"]:
            if key != "state":
                assert _dump(got[key]) == _dump(step["expected"][key]), "step %d: %s differ" % (i, key)
                assert _dump(got_signed[key]) == _dump(step["expected"][key]), "step %d: signed %s" % (i, key)
        stored, stored_signed = got["state"], got_signed["state"]


def _state_text_vectors():
    path = pathlib.Path(__file__).resolve().parents[1] / "vectors" / "state_text.json"
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", _state_text_vectors()["tests"], ids=lambda c: c["name"])
def test_state_text_vector(case):
    """tests/vectors/state_text.json: stored texts the core reads or refuses."""
    pb = Playbook.default()
    event = _state_text_vectors()["event"]
    for source in (case["source"], case["source"].encode("utf-8")):
        if "status" in case:
            assert json.loads(pb.step_json(source, event)["state"])["status"] == case["status"]
            continue
        with pytest.raises(StateError) as info:
            pb.step_json(source, event)
        want = case["error"]
        err = info.value
        assert (err.code, err.reason, err.path, str(err)) == (want["code"], want["reason"], want["path"],
                                                              want["message"])
        assert (err.line, err.col) == (want.get("line"), want.get("col"))


def test_step_json_limits_types_and_signatures():
    pb, signed = Playbook.default(), Playbook.default(secret=SECRET)
    event = {"type": "message", "text": "hi", "at": AT, "conversation": "t"}
    with pytest.raises(StateError) as info:  # over the state limit, however it is given
        pb.step_json(" " * (tinyyes.LIMITS["STATE_MAX_BYTES"] + 1), event)
    assert info.value.reason == "limit" and "65537 bytes" in str(info.value)
    for bad in (5, {"v": 1}, ["{}"]):
        with pytest.raises(TypeError, match="step_json\\(\\) state must be the stored JSON text"):
            pb.step_json(bad, event)
    with pytest.raises(StateError, match="not valid UTF-8"):
        pb.step_json(b'{"v": "\xff"}', event)
    with pytest.raises(StateError):
        pb.step_json("\ud800", event)
    first = signed.step_json(None, event)["state"]
    plain = pb.step_json(None, event)["state"]
    again = dict(event, text="book a service", at=AT + 5)
    assert json.loads(signed.step_json(first, again)["state"])["sig"]
    for text, words in ((plain, "missing"), (first.replace('"hi"', '"ho"'), "does not match"),
                        (first.replace(json.loads(first)["sig"], "0" * 64), "does not match"),
                        (first[:-1] + ',"x":1}', "does not match")):
        with pytest.raises(StateError, match=words) as info:
            signed.step_json(text, again)
        assert info.value.reason == "signature" and info.value.path == "state.sig"
    number_sig = json.dumps(dict(json.loads(first), sig=5))
    with pytest.raises(StateError, match="must be a hex string"):
        signed.step_json(number_sig, again)
    # the signed text verifies through step() too, and step()'s through step_json()
    assert signed.step(json.loads(first), again)["state"]["sig"]
    via_step = json.dumps(signed.step(None, event)["state"])
    assert json.loads(signed.step_json(via_step, again)["state"])["status"] == "active"


# ---- signing -------------------------------------------------------------------------------


PINNED_STATE = {
    "v": 1, "playbook": "ac1cf997be986c91", "conversation": "c-42", "channel": "whatsapp", "status": "active",
    "intent": "book", "flow": "booking", "step": "pick",
    "slots": {"service": {"id": "color", "title": "Colour"}, "day": "2026-11-19"},
    "options": None, "stack": [], "asked_at": 1795000000, "reprompts": 0, "followups": 0, "due": 1795014400,
    "utc_offset": 3600, "last_at": 1795000000,
    "turns": [{"from": "customer", "text": "Caf\u00e9 \U0001F600 at 3.5", "at": 1795000000}], "score": 0.25,
}
# What Node must produce for the same state and secret: the canonical JSON is
# the core's compact writer with object keys in UTF-8 byte order.
PINNED_CANONICAL = (
    '{"asked_at":1795000000,"channel":"whatsapp","conversation":"c-42","due":1795014400,"flow":"booking",'
    '"followups":0,"intent":"book","last_at":1795000000,"options":null,"playbook":"ac1cf997be986c91",'
    '"reprompts":0,"score":0.25,"slots":{"day":"2026-11-19","service":{"id":"color","title":"Colour"}},'
    '"stack":[],"status":"active","step":"pick","turns":[{"at":1795000000,"from":"customer",'
    '"text":"Caf\u00e9 \U0001F600 at 3.5"}],"utc_offset":3600,"v":1}'
).encode("utf-8")
PINNED_SIG = "fb7ee46a52baa34c7f1458eca1acd4d1dbbef8710ca2fbc29d627ef34716e90e"


def test_pinned_signature():
    assert _tinyyes._canonical_json(PINNED_STATE) == PINNED_CANONICAL
    # Independent check with the standard library alone.
    assert json.dumps(PINNED_STATE, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode() \
        == PINNED_CANONICAL
    assert hmac.new(SECRET, PINNED_CANONICAL, hashlib.sha256).hexdigest() == PINNED_SIG
    pb = Playbook({"tinyyes": 1}, secret=SECRET)
    assert pb.sign(PINNED_STATE)["sig"] == PINNED_SIG
    assert pb.sign(dict(PINNED_STATE, sig="stale"))["sig"] == PINNED_SIG  # an old sig is not covered


@pytest.fixture(scope="module")
def signed():
    return Playbook.default(secret=SECRET)


def _hi(at=AT, text="hi"):
    return {"type": "message", "text": text, "at": at, "conversation": "c-1"}


def test_signed_round_trip(signed):
    r1 = signed.step(None, _hi())
    st = r1["state"]
    assert isinstance(st["sig"], str) and len(st["sig"]) == 64
    r2 = signed.step(st, _hi(AT + 10, "A"))
    assert r2["state"]["sig"] != st["sig"]
    # The unsigned playbook gives the same result, minus the signature.
    plain = Playbook.default()
    p1 = plain.step(None, _hi())
    assert "sig" not in p1["state"]
    p2 = plain.step(p1["state"], _hi(AT + 10, "A"))
    r2["state"].pop("sig")
    assert r2 == p2


def test_signature_survives_key_reordering(signed):
    st = signed.step(None, _hi())["state"]
    # PostgreSQL jsonb (and others) give keys back in their own order.
    reordered = json.loads(json.dumps(st, sort_keys=True))
    reordered = dict(reversed(list(reordered.items())))
    signed.step(reordered, _hi(AT + 10, "A"))


@pytest.mark.parametrize(
    "tamper",
    [
        lambda s: s.__setitem__("status", "closed"),
        lambda s: s["turns"].append({"from": "customer", "text": "x", "at": AT}),
        lambda s: s.__setitem__("last_at", s["last_at"] - 1),
        lambda s: s.__setitem__("sig", s["sig"][:-1] + ("0" if s["sig"][-1] != "0" else "1")),
        lambda s: s.__setitem__("sig", s["sig"].upper()),
        lambda s: s.__setitem__("extra", 1),
    ],
)
def test_tampered_state_rejected(signed, tamper):
    st = signed.step(None, _hi())["state"]
    tamper(st)
    with pytest.raises(StateError) as info:
        signed.step(st, _hi(AT + 10, "A"))
    err = info.value
    assert err.reason == "signature" and err.code == "TY_STATE" and err.path == "state.sig"
    assert "altered" in str(err)


def test_unsigned_or_foreign_signed_state_rejected(signed):
    plain = Playbook.default().step(None, _hi())["state"]
    with pytest.raises(StateError) as info:
        signed.step(plain, _hi(AT + 10, "A"))
    assert info.value.reason == "signature" and "unsigned" in str(info.value)
    other = Playbook.default(secret=b"another secret").step(None, _hi())["state"]
    with pytest.raises(StateError) as info:
        signed.step(other, _hi(AT + 10, "A"))
    assert info.value.reason == "signature"
    with pytest.raises(StateError):
        signed.step(dict(plain, sig=12), _hi(AT + 10, "A"))
    with pytest.raises(StateError):
        signed.step(dict(plain, sig="caf\u00e9"), _hi(AT + 10, "A"))
    with pytest.raises(TypeError):
        signed.step("state", _hi(AT + 10, "A"))


def test_unsigned_playbook_passes_states_through():
    pb = Playbook.default()
    st = pb.step(None, _hi())["state"]
    # A sig from elsewhere is ignored by the core, not checked.
    pb.step(dict(st, sig="whatever"), _hi(AT + 10, "A"))
    with pytest.raises(ValueError):
        pb.sign(st)


@pytest.mark.parametrize("secret, exc", [("text", TypeError), (b"", ValueError), (1, TypeError)])
def test_secret_types(secret, exc):
    with pytest.raises(exc):
        Playbook({"tinyyes": 1}, secret=secret)
    assert Playbook({"tinyyes": 1}, secret=bytearray(b"k")).signed
    assert not Playbook({"tinyyes": 1}).signed


# ---- state and event errors --------------------------------------------------------------------


@pytest.fixture(scope="module")
def pb():
    return Playbook.default()


@pytest.fixture(scope="module")
def state1(pb):
    return pb.step(None, _hi())["state"]


@pytest.mark.parametrize(
    "event, path",
    [
        ({"text": "hi", "at": AT}, "event.type"),
        ({"type": "message", "text": "hi"}, "event.at"),
        ({"type": "message", "at": AT}, "event.text"),
        ({"type": "shout", "text": "hi", "at": AT}, "event.type"),
        ({"type": "message", "text": "hi", "at": -5}, "event.at"),
        ({"type": "message", "text": "hi", "at": 1.5}, "event.at"),
        ({"type": "message", "text": "hi", "at": AT, "data": [1]}, "event.data"),
        ({"type": "message", "text": "hi", "at": AT, "data": "x"}, "event.data"),
        ({"type": "tick", "text": "hi", "at": AT}, "event.text"),
        ({"type": "message", "text": "hi", "at": AT, "colour": "red"}, "event.colour"),
        ({"type": "message", "text": 5, "at": AT}, "event.text"),
        ({"type": "message", "text": "hi", "at": AT, "utc_offset": "+25:00"}, "event.utc_offset"),
    ],
)
def test_bad_events(pb, event, path):
    with pytest.raises(EventError) as info:
        pb.step(None, event)
    assert info.value.code == "TY_EVENT"
    assert info.value.path == path, (info.value.path, str(info.value))


def test_event_text_limits(pb):
    with pytest.raises(EventError) as info:
        pb.step(None, _hi(text="a\x00b"))
    assert info.value.reason == "nul"
    with pytest.raises(EventError) as info:
        pb.step(None, _hi(text="x" * (1 << 20)))
    assert info.value.reason == "limit"
    with pytest.raises(EventError) as info:
        pb.step(None, _hi(text="\udcff"))
    assert info.value.reason == "utf8" and info.value.path == "event.text"


def test_event_argument_types(pb):
    with pytest.raises(TypeError, match="event must be a dict"):
        pb.step(None, "hi")
    with pytest.raises(TypeError, match="state must be a dict"):
        pb.step([1], _hi())
    with pytest.raises(TypeError, match="event.data.x"):
        pb.step(None, dict(_hi(), data={"x": {1, 2}}))


def test_event_at_as_datetime(pb):
    when = datetime.datetime.fromtimestamp(AT, datetime.timezone.utc)
    assert pb.step(None, dict(_hi(), at=when)) == pb.step(None, _hi())
    with pytest.raises(ValueError, match="naive"):
        pb.step(None, dict(_hi(), at=datetime.datetime(2026, 11, 18)))


def test_time_going_backwards(pb, state1):
    with pytest.raises(EventError) as info:
        pb.step(state1, _hi(AT - 1, "A"))
    assert info.value.path == "event.at"


@pytest.mark.parametrize(
    "change, path",
    [
        (lambda s: s.__setitem__("v", 2), "state.v"),
        (lambda s: s.pop("status"), "state.status"),
        (lambda s: s.__setitem__("status", "dancing"), "state.status"),
        (lambda s: s.__setitem__("slots", []), "state.slots"),
        (lambda s: s.__setitem__("bogus", 1), "state.bogus"),
        (lambda s: s.__setitem__("playbook", "0000000000000000"), "state.playbook"),
        (lambda s: s.__setitem__("turns", "x"), "state.turns"),
        (lambda s: s.__setitem__("check", "maybe"), "state.check"),
        (lambda s: s.__setitem__("check_intent", "human"), "state.check_intent"),
    ],
)
def test_bad_states(pb, state1, change, path):
    st = copy.deepcopy(state1)
    change(st)
    with pytest.raises(StateError) as info:
        pb.step(st, _hi(AT + 10, "A"))
    assert info.value.code == "TY_STATE"
    assert info.value.path == path, (info.value.path, str(info.value))


def test_state_from_another_playbook(state1):
    other = Playbook({"tinyyes": 1, "intents": {"hi": {"examples": ["hi", "hello"], "say": "hey"}},
                      "templates": {"hey": "Hello! Want to book?"}})
    with pytest.raises(StateError) as info:
        other.step(state1, _hi(AT + 10))
    assert info.value.path == "state.playbook"


def test_huge_state(pb, state1):
    st = copy.deepcopy(state1)
    st["turns"] = [{"from": "customer", "text": "x" * 400, "at": AT}] * 400
    with pytest.raises(StateError) as info:
        pb.step(st, _hi(AT + 10, "A"))
    assert info.value.reason in ("limit", "state")


def test_state_not_json(pb, state1):
    with pytest.raises(StateError) as info:
        pb.step(dict(state1, due=float("nan")), _hi(AT + 10, "A"))
    assert info.value.path == "state.due"
    with pytest.raises(TypeError, match="state.slots"):
        pb.step(dict(state1, slots={1: "x"}), _hi(AT + 10, "A"))


def test_long_conversation(pb):
    state = None
    at = AT
    for i in range(10000):
        at += 7
        ev = _hi(at, ("A", "tomorrow", "maybe", "what are your prices", "hi")[i % 5]) if i % 3 else \
            {"type": "tick", "at": at}
        state = pb.step(state, ev)["state"]
    assert len(json.dumps(state)) < _tinyyes.STATE_MAX_BYTES
    assert len(state["turns"]) <= 10


# ---- threads and leaks ------------------------------------------------------------------------


SCRIPT = ["I'd like to book a full service for friday", "morning", "Sam", "yes"]


def _run(pb, conv):
    state, out = None, []
    for i, text in enumerate(SCRIPT):
        r = pb.step(state, {"type": "message", "text": text, "at": AT + 20 * i, "conversation": conv})
        state = r["state"]
        out.append(r)
    return out


def test_threads_step_one_playbook(pb):
    want = {k: _run(pb, "c-%d" % k) for k in range(4)}
    errors = []

    def work(k):
        try:
            for _ in range(100):
                assert _run(pb, "c-%d" % k) == want[k]
        except BaseException as e:
            errors.append(e)

    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)
    try:
        threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
        for th in threads:
            th.start()
        for th in threads:
            th.join(120)
            assert not th.is_alive(), "deadlock"
    finally:
        sys.setswitchinterval(old)
    assert not errors, errors[0]


def test_step_no_leaks(signed):
    def exercise():
        out = _run(signed, "leak")
        try:
            signed.step(dict(out[-1]["state"], status="x"), _hi(AT + 999))
        except StateError:
            pass
        try:
            signed.step(None, {"type": "nope", "at": AT})
        except EventError:
            pass

    for _ in range(100):
        exercise()
    counts = []
    for _ in range(6):
        for _ in range(300):
            exercise()
        gc.collect()
        counts.append(len(gc.get_objects()))
    assert len(set(counts[2:])) == 1, counts


# ---- the chat CLI ------------------------------------------------------------------------------


def _cli(*args, stdin=""):
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "tinyyes", *args], input=stdin, capture_output=True,
                          text=True, encoding="utf-8", env=env, timeout=60)


def test_cli_version():
    r = _cli("--version")
    assert r.returncode == 0 and r.stdout.strip() == "tinyyes %s" % tinyyes.__version__


def test_cli_help_and_no_command():
    r = _cli()
    assert r.returncode == 2 and "chat" in r.stdout
    r = _cli("chat", "--help")
    assert r.returncode == 0 and "/wait" in r.stdout


def test_cli_chat_transcript():
    script = "\n".join([
        "/note a booking",
        "I'd like to book a full service for friday",
        "B",
        "how much is a tune-up?",
        "/wait 4h",
        "/wait 1d",
        "/wait 2d",
        "stop",
        "/wait 1d",
        "hello?",
        "/quit",
        "never read",
    ]) + "\n"
    r = _cli("chat", stdin=script)
    assert r.returncode == 0, r.stderr
    out = r.stdout
    lines = out.splitlines()
    assert lines[0] == "tinyyes chat with Northbank Bike Workshop (the default playbook)"
    assert "# a booking" in lines
    assert "> I'd like to book a full service for friday" in lines
    assert "     [A] Morning  [B] Afternoon" in lines
    assert "> B" in lines
    i = lines.index("> B")
    assert lines[i + 1].startswith("bot: ") and "name" in lines[i + 1]
    assert "... 4h later: Tue 24 Nov 14:00" in lines
    assert "[Tue 24 Nov 14:00]" in lines
    assert "--- conversation closed: no_response ---" in lines
    assert "--- opted out: no more messages unless the customer sends START ---" in lines
    # After the opt-out the bot says nothing at all.
    tail = lines[lines.index("> hello?") + 1:]
    assert not [ln for ln in tail if ln.startswith("bot:")]
    assert "never read" not in out


def test_cli_handoff_and_resume():
    r = _cli("chat", stdin="I'd like to book a tune-up\ncan I talk to a person\nhello?\n/resume\n/state\n")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    i = lines.index("--- handed off to a person (requested) ---")
    assert any(ln.strip().startswith("Known:") or "Tune-up" in ln for ln in lines[i + 1:i + 5])
    silent = lines[lines.index("> hello?") + 1]
    assert not silent.startswith("bot:")
    assert "--- a person hands the chat back to the bot ---" in lines
    state = json.loads(r.stdout[r.stdout.index("> /state") + len("> /state"):])
    assert state["status"] == "active" and state["conversation"] == "chat-1"


def test_cli_chat_with_file_and_errors(tmp_path):
    path = tmp_path / "pb.json"
    path.write_text(json.dumps({
        "tinyyes": 1, "name": "Tiny Salon",
        "intents": {"book": {"examples": ["book a haircut", "I want an appointment"], "flow": "booking"}},
        "slots": {"visit": {"type": "choice", "options_from": "times"}},
        "templates": {"ask": "I have {{#options}}{{title}}{{^last}} or {{/last}}{{/options}}. Which one?",
                      "done": "Booked for {{visit.title}}. See you then!"},
        "flows": {"booking": {"steps": [{"id": "pick", "ask": "visit", "say": "ask"},
                                        {"id": "ok", "say": "done", "end": "completed"}]}},
    }), encoding="utf-8")
    r = _cli("chat", str(path), "--data", '{"times": ["10:00", "15:30"]}', stdin="book a haircut\nthe second one\n")
    assert r.returncode == 0, r.stderr
    assert "tinyyes chat with Tiny Salon" in r.stdout
    assert "     [A] 10:00  [B] 15:30" in r.stdout
    assert "bot: Booked for 15:30. See you then!" in r.stdout
    assert "--- conversation closed: completed ---" in r.stdout

    bad = tmp_path / "bad.json"
    bad.write_text('{"tinyyes": 1, "intentz": {}}', encoding="utf-8")
    r = _cli("chat", str(bad))
    assert r.returncode == 1 and "intentz" in r.stderr
    r = _cli("chat", str(tmp_path / "missing.json"))
    assert r.returncode == 2 and "cannot read" in r.stderr
    r = _cli("chat", stdin="/wait soon\n/frobnicate\n" + "x" * 70000 + "\n")
    assert r.returncode == 0
    assert "error: not a duration" in r.stdout and "error: unknown command /frobnicate" in r.stdout
    assert "error: event.text" in r.stdout or "limit" in r.stdout


def test_cli_in_process():
    import io
    from tinyyes import cli
    assert cli.parse_duration("90s") == 90 and cli.parse_duration("1h30m") == 5400
    assert cli.parse_duration("2d") == 172800 and cli.parse_duration("15 m") == 900
    with pytest.raises(ValueError):
        cli.parse_duration("4x")
    out = io.StringIO()
    args = cli.build_parser().parse_args(["chat"])
    assert cli.run_chat(args, stdin=io.StringIO("hi\n/quit\n"), out=out) == 0
    assert "> hi" in out.getvalue() and "bot: " in out.getvalue()


def test_a_late_event_is_an_event_error_with_reason_late():
    pb = Playbook.default()
    state = pb.step(None, {"type": "message", "text": "hi", "at": 1795000100, "id": "m1"})["state"]
    assert state["seen"] == ["m1"]
    again = pb.step(state, {"type": "message", "text": "hi", "at": 1795000000, "id": "m1"})
    assert again == {"state": state, "actions": [], "events": [], "duplicate": True}
    with pytest.raises(tinyyes.EventError) as e:
        pb.step(state, {"type": "message", "text": "hi", "at": 1795000000, "id": "m2"})
    assert (e.value.code, e.value.reason, e.value.path) == ("TY_EVENT", "late", "event.at")


PRICED = {
    "tinyyes": 1, "name": "Priced",
    "intents": {"join": {"examples": ["i want to join", "sign me up"], "flow": "join"}},
    "slots": {"plan": {"type": "choice", "options_from": "plans"}},
    "templates": {"ask": "Which plan?", "done": "Done. Message us here to book your first class."},
    "flows": {"join": {"steps": [{"id": "pick", "ask": "plan", "say": "ask"}, {"id": "ok", "say": "done", "end": "joined"}]}},
}


@pytest.mark.parametrize("price", ["9", -2, None, True])
def test_host_option_price_must_be_a_number_of_0_or_more(price):
    pb = Playbook(json.dumps(PRICED))
    event = {"type": "message", "text": "i want to join", "at": AT,
             "data": {"plans": [{"id": "a", "price": price}, {"id": "b", "price": 5}]}}
    with pytest.raises(EventError) as info:
        pb.step(None, event)
    assert info.value.path == "event.data.plans[0]"
    assert "price" in str(info.value)


@pytest.mark.parametrize("price", ["9", -2, None])
def test_kept_option_price_must_be_a_number_of_0_or_more(price):
    pb = Playbook(json.dumps(PRICED))
    state = pb.step(None, {"type": "message", "text": "i want to join", "at": AT,
                           "data": {"plans": [{"id": "a", "price": 3}, {"id": "b", "price": 5}]}})["state"]
    assert state["options"][0] == {"id": "a", "title": "a", "price": 3}
    state["options"][0]["price"] = price
    with pytest.raises(StateError) as info:
        pb.step(state, {"type": "message", "text": "the cheaper one", "at": AT + 60})
    assert info.value.path == "state.options[0]"
