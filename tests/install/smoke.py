"""A short conversation through an installed tinyyes, run by the install
tests inside a fresh venv: prints where tinyyes came from, then checks one
template, one match and three steps of the default playbook's booking.

Usage: python smoke.py [--steps N]   (exit status 0 when every check holds)
"""

import os
import sys

import tinyyes
from tinyyes import Playbook, Template

AT = 1795000000  # a fixed time: the same answers on every machine
# (customer's message, a slot it fills, that slot's value as stored)
TURNS = [
    ("hi, I'd like to book a tune-up", "service", {"id": "tuneup", "title": "Tune-up"}),
    ("tomorrow", "day", "2026-11-19"),
    ("morning", "part", {"id": "morning", "title": "Morning"}),
]


def check(cond, what):
    """Stops with a message naming the failed check."""
    if not cond:
        sys.exit("smoke: FAILED: %s" % what)


def main():
    steps = int(sys.argv[sys.argv.index("--steps") + 1]) if "--steps" in sys.argv else len(TURNS)
    ext = tinyyes._tinyyes.__file__
    print("smoke: tinyyes %s from %s" % (tinyyes.__version__, os.path.dirname(ext)))
    check(sys.prefix in os.path.realpath(ext) or sys.prefix in ext,
          "the extension %s is not inside this venv (%s)" % (ext, sys.prefix))

    libs = os.path.join(os.path.dirname(os.path.dirname(ext)), "tinyyes.libs")
    if os.path.isdir(libs):  # a repaired wheel: each bundled library carries its licence
        copies = [f for f in os.listdir(libs) if ".so" in f and not f.endswith(".LICENSE")]
        for copy in copies:
            notice = os.path.join(libs, copy.split("-")[0] + ".LICENSE")
            check(os.path.isfile(notice), "%s has no licence beside it (%s)" % (copy, notice))
            with open(notice, encoding="utf-8") as f:
                check("permission is hereby granted" in f.read().lower(), "%s is not a licence text" % notice)
        print("smoke: %d bundled librar%s, each with its licence" % (len(copies), "y" if len(copies) == 1 else "ies"))

    check(Template("Hi {{name}}!").render({"name": "Ana"}) == "Hi Ana!", "template render")

    pb = Playbook.default()
    m = pb.match("can I get my bike serviced on friday", at=AT)
    check(m["intent"] == "booking" and m["oos"] is False, "match gave %r" % (m,))
    check(any(e["slot"] == "day" and e["value"] == "2026-11-20" for e in m["entities"]),
          "match entities %r" % (m["entities"],))

    state = None
    for n, (text, slot, value) in enumerate(TURNS[:steps], 1):
        out = pb.step(state, {"type": "message", "text": text, "at": AT, "conversation": "smoke"})
        check(set(out) >= {"state", "actions", "events"}, "step %d keys %r" % (n, sorted(out)))
        sends = [a for a in out["actions"] if a["type"] == "send"]
        check(sends and sends[0]["text"], "step %d sent nothing: %r" % (n, out["actions"]))
        state = out["state"]
        check(state["slots"].get(slot) == value, "step %d: slot %s is %r, not %r"
              % (n, slot, state["slots"].get(slot), value))
    print("smoke: ok (%d steps)" % steps)


if __name__ == "__main__":
    main()
