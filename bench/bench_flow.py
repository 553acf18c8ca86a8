"""bench_flow.py — Playbook.step from Python: steps per second for a booking.

A five-step booking conversation with the default playbook (the service in
the first message, then day, part of day, name, and "yes" to the check; the
fifth step books and closes), run over and over. As a web app storing the
conversation in a database does, the state is serialised with json.dumps
after every step and restored with json.loads before the next. Reported:

  step + JSON        the figure to compare (XState and the Node/C benches do the same)
  step only          the state object passed straight back (no serialisation)
  step + JSON, signed  Playbook(..., secret=...): HMAC-SHA256 over the
                     canonical state on every step, verified on the way in
  step_json (text)   the state kept as the JSON text Playbook.step_json takes
                     and returns (the core parses and writes it)
  step_json, signed  the same with a secret

Each row: steps per second and microseconds per step, the median of several
timed batches (each about --batch-seconds long).

    python bench/bench_flow.py [--repeat 7] [--batch-seconds 0.3]
"""

import argparse
import json
import statistics
import sys
import time

import tinyyes

AT = 1795514400  # Tue 2026-11-24 10:00 UTC: inside opening hours, outside quiet hours
SCRIPT = ["I'd like to book a full service", "friday", "morning", "Sam", "yes"]


def conversation(pb, serialise, conv="bench"):
    stored = None
    at = AT
    result = None
    for text in SCRIPT:
        at += 20
        state = json.loads(stored) if serialise and stored is not None else stored
        result = pb.step(state, {"type": "message", "text": text, "at": at, "conversation": conv})
        stored = json.dumps(result["state"]) if serialise else result["state"]
    return result


def conversation_text(pb, conv="bench"):
    stored, at, result = None, AT, None
    for text in SCRIPT:
        at += 20
        result = pb.step_json(stored, {"type": "message", "text": text, "at": at, "conversation": conv})
        stored = result["state"]
    return result


def check(pb):
    """The script must really book (else the bench would time something else)."""
    last = conversation(pb, True)
    kinds = [a["type"] for a in last["actions"]]
    if "close" not in kinds or last["state"]["status"] != "closed":
        raise SystemExit("bench_flow: the scripted booking did not complete: %r" % last["actions"])
    return len(json.dumps(last["state"]))


def measure(fn, repeat, batch_seconds):
    n = 1
    while True:  # size a batch to about batch_seconds
        t0 = time.perf_counter()
        for _ in range(n):
            fn()
        dt = time.perf_counter() - t0
        if dt >= batch_seconds / 4:
            n = max(1, int(n * batch_seconds / dt))
            break
        n *= 4
    per = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        for _ in range(n):
            fn()
        per.append((time.perf_counter() - t0) / (n * len(SCRIPT)))
    return statistics.median(per)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--batch-seconds", type=float, default=0.3)
    args = ap.parse_args()

    plain = tinyyes.Playbook.default()
    signed = tinyyes.Playbook.default(secret=b"bench secret")
    size = check(plain)
    check(signed)
    print("tinyyes %s (Python %s): five-step booking with the default playbook; final state %d bytes of JSON"
          % (tinyyes.__version__, sys.version.split()[0], size))
    rows = [
        ("step + JSON", lambda: conversation(plain, True)),
        ("step only", lambda: conversation(plain, False)),
        ("step + JSON, signed", lambda: conversation(signed, True)),
        ("step_json (text)", lambda: conversation_text(plain)),
        ("step_json, signed", lambda: conversation_text(signed)),
    ]
    for name, fn in rows:
        per = measure(fn, args.repeat, args.batch_seconds)
        print("%-22s %9.0f steps/s  %7.1f us/step" % (name, 1 / per, per * 1e6))
    return 0


if __name__ == "__main__":
    sys.exit(main())
