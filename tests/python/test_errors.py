"""Every error a user can trigger is a tinyyes.Error (issue 14): argument
errors are also the builtin kind (TypeError, OverflowError, ValueError), values
that are not data are refused naming the value, NUL says NUL. The Node twin is
tests/node/errors.test.js."""

import datetime
import json
from pathlib import Path

import pytest

import tinyyes
from tinyyes import (
    ArgumentOverflowError,
    ArgumentTypeError,
    Error,
    EventError,
    EventTypeError,
    Metrics,
    Playbook,
    StateTypeError,
    Template,
    TemplateError,
    TemplateTypeError,
)

AT = 1795000000
PB = Playbook.default()
SEND = {"type": "send", "text": "Morning or afternoon?", "choices": [{"id": "a", "title": "Morning"}]}


def test_hierarchy():
    assert issubclass(Error, ValueError)
    assert issubclass(ArgumentTypeError, Error) and issubclass(ArgumentTypeError, TypeError)
    assert issubclass(ArgumentOverflowError, Error) and issubclass(ArgumentOverflowError, OverflowError)
    for twin, domain in ((TemplateTypeError, TemplateError), (StateTypeError, tinyyes.StateError),
                         (EventTypeError, EventError)):
        assert issubclass(twin, domain) and issubclass(twin, ArgumentTypeError)
    assert ArgumentTypeError.code == "TY_ERROR" and TemplateTypeError.code == "TY_TEMPLATE"
    for name in ("ArgumentTypeError", "ArgumentOverflowError", "TemplateTypeError", "StateTypeError",
                 "EventTypeError"):
        assert name in tinyyes.__all__


# (call, the class it raises, the builtin kind it also is, its code)
BAD_CALLS = [
    (lambda: Template(1), ArgumentTypeError, TypeError, "TY_ERROR"),
    (lambda: Template(b"x"), ArgumentTypeError, TypeError, "TY_ERROR"),
    (lambda: Template("x", strict="yes"), ArgumentTypeError, TypeError, "TY_ERROR"),
    (lambda: Template("x", guard=None), ArgumentTypeError, TypeError, "TY_ERROR"),
    (lambda: Template("x", escape=1), ArgumentTypeError, TypeError, "TY_ERROR"),
    (lambda: Template("x", escape="markdown"), Error, ValueError, "TY_ERROR"),
    (lambda: Template("x", partials=["a"]), ArgumentTypeError, TypeError, "TY_ERROR"),
    (lambda: Template("x", partials={"p": 1}), ArgumentTypeError, TypeError, "TY_ERROR"),
    (lambda: Template("x", partials={1: "x"}), ArgumentTypeError, TypeError, "TY_ERROR"),
    (lambda: Template("x").render({}, {}), ArgumentTypeError, TypeError, "TY_ERROR"),
    (lambda: Template("x").render(other={}), ArgumentTypeError, TypeError, "TY_ERROR"),
    (lambda: Playbook(1), ArgumentTypeError, TypeError, "TY_ERROR"),
    (lambda: Playbook("{}", max_bytes="1"), ArgumentTypeError, TypeError, "TY_ERROR"),
    (lambda: Playbook("{}", max_bytes=-1), Error, ValueError, "TY_ERROR"),
    (lambda: Playbook("{}", max_bytes=10**30), ArgumentOverflowError, OverflowError, "TY_ERROR"),
    (lambda: Playbook(Playbook.default_source(), secret="text"), ArgumentTypeError, TypeError, "TY_ERROR"),
    (lambda: Playbook(Playbook.default_source(), secret=b""), Error, ValueError, "TY_ERROR"),
    (lambda: PB.match(1, at=AT), ArgumentTypeError, TypeError, "TY_ERROR"),
    (lambda: PB.match("hi", 1, at=AT), ArgumentTypeError, TypeError, "TY_ERROR"),
    (lambda: PB.match("hi", at="now"), ArgumentTypeError, TypeError, "TY_ERROR"),
    (lambda: PB.match("hi", at=True), ArgumentTypeError, TypeError, "TY_ERROR"),
    (lambda: PB.match("hi", at=float("nan")), Error, ValueError, "TY_ERROR"),
    (lambda: PB.match("hi", at=datetime.datetime(2026, 1, 1)), Error, ValueError, "TY_ERROR"),
    (lambda: PB.match("hi", at=10**30), ArgumentOverflowError, OverflowError, "TY_ERROR"),
    (lambda: PB.match("hi", at=AT, utc_offset="noon"), Error, ValueError, "TY_ERROR"),
    (lambda: PB.match("hi", at=AT, utc_offset=[1]), ArgumentTypeError, TypeError, "TY_ERROR"),
    (lambda: PB.match("hi", at=AT, utc_offset=10**6), Error, ValueError, "TY_ERROR"),
    (lambda: PB.match("hi", at=AT, data=[1]), ArgumentTypeError, TypeError, "TY_ERROR"),
    (lambda: PB.recognize("hi", 1, at=AT), ArgumentTypeError, TypeError, "TY_ERROR"),
    (lambda: PB.lint(1), ArgumentTypeError, TypeError, "TY_ERROR"),
    (lambda: PB.step(None, []), EventTypeError, TypeError, "TY_EVENT"),
    (lambda: PB.step([], {"type": "tick", "at": AT}), StateTypeError, TypeError, "TY_STATE"),
    (lambda: PB.step(None, {"type": "message", "text": "hi", "at": AT, "data": {"x": {1}}}),
     EventTypeError, TypeError, "TY_EVENT"),
    (lambda: PB.step(None, {"type": "message", "text": "hi", "at": AT, "data": {1: "x"}}),
     EventTypeError, TypeError, "TY_EVENT"),
    (lambda: PB.sign({}), Error, ValueError, "TY_ERROR"),
    (lambda: tinyyes.payload(1, "sms", at=AT), ArgumentTypeError, TypeError, "TY_ERROR"),
    (lambda: tinyyes.payload(SEND, 1, at=AT), ArgumentTypeError, TypeError, "TY_ERROR"),
    (lambda: tinyyes.payload(SEND, "sms", at=AT, last_customer_at="x"), ArgumentTypeError, TypeError, "TY_ERROR"),
    (lambda: tinyyes.payload(SEND, "sms", at=10**30), ArgumentOverflowError, OverflowError, "TY_ERROR"),
    (lambda: tinyyes.payload(SEND, "telegram", at=AT, parse_mode=1), ArgumentTypeError, TypeError, "TY_ERROR"),
    (lambda: tinyyes.payload(dict(SEND, choices=[object()]), "sms", at=AT), ArgumentTypeError, TypeError,
     "TY_ERROR"),
    (lambda: tinyyes.lint(1), ArgumentTypeError, TypeError, "TY_ERROR"),
    (lambda: tinyyes.lint("x", channel=1), ArgumentTypeError, TypeError, "TY_ERROR"),
    (lambda: Metrics().add([{1}]), EventTypeError, TypeError, "TY_EVENT"),
    (lambda: tinyyes.MetricsResult(1), ArgumentTypeError, TypeError, "TY_ERROR"),
]


@pytest.mark.parametrize("call, cls, builtin, code", BAD_CALLS)
def test_bad_arguments(call, cls, builtin, code):
    with pytest.raises(Error) as info:
        call()
    err = info.value
    assert type(err) is cls, (type(err), err)
    assert isinstance(err, builtin) and isinstance(err, Error)
    assert err.code == code and err.reason is not None
    assert str(err)


def test_overflow_keeps_its_cause():
    with pytest.raises(ArgumentOverflowError) as info:
        PB.match("hi", at=10**30)
    assert "match() at is out of range" in str(info.value)
    assert isinstance(info.value.__cause__, OverflowError)


NOT_DATA = [object(), {1, 2}, frozenset(), b"x", iter([1]), datetime.date(2026, 1, 1), 1j]


@pytest.mark.parametrize("value", NOT_DATA, ids=lambda v: type(v).__name__)
def test_template_values_that_are_not_data(value):
    name = type(value).__name__
    for src, data, where in (
        ("{{x}}", {"x": value}, 'value of "x"'),
        ("{{#xs}}{{.}}{{/xs}}", {"xs": ["a", value]}, 'item 1 of "xs"'),
        ("{{#o}}{{a.b}}{{/o}}", {"o": {"a": {"b": value}}}, 'value of "a.b"'),
    ):
        with pytest.raises(TemplateTypeError) as info:
            Template(src).render(data)
        msg = str(info.value)
        assert msg.startswith(where + " is not data: expected a map, list, string, number, boolean or null, not "
                              + name), msg
        assert info.value.code == "TY_TEMPLATE" and info.value.line == 1
        assert "object at 0x" not in msg  # never a repr


def test_template_root_not_data():
    with pytest.raises(TemplateTypeError, match="^the root value is not data: .* not set$"):
        Template("x").render({1})


def test_data_that_is_data_renders():
    out = Template("{{a}} {{b}} {{c}} {{#d}}{{.}}{{/d}} {{e.f}} {{g}}").render(
        {"a": "s", "b": 1, "c": 2.5, "d": (1, 2), "e": {"f": True}, "g": 2**70})
    assert out == "s 1 2.5 12 true %d" % 2**70


def test_nul_in_a_field_says_nul():
    for field in ("conversation", "channel"):
        with pytest.raises(EventError) as info:
            PB.step(None, {"type": "message", "text": "hi", "at": AT, field: "a\x00b"})
        assert info.value.reason == "nul" and "NUL" in str(info.value), str(info.value)
        assert info.value.path == "event." + field


@pytest.mark.parametrize("call", [
    lambda: Template("a\ud800"),
    lambda: Template("{{>p}}", partials={"p": "\udc00"}),
    lambda: Template("{{x}}").render({"x": "\ud83d"}),
    lambda: Playbook('{"x": "\ud800"}'),
    lambda: PB.match("hi \ud800", at=AT),
    lambda: PB.step(None, {"type": "message", "text": "\ud800", "at": AT}),
    lambda: PB.step(None, {"type": "message", "text": "hi", "at": AT, "data": {"k": "\udc00"}}),
    lambda: tinyyes.lint("a\ud800"),
])
def test_lone_surrogates_are_errors(call):
    with pytest.raises(Error) as info:
        call()
    assert info.value.reason == "utf8" and "surrogate" in str(info.value)


# ---- tests/vectors/host_values.json: the Node twin runs the same cases ------

HOST_VALUES = json.loads((Path(__file__).resolve().parents[1] / "vectors" / "host_values.json").read_text("utf-8"))
PY_CASES = [c for c in HOST_VALUES["cases"] if c.get("only", "python") == "python"]


def _native(v):
    """The Python value a vector describes ({"$": kind, ...} for host values)."""
    if isinstance(v, list):
        return [_native(x) for x in v]
    if not isinstance(v, dict):
        return v
    kind = v.get("$")
    if kind is None:
        return {k: _native(x) for k, x in v.items()}
    if kind == "text":
        # UTF-16 code units, lone surrogates included
        return b"".join(u.to_bytes(2, "little") for u in v["units"]).decode("utf-16-le", "surrogatepass")
    if kind == "instance":
        obj = type(v["cls"], (), {})()
        obj.__dict__.update(v["fields"])
        return obj
    makers = {
        "set": lambda: set(v["items"]),
        "frozenset": frozenset,
        "date": lambda: datetime.date.fromisoformat(v["iso"]),
        "bytes": lambda: v["text"].encode(),
        "bigint": lambda: int(v["digits"]),
        "iterator": lambda: iter([1]),
        "complex": lambda: 1j,
    }
    return makers[kind]()


def _run_vector(case):
    if case["call"] == "compile":
        return Template(_native(case["template"]), partials=_native(case.get("partials")))
    if case["call"] == "render":
        return Template(case["template"], partials=case.get("partials")).render(_native(case["data"]))
    if case["call"] == "event_data":
        return PB.step(None, {"type": "message", "text": "hi", "at": AT, "data": _native(case["value"])})
    return PB.step(_native(case["value"]), {"type": "tick", "at": AT})


TWINS = {"TY_TEMPLATE": (TemplateTypeError, TemplateError), "TY_EVENT": (EventTypeError, EventError),
         "TY_STATE": (StateTypeError, tinyyes.StateError)}


@pytest.mark.parametrize("case", PY_CASES, ids=[c["name"] for c in PY_CASES])
def test_host_values(case):
    if "output" in case:
        assert _run_vector(case) == case["output"]
        return
    want = case["error"]
    with pytest.raises(Error) as info:
        _run_vector(case)
    err = info.value
    twin, domain = TWINS[want["code"]]
    assert type(err) is (twin if want["class"] == "type" else domain), (type(err), err)
    assert isinstance(err, TypeError) == (want["class"] == "type")
    message = want["message"] if isinstance(want["message"], str) else want["message"]["python"]
    if "type" in want:
        message = message.replace("{type}", want["type"]["python"])
    assert str(err) == message
    assert (err.code, err.reason) == (want["code"], want["reason"])
    for field in ("path", "line", "col"):
        if field in want:
            assert getattr(err, field) == want[field], field
