"""bench_lint_metrics.py — lint, payload and metrics throughput from Python.

- lint: messages per second of tinyyes.lint over a few hundred realistic
  outgoing messages: every message the default playbook sends in scripted
  conversations (bookings for many names and days, price questions, opening
  hours, refunds, hesitation, STOP, a person, follow-ups), plus the fifteen
  messages of bench_lint_metrics.c (three with findings), on WhatsApp.
  Also Playbook.default().lint() (every template, rendered and linted).
- payload: tinyyes.payload per second for a two-choice send action, every
  channel in turn.
- metrics: events per second for one million events (200,000 conversations
  of five events, the same shapes as bench_lint_metrics.c), streamed:
    generator -> Metrics.add   events made by a Python generator and fed
                               through one add() call (converted and counted
                               10,000 at a time): the whole pipeline;
    lists -> Metrics.add       add() of ready-made lists of 10,000 dicts:
                               the binding's conversion and the core alone;
  and the time of result() (sorting 200,000 latencies). Peak RSS shows the
  stream never sits in memory at once.

Each figure is the median of --repeat runs.

    python bench/bench_lint_metrics.py [--repeat 5] [--events 1000000]
"""

import argparse
import gc
import resource
import statistics
import sys
import time

import tinyyes

AT = 1795514400  # Tue 2026-11-24 10:00 UTC: opening hours, outside quiet hours

# The messages of bench_lint_metrics.c, so the C and Python figures compare.
C_MESSAGES = [
    "Hi, thanks for messaging Northbank Bike Workshop! What can I help with: booking a service, or our prices?",
    "Happy to help. Which does your bike need: Tune-up or Full service?",
    "Great, a Full service. Which day would you like to drop the bike off?",
    "Thanks. On 2026-11-24, would a morning or an afternoon drop-off suit you better?",
    "Just to check: a Full service, dropped off on 2026-11-24 in the morning, for Ana. Shall I confirm it?",
    "You're booked in: Full service, dropped off on 2026-11-24 in the morning, for Ana. We'll send a reminder the day "
    "before, and you can reply here any time to change it.",
    "A Tune-up is \u00a345: gears and brakes adjusted, tyres checked and the chain cleaned. It usually takes one "
    "working day. Shall I find you a day to bring it in?",
    "We're open Tuesday to Saturday, 9am to 6pm, and most weeks we can take a bike in within two or three days. Would "
    "you like me to find a day for you?",
    "Of course, take your time. What would help you decide: knowing which service fits your bike, or the price and "
    "timing?",
    "Just checking in, no rush at all. Whenever it suits you, a quick reply to my last question keeps things moving.",
    "Done. You won't get any more messages from us. If you'd ever like to chat again, just send START.",
    "Sorry, I didn't quite catch that. Is it Tune-up or Full service?",
    "Hi {{name}}! Last chance: would you like a Tune-up, a Full service or a wheel true? Let me know.",
    "Our prices are at https://northbank.example/prices. Which service do you need? And which day?",
    "Your bike is ready \U0001F6B2 Feel free to reach out if you need anything.",
]

NAMES = ["Ana", "Sam", "Priya", "Tomasz", "Zoë", "Kwame", "Léa", "Mohammed", "Chen Wei", "Olga", "Diego",
         "Aoife", "Yusuf", "Hannah", "Mateo", "Ingrid", "Ravi", "Nadia", "Jonas", "Fatima", "Kenji", "Siobhán",
         "Lucas", "Amara", "Piotr", "Elif", "Marco", "Sofia", "Ibrahim", "Freya"]
DAYS = ["today", "tomorrow", "friday", "saturday", "next tuesday", "this weekend", "in 3 days", "3 Dec", "Dec 9th"]
SCRIPTS = [
    ["hi", "A", "{service}", "{day}", "{part}", "{name}", "yes"],
    ["I'd like to book a {service}", "{day}", "{part}", "{name}", "no"],
    ["how much is a service", "{service}", "yes", "{day}", "{part}", "{name}", "yes"],
    ["when are you open", "yes", "{service}", "{day}", "{part}", "{name}", "yes"],
    ["I want a refund", "yes", "the gears still skip on the big cog"],
    ["which service do I need", "commuting", "yes", "{service}"],
    ["I need to think about it", "price", "Tune-up", "no"],
    ["my chain keeps slipping", "it jumps when I pedal hard uphill"],
    ["hi", "can I talk to a person"],
    ["hi", "STOP"],
    ["hi", "what's the weather like", "hmm", "B", "Full service", "no"],
]


def corpus(pb):
    """Every distinct message the default playbook sends in the scripts,
    for every name and day, with two follow-ups after silence."""
    seen = {}
    for n, name in enumerate(NAMES):
        for s, script in enumerate(SCRIPTS):
            fill = {"name": name, "day": DAYS[(n + s) % len(DAYS)], "service": ("Tune-up", "Full service")[n % 2],
                    "part": ("morning", "afternoon")[(n + s) % 2]}
            state, at = None, AT + n * 3600
            conv = "bench-%d-%d" % (n, s)
            for text in script:
                at += 30
                res = pb.step(state, {"type": "message", "text": text.format(**fill), "at": at, "conversation": conv})
                state = res["state"]
                for action in res["actions"]:
                    if action["type"] == "send":
                        seen.setdefault(action["text"], None)
            for wait in (5 * 3600, 30 * 3600):
                res = pb.step(state, {"type": "tick", "at": at + wait, "conversation": conv})
                state = res["state"]
                for action in res["actions"]:
                    if action["type"] == "send":
                        seen.setdefault(action["text"], None)
    for text in C_MESSAGES:
        seen.setdefault(text, None)
    return list(seen)


def median_time(fn, repeat):
    runs = []
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t0)
    return statistics.median(runs)


def gen_events(n_events):
    """Five events per conversation (as bench_lint_metrics.c's bl_gen):
    ask, commit, ask, then a handoff + opt-out (every fifth conversation)
    or a follow-up + no-response close."""
    for i in range(n_events // 5):
        conv = "conv-%d" % i
        t = AT + i
        lat = 1 + i % 1000
        special = i % 5 == 0
        yield {"type": "ask", "at": t, "conversation": conv, "flow": "booking", "step": "kind", "slot": None}
        yield {"type": "commit", "at": t + lat, "conversation": conv, "flow": "booking", "step": "kind",
               "slot": None, "latency": lat}
        yield {"type": "ask", "at": t + lat, "conversation": conv, "flow": "booking", "step": "when", "slot": None}
        if special:
            yield {"type": "handoff", "at": t + lat, "conversation": conv, "flow": "booking", "step": "when",
                   "slot": None, "reason": "requested", "filled": 1, "asked": 2}
            yield {"type": "opt_out", "at": t + lat, "conversation": conv, "flow": "booking", "step": "when",
                   "slot": None}
        else:
            yield {"type": "followup", "at": t + lat, "conversation": conv, "flow": "booking", "step": "when",
                   "slot": None}
            yield {"type": "close", "at": t + lat, "conversation": conv, "flow": "booking", "step": "when",
                   "slot": None, "outcome": "no_response"}


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # Linux: KiB


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--events", type=int, default=1000000)
    args = ap.parse_args()
    n_events = args.events - args.events % 5

    pb = tinyyes.Playbook.default()
    messages = corpus(pb)
    chars = sum(len(m) for m in messages)
    findings = sum(len(tinyyes.lint(m, "whatsapp")) for m in messages)
    print("tinyyes %s (Python %s)" % (tinyyes.__version__, sys.version.split()[0]))
    print("lint corpus: %d distinct messages, %d characters (mean %.0f), %d findings on whatsapp"
          % (len(messages), chars, chars / len(messages), findings))
    rows = []

    def lint_all():
        for m in messages:
            tinyyes.lint(m, "whatsapp")

    rounds = 20
    t = median_time(lambda: [lint_all() for _ in range(rounds)], args.repeat)
    n = rounds * len(messages)
    rows.append(("lint (whatsapp)", n / t, "messages/s", t / n * 1e6, "us/message"))

    def lint_c():
        for m in C_MESSAGES:
            tinyyes.lint(m, "whatsapp")

    rounds_c = 400
    t = median_time(lambda: [lint_c() for _ in range(rounds_c)], args.repeat)
    n = rounds_c * len(C_MESSAGES)
    rows.append(("lint (the C bench's 15)", n / t, "messages/s", t / n * 1e6, "us/message"))
    t = median_time(lambda: [pb.lint() for _ in range(20)], args.repeat) / 20
    rows.append(("Playbook.default().lint()", 1 / t, "playbooks/s", t * 1e3, "ms/playbook"))

    send = pb.step(None, {"type": "message", "text": "how much is a service", "at": AT, "conversation": "p"})
    action = [a for a in send["actions"] if a["type"] == "send"][0]
    per = 20000

    def payloads():
        for _ in range(per // len(tinyyes.CHANNELS)):
            for ch in tinyyes.CHANNELS:
                tinyyes.payload(action, ch, at=AT + 60, last_customer_at=AT)

    t = median_time(payloads, args.repeat)
    rows.append(("payload (6 channels)", per / t, "payloads/s", t / per * 1e6, "us/payload"))

    # metrics: the whole pipeline from a generator, then ready-made lists
    check = tinyyes.metrics(gen_events(10000))
    if check["conversations"] != 2000 or check["opt_outs"] != 400:
        raise SystemExit("bench_lint_metrics: unexpected metrics of the generated events: %r" % check.to_dict())
    rss0 = peak_rss_mb()
    results = []

    def stream():
        del results[:]  # one accumulator alive at a time
        m = tinyyes.Metrics()
        m.add(gen_events(n_events))
        results.append(m)

    t = median_time(stream, args.repeat)
    rss_stream = peak_rss_mb()
    m = results[-1]
    if m.count != n_events:
        raise SystemExit("bench_lint_metrics: counted %d of %d events" % (m.count, n_events))
    rows.append(("metrics: generator -> add", n_events / t, "events/s", t, "s total"))
    t_res = median_time(m.result, args.repeat)
    res = m.result()
    del results[:]

    chunk = tinyyes._tinyyes.METRICS_CHUNK
    events = gen_events(n_events)
    lists = []
    while True:
        part = [e for _, e in zip(range(chunk), events)]
        if not part:
            break
        lists.append(part)

    def from_lists():
        mm = tinyyes.Metrics()
        for part in lists:
            mm.add(part)

    t = median_time(from_lists, args.repeat)
    rows.append(("metrics: lists -> add", n_events / t, "events/s", t, "s total"))
    rows.append(("metrics: result()", 1 / t_res, "results/s", t_res * 1e3, "ms"))

    width = max(len(r[0]) for r in rows)
    print("%-*s  %14s  %-12s %10s" % (width, "", "throughput", "", "time"))
    for name, rate, unit, per_item, per_unit in rows:
        print("%-*s  %14.0f  %-12s %10.3f %s" % (width, name, rate, unit, per_item, per_unit))
    print("metrics of %d events: %d conversations, completion %s, drop-off %s; peak RSS %.0f MB before the "
          "stream, %.0f MB after it (ready-made lists: %.0f MB)"
          % (n_events, res["conversations"], res["completion"]["overall"], dict(res["drop_off"]), rss0,
             rss_stream, peak_rss_mb()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
