"""The typed shapes (tinyyes.shapes) and their description
(csrc/data/shapes.json) against what the library really returns.

Real results (every conversation vector stepped again, match, recognize,
payload, lint and metrics vectors, the example playbooks) are checked
value by value against their TypedDicts: every required key present, no key
that is not declared, each value of its declared type (Literal values
included). Then the other way round: every declared key, every kind of
action and metric event, and each literal value of the kinds listed below
must have been seen in those results, so a declaration cannot go stale.
The same results are checked against csrc/data/shapes.json itself, read
by its own rules (the description both bindings' types are generated from;
tests/node/shapes.test.js does the same through Node). mypy's side (the stubs, --strict over a program using every API) is
`make test-typing`.
"""

import collections.abc
import datetime
import importlib.util
import json
import pathlib
import runpy
import types
import typing

import pytest

import tinyyes
from tinyyes import Playbook, Template, shapes

REPO = pathlib.Path(__file__).resolve().parents[2]
VECTORS = REPO / "tests" / "vectors"


# ---- a checker of values against type annotations --------------------------------


class Seen:
    """What the checked values held: keys per TypedDict, values per Literal;
    and each value checked with the type it was checked against."""

    def __init__(self):
        self.keys = {}
        self.literals = {}
        self.results = []

    def merge(self, other):
        for name, keys in other.keys.items():
            self.keys.setdefault(name, set()).update(keys)
        for lit, values in other.literals.items():
            self.literals.setdefault(lit, set()).update(values)


def _first_fit(value, branches, path, seen, checker):
    """A union: [] when value passes checker against one of the branches
    (what that branch saw is merged into seen), else the shortest list of
    problems among them."""
    tried = []
    for branch in branches:
        trial = type(seen)()
        problems = checker(value, branch, path, trial)
        if not problems:
            seen.merge(trial)
            return []
        tried.append(problems)
    return min(tried, key=len)


def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def check(value, tp, path, seen):
    """Problems of value against the annotation tp (a list of strings)."""
    if isinstance(tp, typing.ForwardRef):
        tp = typing._eval_type(tp, vars(shapes), None)  # JsonValue refers to itself
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if tp is typing.Any or tp is object:
        return []
    if tp is type(None):
        return [] if value is None else ["%s: %r is not None" % (path, value)]
    if origin is typing.Literal:
        if any(value == a and type(value) is type(a) for a in args):
            seen.literals.setdefault(args, set()).add(value)
            return []
        return ["%s: %r is not one of %s" % (path, value, args)]
    if origin in (typing.Union, types.UnionType):
        return _first_fit(value, args, path, seen, check)
    if typing.is_typeddict(tp):
        return _check_typeddict(value, tp, path, seen)
    if origin is list:
        if not isinstance(value, list):
            return ["%s: %r is not a list" % (path, value)]
        return [p for i, item in enumerate(value) for p in check(item, args[0], "%s[%d]" % (path, i), seen)]
    if origin in (dict, collections.abc.Mapping):
        if not isinstance(value, origin):
            return ["%s: %r is not a %s" % (path, value, origin.__name__)]
        problems = ["%s: key %r is not a str" % (path, k) for k in value if not isinstance(k, str)]
        return problems + [p for k, v in value.items() for p in check(v, args[1], "%s.%s" % (path, k), seen)]
    if tp is float:
        return [] if _is_number(value) else ["%s: %r is not a number" % (path, value)]
    if tp is int:
        return [] if isinstance(value, int) and not isinstance(value, bool) else ["%s: %r is not an int" % (path, value)]
    if tp in (str, bool, datetime.datetime):
        return [] if isinstance(value, tp) else ["%s: %r is not a %s" % (path, value, tp.__name__)]
    raise AssertionError("%s: the checker does not know %r" % (path, tp))


def _check_typeddict(value, tp, path, seen):
    if not isinstance(value, dict):
        return ["%s: %r is not a dict (%s)" % (path, value, tp.__name__)]
    hints = typing.get_type_hints(tp)
    problems = ["%s: %s lacks required key %r" % (path, tp.__name__, k)
                for k in sorted(tp.__required_keys__ - value.keys())]
    problems += ["%s: key %r is not declared in %s" % (path, k, tp.__name__) for k in value if k not in hints]
    for key, item in value.items():
        if key in hints:
            problems += check(item, hints[key], "%s.%s" % (path, key), seen)
    if not problems:
        seen.keys.setdefault(tp.__name__, set()).update(value)
    return problems


def conforms(value, tp, what, seen):
    problems = check(value, tp, what, seen)
    assert not problems, "\n".join(problems[:20])
    seen.results.append((value, tp, what))


# ---- a checker of values against the description (csrc/data/shapes.json) ---------------


def _gen_api():
    """scripts/gen_api.py as a module: the description is read by its parser."""
    spec = importlib.util.spec_from_file_location("gen_api", REPO / "scripts" / "gen_api.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GEN = _gen_api()
DESC = GEN.load()
ENTRIES = {e["name"]: e for e in DESC["shapes"] if "name" in e}


class Described:
    """What the checked values held, by the description's names: the keys
    of each shape checked as itself (those of any and those of every value),
    the values of each literal alias."""

    def __init__(self):
        self.keys = {}
        self.always = {}
        self.literals = {}

    def merge(self, other):
        for name, keys in other.keys.items():
            self.keys.setdefault(name, set()).update(keys)
        for name, keys in other.always.items():
            self.always[name] = self.always.get(name, keys) & keys
        for name, values in other.literals.items():
            self.literals.setdefault(name, set()).update(values)


def _json_problems(value, path):
    """Problems of a value that is no JSON value at all."""
    if value is None or isinstance(value, (str, bool, int)):
        return []
    if isinstance(value, float):
        return [] if value == value and abs(value) != float("inf") else ["%s: %r is not JSON" % (path, value)]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _json_problems(v, "%s[%d]" % (path, i))]
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in
                (["%s: key %r is not a str" % (path, k)] if not isinstance(k, str) else []) +
                _json_problems(v, "%s.%s" % (path, k))]
    return ["%s: %r is not JSON" % (path, value)]


PRIMITIVES = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": _is_number,
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


def described(value, tree, path, got):
    """Problems of value against a type tree of the description (a list of strings)."""
    kind, arg = tree
    if kind == "prim":
        return [] if PRIMITIVES[arg](value) else ["%s: %r is not %s" % (path, value, arg)]
    if kind == "lit":
        return [] if value == arg and type(value) is type(arg) else ["%s: %r is not %r" % (path, value, arg)]
    if kind in ("list", "pair"):
        if not isinstance(value, list) or (kind == "pair" and len(value) != 2):
            return ["%s: %r is not a %s" % (path, value, kind)]
        return [p for i, v in enumerate(value) for p in described(v, arg, "%s[%d]" % (path, i), got)]
    if kind == "map":
        if not isinstance(value, dict):
            return ["%s: %r is not a map" % (path, value)]
        return [p for k, v in value.items() for p in described(v, arg, "%s.%s" % (path, k), got)]
    if kind == "union":
        return _first_fit(value, arg, path, got, described)
    return _described_name(value, arg, path, got)


def _described_name(value, name, path, got):
    """Problems of value against a name: JsonValue, Channel, an alias or a shape."""
    if name == "JsonValue":
        return _json_problems(value, path)
    if name == "Channel":
        return [] if value in DESC["channels"] else ["%s: %r is not a channel" % (path, value)]
    entry = ENTRIES[name]
    if "tags_of" in entry:
        return [] if value in GEN.tags(entry, ENTRIES) else ["%s: %r is no %s" % (path, value, name)]
    if "type" in entry:
        problems = described(value, GEN.parse_type(entry["type"]), path, got)
        if not problems and isinstance(value, (str, int)) and not isinstance(value, bool):
            got.literals.setdefault(name, set()).add(value)
        return problems
    if not isinstance(value, dict):
        return ["%s: %r is not an object (%s)" % (path, value, name)]
    members = {m[0]: m for m in GEN.members(entry, ENTRIES)}
    problems = ["%s: %s lacks %r" % (path, name, k) for k, m in members.items() if not m[2] and k not in value]
    problems += ["%s: %r is not a member of %s" % (path, k, name) for k in value if k not in members]
    for key, item in value.items():
        if key in members:
            problems += described(item, members[key][1], "%s.%s" % (path, key), got)
    if not problems:
        got.keys.setdefault(name, set()).update(value)
        got.always[name] = got.always.get(name, set(value)) & set(value)
    return problems


PY_NAMES = {GEN.lang_name(e, "py"): e["name"] for e in ENTRIES.values()}


def tree_of(tp):
    """The description's type tree for a type these tests check with."""
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is list:
        return ("list", tree_of(args[0]))
    if origin is typing.Union:
        return ("union", [("prim", "null") if a is type(None) else tree_of(a) for a in args])
    return ("ref", PY_NAMES[tp.__name__])


# ---- the checker itself can fail ------------------------------------------------------


DESCRIBED_REJECTS = [
    ({"type": "send", "text": "hi", "choices": [], "template": "t", "variant": "text"}, "Action"),  # no step
    ({"type": "send", "text": "hi", "choices": [], "template": "t", "variant": "text", "step": None, "x": 1},
     "SendAction"),
    ({"type": "close", "outcome": 3}, "Action"),
    ({"type": "schedule", "at": 1.5, "why": "close"}, "Action"),
    ({"intent": None, "score": "0.5", "oos": True, "ranking": [], "entities": []}, "MatchResult"),
    ({"value": True, "text": "x", "start": 0, "end": 1}, "Recognized"),
    ({"amount": 5, "currency": None, "min": 1}, "SlotValue"),
    ({"channel": "email", "payload": {}, "window": "n/a"}, "PayloadResult"),
    ({"median": None, "p90": None, "mean": 1}, "TimeToNextStep"),
    ({"asks": 1, "commits": True}, "StepCounts"),
    ([1.0], "pair of number"),
    ({"type": "ask", "at": 1, "conversation": None, "flow": None, "step": None, "slot": None, "template": None},
     "MetricEvent"),  # no variant (a member of the base)
]


@pytest.mark.parametrize("value, text", DESCRIBED_REJECTS)
def test_description_checker_rejects(value, text):
    assert described(value, GEN.parse_type(text), "value", Described())


@pytest.mark.parametrize("value, tp", [
    ({"type": "send", "text": "hi", "choices": [], "template": "t", "variant": "text"}, shapes.Action),  # no step
    ({"type": "send", "text": "hi", "choices": [], "template": "t", "variant": "text", "step": None, "x": 1},
     shapes.SendAction),
    ({"type": "close", "outcome": 3}, shapes.Action),
    ({"intent": None, "score": "0.5", "oos": True, "ranking": [], "entities": []}, shapes.MatchResult),
    ({"value": True, "text": "x", "start": 0, "end": 1}, shapes.Recognized),
    ({"amount": 5, "currency": None, "min": 1}, shapes.SlotValue),
    ({"channel": "email", "payload": {}, "window": "n/a"}, shapes.PayloadResult),
])
def test_checker_rejects(value, tp):
    assert check(value, tp, "value", Seen())


# ---- real results ---------------------------------------------------------------------


def _load(doc):
    return Playbook.default() if doc["playbook"] == "default" else Playbook(doc["playbook"])


def _doc(path):
    return json.loads(path.read_text(encoding="utf-8"))


def _conversations(seen):
    """Every conversation vector stepped again, each event and result checked."""
    paths = sorted((VECTORS / "conversations").glob("*.json"))
    assert paths, "no conversation vectors"
    for path in paths:
        doc = _doc(path)
        pb, state = _load(doc), None
        for i, step in enumerate(doc["steps"]):
            where = "%s step %d" % (path.name, i)
            conforms(step["event"], shapes.Event, where + " event", seen)
            result = pb.step(state, step["event"])
            conforms(result, shapes.StepResult, where, seen)
            state = result["state"]
    # an ambiguous "not interested" waits on a confirming question (State["check"])
    pb = Playbook.default()
    first = pb.step(None, {"type": "message", "text": "I want to book a tune-up", "at": 1795000000})
    unsure = pb.step(first["state"], {"type": "message", "text": "not interested", "at": 1795000060})
    conforms(unsure, shapes.StepResult, "a confirming question", seen)
    for path in paths:  # the same from text (step_json), one playbook signed
        doc = _doc(path)
        pb, stored = _load(doc), None
        for i, step in enumerate(doc["steps"]):
            result = pb.step_json(stored, step["event"])
            conforms(result, shapes.StepJsonResult, "%s step %d from text" % (path.name, i), seen)
            stored = result["state"]
    signed = Playbook.default(secret=b"k").step(None, {"type": "message", "text": "hi", "at": 1795000000})
    conforms(signed, shapes.StepResult, "signed step", seen)
    conforms(Playbook.default(secret=b"k").sign(signed["state"]), shapes.State, "sign()", seen)


def _scripted(seen):
    """The scripted customers of the example playbooks (tests/vectors/example_playbooks.json)."""
    doc = _doc(VECTORS / "example_playbooks.json")
    for conv in doc["conversations"]:
        pb = Playbook.load(REPO / conv["playbook"])
        conforms(pb.stats(), shapes.PlaybookStats, conv["name"] + " stats", seen)
        for channel in (None,) + tinyyes.CHANNELS:
            conforms(pb.lint(channel), typing.List[shapes.PlaybookFinding], conv["name"] + " lint", seen)
        state, at = None, doc["at"]
        for text in conv["messages"]:
            event = {"type": "message", "text": text, "at": at, "conversation": conv["conversation"],
                     "channel": conv["channel"]}
            result = pb.step(state, event)
            conforms(result, shapes.StepResult, "%s %r" % (conv["name"], text), seen)
            for action in result["actions"]:
                if action["type"] == "send":
                    for channel in tinyyes.CHANNELS:
                        got = tinyyes.payload(action, channel, at=at + 60, last_customer_at=at)
                        conforms(got, shapes.PayloadResult, "%s payload %s" % (conv["name"], channel), seen)
            state, at = result["state"], at + 60


def _state_edits(seen):
    """States across playbook edits (tests/vectors/state_edits.json): steps
    and migrations, and states that expire (state_ttl)."""
    doc = _doc(VECTORS / "state_edits.json")
    for case in doc["tests"]:
        pb = Playbook(case["after"])
        if "expected" in case["migrate"]:
            got = pb.migrate(doc["state"], at=case["migrate"]["at"])
            conforms(got, shapes.MigrateResult, "migrate " + case["name"], seen)
    pb = Playbook(doc["before"]["playbook"], state_ttl=3600)
    conforms(pb.step(None, doc["before"]["events"][0]), shapes.StepResult, "state_ttl", seen)


def _matching(seen):
    """The match and recognize vectors, each call made again."""
    for folder, call, tp in (("match", "match", shapes.MatchResult),
                             ("recognize", "recognize", typing.Optional[shapes.Recognized])):
        paths = sorted((VECTORS / folder).glob("*.json"))
        assert paths, "no %s vectors" % folder
        for path in paths:
            doc = _doc(path)
            pb = Playbook(doc["playbook"])
            for case in doc["tests"]:
                at = case.get("at", 1795000000)
                if call == "match":
                    got = pb.match(case["text"], case.get("expect"), at=at, data=case.get("data"))
                else:
                    got = pb.recognize(case["text"], case["slot"], at, case.get("data"))
                conforms(got, tp, "%s %s" % (path.name, case["name"]), seen)
    pb = Playbook.default()
    conforms(pb.match("tomorrow", "day", at=1795000000), shapes.MatchResult, "match expect", seen)
    conforms(pb.match("zzz", "day", at=1795000000), shapes.MatchResult, "match expect, no answer", seen)


def _channels_and_lint(seen):
    for case in _doc(VECTORS / "payloads.json")["tests"]:
        if "expected" in case:
            got = tinyyes.payload(case["action"], case["channel"], **(case.get("options") or {}))
            conforms(got, shapes.PayloadResult, "payload " + case["name"], seen)
    for case in _doc(VECTORS / "lint.json")["tests"]:
        if "expected" not in case:
            continue
        args = {k: case[k] for k in ("channel", "locale") if k in case}
        conforms(tinyyes.lint(case["text"], **args), typing.List[shapes.Finding], "lint " + case["name"], seen)
    for case in _doc(VECTORS / "lint_playbooks.json")["tests"]:
        got = Playbook(case["playbook"]).lint(case.get("channel"))
        conforms(got, typing.List[shapes.PlaybookFinding], "playbook lint " + case["name"], seen)
    for case in _doc(VECTORS / "inbound.json")["cases"]:
        if "expected" in case:
            got = tinyyes.inbound(case["channel"], case["body"], at=case.get("at"))
            conforms(got, shapes.InboundResult, "inbound " + case["name"], seen)


def _metrics(seen, events):
    for case in _doc(VECTORS / "metrics.json")["tests"]:
        if "expected" in case:
            got = tinyyes.metrics(case["events"]).to_dict()
            conforms(got, shapes.MetricsDict, "metrics " + case["name"], seen)
    conforms(tinyyes.metrics(events).to_dict(), shapes.MetricsDict, "metrics of the vectors", seen)


@pytest.fixture(scope="module")
def seen():
    """Everything the real results held, checked against the shapes on the way."""
    seen = Seen()
    _conversations(seen)
    _scripted(seen)
    _state_edits(seen)
    _matching(seen)
    _channels_and_lint(seen)
    events = [e for path in sorted((VECTORS / "conversations").glob("*.json"))
              for step in _doc(path)["steps"] for e in step["expected"]["events"]]
    _metrics(seen, events)
    return seen


def test_real_results_conform(seen):
    assert seen.keys  # the checks ran in the fixture; a mismatch fails there


@pytest.fixture(scope="module")
def described_seen(seen):
    """The same real results checked against the description itself."""
    got, problems = Described(), []
    for value, tp, what in seen.results:
        problems += described(value, tree_of(tp), what, got)
    assert not problems, "\n".join(problems[:20])
    return got


def test_real_results_match_the_description(described_seen):
    """Every result has each member the description says is always there,
    no member it does not name, and each of the type it gives."""
    assert described_seen.keys


def _bases():
    """The shapes others extend: they are checked through their children."""
    return {e["extends"] for e in ENTRIES.values() if e.get("extends")}


@pytest.mark.parametrize("name", [n for n, e in ENTRIES.items() if "members" in e and not e.get("input")])
def test_every_described_member_occurs(described_seen, name):
    """Each shape of a result was returned, with every member it describes
    (a base through the shapes that extend it)."""
    if name in _bases():
        children = [n for n, e in ENTRIES.items() if e.get("extends") == name]
        keys = set.intersection(*(described_seen.keys.get(c, set()) for c in children))
    else:
        assert name in described_seen.keys, "no %s was returned by the calls checked" % name
        keys = described_seen.keys[name]
    assert {m[0] for m in GEN.members(ENTRIES[name], ENTRIES)} - keys == set(), "described, never returned"


@pytest.mark.parametrize("name", [n for n, e in ENTRIES.items() if "members" in e and not e.get("input")
                                  and any(m[0].endswith("?") for m in e["members"])])
def test_every_optional_member_is_sometimes_absent(described_seen, name):
    """A member described as optional was absent from some result: one that
    is always there would be described as always present."""
    optional = {m[0].rstrip("?") for m in ENTRIES[name]["members"] if m[0].endswith("?")}
    children = [n for n, e in ENTRIES.items() if e.get("extends") == name] or [name]
    for child in children:
        assert optional & described_seen.always.get(child, set()) == set(), "%s: always present" % child


@pytest.mark.parametrize("name", [n for n, e in ENTRIES.items() if "type" in e
                                  and all(b[0] == "lit" for b in GEN.flat(GEN.parse_type(e["type"])))])
def test_every_described_literal_occurs(described_seen, name):
    """Each value of a literal type was returned (or, for EventType, taken)."""
    values = {b[1] for b in GEN.flat(GEN.parse_type(ENTRIES[name]["type"]))}
    assert values - described_seen.literals.get(name, set()) == set(), "described, never seen"


def test_the_generated_python_names_are_public():
    """Every shape and alias the description gives Python is exported, bar
    the private bases."""
    for name in PY_NAMES:
        assert hasattr(shapes, name), name
        assert (name in shapes.__all__) != name.startswith("_"), name


# ---- and the other way round: nothing declared that never happens -------------------------

# The TypedDicts of results (Event is the input; Money's "amount" vs
# MoneyRange's bounds are checked by test_money_shapes).
RESULT_TYPES = [
    shapes.RankedIntent, shapes.Recognized, shapes.Entity, shapes.MatchResult, shapes.PlaybookStats,
    shapes.Choice, shapes.Turn, shapes.StackFrame, shapes.Reminder, shapes.State, shapes.SendAction, shapes.WhatsAppTemplate, shapes.StepCounts,
    shapes.ScheduleAction, shapes.HandoffAction, shapes.CloseAction, shapes.AskEvent, shapes.CommitEvent,
    shapes.RepromptEvent, shapes.FollowupEvent, shapes.HandoffEvent, shapes.OptOutEvent, shapes.CloseEvent,
    shapes.ReminderEvent, shapes.ErrorEvent, shapes.StepResult, shapes.MigrateResult, shapes.StepJsonResult, shapes.PayloadResult, shapes.Finding,
    shapes.PlaybookFinding, shapes.TimeToNextStep, shapes.Completion, shapes.WordingRow, shapes.MetricsDict,
]


@pytest.mark.parametrize("tp", RESULT_TYPES, ids=lambda tp: tp.__name__)
def test_every_declared_key_occurs(seen, tp):
    keys = seen.keys.get(tp.__name__)
    assert keys is not None, "no %s was returned by the calls checked" % tp.__name__
    assert set(typing.get_type_hints(tp)) - keys == set(), "declared, never returned"


def test_every_kind_occurs(seen):
    """Every union member was returned (each action and metric event kind),
    and the literal kinds below with each of their values."""
    for alias in (shapes.Action, shapes.MetricEvent):
        for member in typing.get_args(alias):
            assert member.__name__ in seen.keys, member.__name__
    for lit in (shapes.Status, shapes.ScheduleWhy, shapes.HandoffReason, shapes.Check, shapes.Speaker,
                shapes.Window, shapes.Requires, shapes.SmsEncoding, shapes.IgnoredReason, shapes.SlotType, shapes.Severity,
                shapes.Channel, shapes.EventType):
        values = typing.get_args(lit)
        assert seen.literals.get(values, set()) == set(values), values


def test_literals_match_the_run_time():
    assert typing.get_args(shapes.Channel) == tinyyes.CHANNELS
    for escape in typing.get_args(shapes.Escape):
        assert Template("{{a}}", escape=escape).escape == escape
    with pytest.raises((TypeError, ValueError)):
        Template("{{a}}", escape="xml")
    action = {"type": "send", "text": "Which day?", "choices": [], "template": "t", "variant": "text", "step": None}
    for mode in typing.get_args(shapes.ParseMode):
        assert tinyyes.payload(action, "telegram", at=1, parse_mode=mode)["channel"] == "telegram"
    codes = {c for f in _doc(VECTORS / "lint.json")["tests"] for c in (x["code"] for x in f.get("expected", ()))}
    codes |= {c for f in _doc(VECTORS / "lint_playbooks.json")["tests"] for c in (x["code"] for x in f["expected"])}
    assert codes == set(typing.get_args(shapes.LintCode)) | set(typing.get_args(shapes.PlaybookLintCode))


def test_money_shapes():
    pb = Playbook({"tinyyes": 1, "slots": {"m": {"type": "money"}}})
    seen = Seen()
    for text in ("$50", "under 100", "over 20 euros", "between 50 and 80"):
        got = pb.recognize(text, "m", 1795000000)
        conforms(got, shapes.Recognized, text, seen)
    assert seen.keys["Money"] == {"amount", "currency"}
    assert seen.keys["MoneyRange"] == {"min", "max", "currency"}


def test_optional_keys_at_run_time():
    """Python 3.10 has no NotRequired: the total=False subclasses must give
    the right required and optional keys at run time."""
    assert shapes.MatchResult.__optional_keys__ == {"answer"}
    assert shapes.State.__optional_keys__ == {"check", "check_intent", "locale", "followup_due", "reminders", "playbook_version",
                                              "expires", "seen", "sig"}
    assert shapes.PayloadResult.__optional_keys__ == {"requires", "removed", "segments", "encoding", "units"}
    assert shapes.Event.__required_keys__ == {"type", "at"}
    assert shapes.MoneyRange.__required_keys__ == {"currency"}


def test_public_names():
    """Every shape is importable from tinyyes itself."""
    for name in shapes.__all__:
        assert getattr(tinyyes, name) is getattr(shapes, name), name
        assert name in tinyyes.__all__


def test_uses_every_api_runs():
    """The program mypy checks (tests/typing/uses_every_api.py) also runs."""
    lines = runpy.run_path(str(REPO / "tests" / "typing" / "uses_every_api.py"))["main"]()
    assert lines[0] == tinyyes.__version__
    assert any(line.startswith("handoff (requested)") for line in lines)


def test_metrics_result_view():
    """MetricsResult's keys are MetricsDict's; the stub's __getitem__
    overloads promise read-only maps and tuples for the nested figures."""
    pb = Playbook.default()
    first = pb.step(None, {"type": "message", "text": "hi", "at": 1795000000, "conversation": "c-1"})
    res = tinyyes.metrics(first["events"])
    assert set(res) == set(typing.get_type_hints(shapes.MetricsDict))
    for key in ("conversations", "handoffs", "opt_outs"):
        assert type(res[key]) is int
    for key in ("time_to_next_step", "drop_off", "completion"):
        assert isinstance(res[key], collections.abc.Mapping) and not isinstance(res[key], dict)
    assert isinstance(res["variants"], tuple) and isinstance(res["variants"][0], collections.abc.Mapping)
