"""Runs the quality vectors (tests/vectors/conversations/quality/*.json)
through the Python binding; shared by tests/python/test_quality.py (which
fails) and tests/quality_report.py (which reports). The format is the one
the C and Node runners read too (tests/c/test_quality.c,
tests/node/quality.test.js):

- each customer is a fresh conversation (its id is the customer's name) on
  a virtual clock like ``python -m tinyyes chat``'s: it starts at START and
  moves on STEP_SECONDS before every customer message but the first;
- ``{"say": title, "choice": id}`` is a button tap: the title shown and
  the option id, as ``tinyyes.inbound`` reads a tap;
- ``{"wait": N}`` delivers a tick at each ``state["due"]`` that falls inside
  the wait, in order, at most MAX_TICKS_PER_WAIT, then the clock is start+N;
  the turn's result is all of those ticks together (none: nothing sent);
- ``expect`` keys are checked against the turn's result, and five counters
  (COUNTERS) are kept; a customer passes with no problem and zero counters.

The vectors directory is $TINYYES_VECTORS when set (as for the C suite),
else tests/vectors.
"""

import json
import os
import pathlib

import tinyyes

REPO = pathlib.Path(__file__).resolve().parents[2]
START = 1795514400  # Tue 2026-11-24 10:00 UTC, as the chat CLI
STEP_SECONDS = 15
MAX_TICKS_PER_WAIT = 50
EXPECT_KEYS = ("status", "ask", "slots", "opt_out", "handoff", "check", "sent", "intent")
COUNTERS = ("false_opt_outs", "missed_opt_outs", "false_handoffs", "offtopic_acted_on", "verbatim_repeats")


def quality_dir():
    env = os.environ.get("TINYYES_VECTORS")
    base = pathlib.Path(env) if env else REPO / "tests" / "vectors"
    return base / "conversations" / "quality"


def vector_files():
    """The quality vector files, sorted (playbooks/ is not among them)."""
    return sorted(quality_dir().glob("*.json"))


def load_vector(path):
    return json.loads(pathlib.Path(path).read_text(encoding="utf-8"))


_PLAYBOOKS = {}


def playbook(name):
    """"default" or a file name under quality/playbooks/; loaded once."""
    if name not in _PLAYBOOKS:
        if name == "default":
            _PLAYBOOKS[name] = tinyyes.Playbook.default()
        else:
            _PLAYBOOKS[name] = tinyyes.Playbook((quality_dir() / "playbooks" / name).read_text(encoding="utf-8"))
    return _PLAYBOOKS[name]


class Outcome:
    """One customer's run: problems in turn order and the counters."""

    def __init__(self, file, name):
        self.file, self.name = file, name
        self.known_gap = None  # the vector's reason when it documents a known failure
        self.problems = []
        self.counts = dict.fromkeys(COUNTERS, 0)

    @property
    def passed(self):
        return not self.problems and not any(self.counts.values())

    def report(self):
        return "%s: %s\n  %s" % (self.file, self.name, "\n  ".join(self.problems))


def _js(value):
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def ask_of(state):
    if state and state.get("flow") and state.get("step"):
        return "%s.%s" % (state["flow"], state["step"])
    return None


def _round(state):
    """What an off-topic message must not change (a new conversation is empty)."""
    if state is None:
        return (None, None, {}, "active")
    return (state.get("intent"), ask_of(state), state.get("slots") or {}, state.get("status"))


def _acted(before, after):
    """Whether an off-topic message was acted on: it changed the intent, the
    pending ask, the slots or the status. A closed conversation left as it
    was is untouched; one reopened to answer is empty, so there only
    starting something (an intent or an ask) or changing the slots counts."""
    if before[3] == "closed":
        return after != before and (after[0] is not None or after[1] is not None or after[2] != before[2])
    return after != before


def _same(got, want):
    """JSON equality: 3 == 3.0, but true is not 1."""
    if isinstance(got, bool) or isinstance(want, bool):
        return got is want
    return got == want


def _slot_matches(got, want):
    if isinstance(got, dict) and "id" in got and not isinstance(want, dict):
        got = got["id"]  # a choice compares by option id
    return _same(got, want)


def _check(expect, state, seen):
    """The expectations that do not hold, as "key: got X, want Y"."""
    state = state or {}
    got = {"status": state.get("status"), "ask": ask_of(state), "check": state.get("check"),
           "intent": state.get("intent"), **seen}
    bad = []
    for key, want in expect.items():
        if key not in EXPECT_KEYS:
            bad.append("unknown expect key %s" % _js(key))
        elif key == "slots":
            slots = state.get("slots") or {}
            for slot, w in want.items():
                if not _slot_matches(slots.get(slot), w):
                    bad.append("slots.%s: got %s, want %s" % (slot, _js(slots.get(slot)), _js(w)))
        elif not _same(got[key], want):
            bad.append("%s: got %s, want %s" % (key, _js(got[key]), _js(want)))
    return bad


class _Conversation:
    def __init__(self, pb, name):
        self.pb, self.name = pb, name
        self.now, self.started = START, False
        self.state = None
        self.last_sent = []  # the texts the previous step sent
        self.repeats = []  # texts sent again verbatim during this turn

    def _step(self, event):
        result = self.pb.step(self.state, event)
        self.state = result["state"]
        sent = [a["text"] for a in result["actions"] if a.get("type") == "send"]
        self.repeats += [text for text in sent if text in self.last_sent]
        self.last_sent = sent
        return result

    def turn(self, turn):
        """Plays one turn; the list of step results (ticks: maybe none)."""
        if "say" in turn:
            if self.started:
                self.now += STEP_SECONDS
            self.started = True
            event = {"type": "message", "text": turn["say"], "at": self.now, "conversation": self.name}
            if "choice" in turn:  # a button tap: the title shown, and the option id
                event["choice"] = turn["choice"]
            return [self._step(event)]
        end = self.now + turn["wait"]
        results = []
        for _ in range(MAX_TICKS_PER_WAIT):
            due = self.state.get("due") if self.state else None
            if due is None or due > end or due < self.now:
                break
            self.now = due
            results.append(self._step({"type": "tick", "at": due}))
        self.now = end
        return results


def describe(turn):
    return "say %s" % _js(turn["say"]) if "say" in turn else "wait %ss" % _js(turn.get("wait"))


def run_customer(pb, customer, file=""):
    """Steps one customer through pb; returns its Outcome."""
    outcome = Outcome(file, customer.get("name", "?"))
    outcome.known_gap = customer.get("known_gap")
    conv = _Conversation(pb, outcome.name)
    for i, turn in enumerate(customer.get("turns", [])):
        where = "turn %d (%s)" % (i, describe(turn))
        wait = turn.get("wait")
        if "say" not in turn and (type(wait) is not int or wait < 0):
            outcome.problems.append("%s: a turn needs \"say\" or a \"wait\" of whole seconds >= 0" % where)
            break
        before = _round(conv.state)
        conv.repeats = []
        try:
            results = conv.turn(turn)
        except (tinyyes.Error, TypeError, ValueError) as exc:
            outcome.problems.append("%s: step failed: %s" % (where, exc))
            break
        seen = {
            "sent": any(a.get("type") == "send" for r in results for a in r["actions"]),
            "opt_out": any(e.get("type") == "opt_out" for r in results for e in r["events"]),
            "handoff": any(a.get("type") == "handoff" for r in results for a in r["actions"]),
        }
        expect = turn.get("expect", {})
        outcome.problems += ["%s: %s" % (where, bad) for bad in _check(expect, conv.state, seen)]
        if seen["opt_out"] and expect.get("opt_out") is not True:
            outcome.counts["false_opt_outs"] += 1
            if "opt_out" not in expect:
                outcome.problems.append("%s: false opt-out" % where)
        if expect.get("opt_out") is True and not seen["opt_out"]:
            outcome.counts["missed_opt_outs"] += 1
        if seen["handoff"] and expect.get("handoff") is not True:
            outcome.counts["false_handoffs"] += 1
            if "handoff" not in expect:
                outcome.problems.append("%s: false handoff" % where)
        if turn.get("offtopic") is True and "say" in turn and _acted(before, _round(conv.state)):
            outcome.counts["offtopic_acted_on"] += 1
            outcome.problems.append("%s: off-topic acted on: %s -> %s" % (
                where, _js(before), _js(_round(conv.state))))
        for text in conv.repeats:
            outcome.counts["verbatim_repeats"] += 1
            outcome.problems.append("%s: verbatim repeat: %s" % (where, _js(text)))
    return outcome


def run_file(path):
    """The Outcomes of every customer of one vector file."""
    doc = load_vector(path)
    pb = playbook(doc["playbook"])
    return [run_customer(pb, c, pathlib.Path(path).name) for c in doc["customers"]]
