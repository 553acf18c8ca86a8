"""Simulated customers on the default playbook, to see what the per-wording
metrics (docs/metrics.md) can tell apart: ``make simulate`` runs 2,000
booking conversations through ``Playbook.step`` and prints the table of
``tinyyes.metrics(...)["variants"]``.

Each customer opens with "hi", asks to book, and answers every question,
but whether they reply to a question at all, and how soon, depends on the
wording they were shown (the send action's "template" and "variant"):
the chances below are made up for the simulation, so the table can be read
against them. A customer who does not reply may come back after a
follow-up; one in ten replies is unclear at first (a re-ask follows).

The randomness is the script's own (random.Random with a fixed seed); the
core stays deterministic: the wording a conversation gets is the hash of
its id, step and template.

    .venv/bin/python bench/simulate_variants.py [--conversations N] [--seed S]
"""

import argparse
import random
import sys

import tinyyes

START = 1795514400  # Tue 2026-11-24 10:00 UTC: the workshop is open, outside quiet hours

# (template, variant) -> (chance to reply when first shown, mean seconds to reply)
SHOWN = {
    ("welcome", "text"): (0.80, 120),
    ("welcome", "v1"): (0.90, 60),
    ("ask_service", "text"): (0.85, 90),
    ("ask_service", "v1"): (0.70, 150),
    ("ask_day", "text"): (0.75, 200),
    ("ask_day", "v1"): (0.75, 80),
}
OTHER = (0.92, 90)  # any other question (one wording only)
AFTER_FOLLOWUP = 0.25  # chance to come back after a follow-up
AFTER_REASK = 0.80  # chance to answer a re-ask
UNCLEAR = 0.10  # chance a reply is not an answer at first

NAMES = ["Sam", "Alex Morgan", "Priya", "Jo", "Chris Lee"]
FUNNEL = ["welcome.menu", "booking.kind", "booking.when", "booking.part", "booking.who", "booking.check"]


def _answer(state, send, rng):
    """A reply that answers the pending question of `state`."""
    step, choices = state["step"], send.get("choices") or []
    if step == "menu":
        return "Book a service"
    if step == "who":
        return "my name is " + rng.choice(NAMES)
    if step == "check":
        return "yes"
    if step == "when" and not choices:
        return rng.choice(["tomorrow", "thursday", "friday"])
    return rng.choice(choices)["title"] if choices else "yes"


def _shown(result):
    """The last message the bot sent about the pending question, or None."""
    pending = result["state"]["step"]
    sends = [a for a in result["actions"] if a["type"] == "send" and a["step"] == pending]
    return sends[-1] if sends else None


def _odds(result):
    """(chance to reply, mean seconds to reply) to what `result` sent."""
    send = _shown(result)
    if send is None:
        return 0.0, 1
    kinds = {e["type"] for e in result["events"]}
    if "followup" in kinds:
        return AFTER_FOLLOWUP, OTHER[1]
    if "reprompt" in kinds:
        return AFTER_REASK, OTHER[1]
    return SHOWN.get((send["template"], send["variant"]), OTHER)


def converse(pb, cid, start, rng, metrics):
    """Plays one conversation, feeding its metric events to `metrics`."""
    at, due = start, None
    result = pb.step(None, {"type": "message", "text": "hi", "at": at, "conversation": cid})
    for _ in range(60):  # a bound; a booking takes about a dozen steps
        metrics.add(result["events"])
        state = result["state"]
        if state["status"] != "active" or state["step"] is None:
            return
        due = next((a["at"] for a in result["actions"] if a["type"] == "schedule"), due)
        chance, mean = _odds(result)
        if rng.random() < chance:
            reply_at = at + 1 + int(rng.expovariate(1.0 / mean))
            if due is None or reply_at < due:
                at = reply_at
                unclear = rng.random() < UNCLEAR
                text = "hmm" if unclear else _answer(state, _shown(result), rng)
                result = pb.step(state, {"type": "message", "text": text, "at": at, "conversation": cid})
                continue
        if due is None:
            return
        at, due = due, None  # silence until the follow-up (or the close) is due
        result = pb.step(state, {"type": "tick", "at": at, "conversation": cid})


def _pct(x):
    return "   -  " if x is None else "%5.1f%%" % (100 * x)


def _ci(ci):
    return " " * 15 if ci is None else "[%5.1f, %5.1f]" % (100 * ci[0], 100 * ci[1])


def _secs(x):
    return "-" if x is None else "%d s" % x


def table(rows):
    """The per-wording table, one line per (step, template, variant)."""
    head = "%-14s %-14s %-7s %5s  %-6s %-15s  %-6s %-15s  %s" % (
        "step", "template", "variant", "asks", "reply", "95% CI", "done", "95% CI", "median to next step")
    lines = [head, "-" * len(head)]
    for r in rows:
        lines.append("%-14s %-14s %-7s %5d  %s %s  %s %s  %s" % (
            "%s.%s" % (r["flow"], r["step"]), r["template"], r["variant"], r["asks"], _pct(r["reply_rate"]),
            _ci(r["reply_rate_ci"]), _pct(r["completion"]), _ci(r["completion_ci"]),
            _secs(r["time_to_next_step"]["median"])))
    return "\n".join(lines)


def run(conversations=2000, seed=7):
    """Simulates `conversations` conversations; returns the MetricsResult."""
    pb = tinyyes.Playbook.default()
    rng = random.Random(seed)
    m = tinyyes.Metrics()
    for i in range(conversations):
        # starts spread over the opening hours of one Tuesday
        converse(pb, "sim-%05d" % i, START + (i * 37) % (8 * 3600), rng, m)
    return m.result()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--conversations", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    res = run(args.conversations, args.seed)
    print("%d simulated booking conversations on the default playbook (seed %d)" % (args.conversations, args.seed))
    print("simulated chance to reply, by wording shown: " +
          ", ".join("%s/%s %d%%" % (t, v, round(100 * p)) for (t, v), (p, _) in SHOWN.items()))
    print("reply rate %s, completion %s, median time to next step %s" % (
        _pct(res["reply_rate"]).strip(), _pct(res["completion"]["overall"]).strip(),
        _secs(res["time_to_next_step"]["median"])))
    print()
    def place(row):  # the booking funnel first, then anything else the customers wandered into
        key = "%s.%s" % (row["flow"], row["step"])
        return (FUNNEL.index(key) if key in FUNNEL else len(FUNNEL), key)

    print(table(sorted(res["variants"], key=place)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
