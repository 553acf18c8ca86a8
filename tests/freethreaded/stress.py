"""stress.py — many threads on shared tinyyes objects, for free-threaded Python.

The CPython binding declares on a free-threaded build (3.13t) that it needs
no GIL (Py_mod_gil). This is the test that declaration rests on: threads
share one Playbook, one Template, one Metrics and the module's caches, and
every result must equal the one a single thread computes; other threads
mutate the dicts and lists being converted meanwhile, which may give odd
data or an error but never a crash. On a free-threaded build it also checks
that importing tinyyes left the GIL off. It runs on any Python (with the GIL
it is a plain thread test) and prints what it did; exit status 0 is a pass.

    python tests/freethreaded/stress.py [--seconds 20] [--threads 8]
"""
import argparse
import sys
import threading
import time

import tinyyes

AT = 1790000000
MESSAGES = ("how much is a tune-up?", "can I book for saturday morning", "what time do you open",
            "I want a refund", "hi", "stop", "the cheaper one", "mañana por la tarde", "🙂", "")
CONVERSATION = ("hi", "book a service", "tune-up", "saturday morning", "Ana", "yes")
TEMPLATE = "Hi {{name}}! {{#items}}{{title}} {{price}}; {{/items}}{{^items}}none{{/items}} {{k0}}{{k1}}{{k2}}"


def conversation(pb, tag):
    """The default conversation stepped to the end: each step's actions."""
    state, out = None, []
    for i, text in enumerate(CONVERSATION):
        r = pb.step(state, {"type": "message", "text": text, "at": AT + 60 * i, "conversation": tag})
        state = r["state"]
        out.append(r["actions"])
    return out


def data(i):
    d = {"name": "Ana %d" % i, "items": [{"title": "Tune-up", "price": 45}, {"title": "Full", "price": 95}]}
    for k in range(3):
        d["k%d" % k] = k * i
    return d


class Check:
    """Counts work and keeps the first mismatch or unexpected error."""

    def __init__(self):
        self.lock = threading.Lock()
        self.counts = {}
        self.failures = []

    def done(self, what):
        with self.lock:
            self.counts[what] = self.counts.get(what, 0) + 1

    def fail(self, msg):
        with self.lock:
            if len(self.failures) < 10:
                self.failures.append(msg)


def worker(k, pb, tpl, metrics, ref, check, stop):
    i = 0
    while not stop.is_set():
        i += 1
        try:
            text = MESSAGES[(i + k) % len(MESSAGES)]
            if pb.match(text, at=AT) != ref["match"][text]:
                check.fail("match(%r) differs" % text)
            check.done("match")
            if i % 8 == 0:
                if conversation(pb, "ref") != ref["conversation"]:
                    check.fail("a conversation differs")
                check.done("conversation")
            j = i % 50
            if tpl.render(data(j)) != ref["render"][j]:
                check.fail("render(%d) differs" % j)
            check.done("render")
            # a fresh Template per call races its key cache's first inserts
            if i % 16 == 0:
                fresh = tinyyes.Template(TEMPLATE)
                if fresh.render(data(j)) != ref["render"][j]:
                    check.fail("a fresh Template's render differs")
            if i % 4 == 0:
                if tinyyes.payload(ref["action"], "whatsapp", at=AT) != ref["payload"]:
                    check.fail("payload differs")
                if tinyyes.lint(ref["action"]["text"]) != ref["lint"]:
                    check.fail("lint differs")
                check.done("payload+lint")
            if i % 32 == 0:
                metrics.add(ref["events"])
                check.done("metrics.add")
        except Exception as e:  # noqa: BLE001 - any exception here is a failure
            check.fail("worker %d: %s: %s" % (k, type(e).__name__, e))
            return


def mutator(pb, tpl, shared, check, stop):
    """Converts shared containers while another thread mutates them."""
    i = 0
    while not stop.is_set():
        i += 1
        try:
            tpl.render(shared)
            pb.match("how much", at=AT, data=shared)
            pb.step(None, {"type": "message", "text": "hi", "at": AT, "conversation": "m", "data": shared})
        except (tinyyes.Error, RuntimeError, TypeError, ValueError, KeyError, IndexError):
            pass  # odd data may be refused; only a crash or a wrong type of failure matters
        except Exception as e:  # noqa: BLE001
            check.fail("mutator reader: %s: %s" % (type(e).__name__, e))
            return
        check.done("mutated reads")


def churn(shared, stop):
    i = 0
    while not stop.is_set():
        i += 1
        items = shared["items"]
        if len(items) > 40:
            del items[:30]
        items.append({"title": "t%d" % i, "price": i})
        shared["k%d" % (i % 20)] = "v" * (i % 7)
        if i % 3 == 0:
            shared.pop("k%d" % ((i + 5) % 20), None)
        if i % 100 == 0:
            items.clear()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=20.0)
    ap.add_argument("--threads", type=int, default=8)
    args = ap.parse_args()
    free = hasattr(sys, "_is_gil_enabled")
    gil = sys._is_gil_enabled() if free else True
    print("stress: Python %s, GIL %s, %d threads, %.0f s" % (sys.version.split()[0], "on" if gil else "off",
                                                             args.threads, args.seconds))
    if "free-threading" in sys.version and gil:
        print("stress: FAIL: importing tinyyes turned the GIL on (Py_mod_gil not declared?)")
        return 1

    pb = tinyyes.Playbook.default()
    tpl = tinyyes.Template(TEMPLATE)
    first = pb.step(None, {"type": "message", "text": "hi", "at": AT, "conversation": "r"})
    action = first["actions"][0]
    ref = {"match": {t: pb.match(t, at=AT) for t in MESSAGES},
           "conversation": conversation(pb, "ref"),
           "render": [tpl.render(data(j)) for j in range(50)],
           "action": action,
           "payload": tinyyes.payload(action, "whatsapp", at=AT),
           "lint": tinyyes.lint(action["text"]),
           "events": first["events"]}
    metrics = tinyyes.Metrics()
    check = Check()
    stop = threading.Event()
    shared = data(7)
    threads = [threading.Thread(target=worker, args=(k, pb, tpl, metrics, ref, check, stop))
               for k in range(args.threads)]
    threads += [threading.Thread(target=mutator, args=(pb, tpl, shared, check, stop)) for _ in range(2)]
    threads.append(threading.Thread(target=churn, args=(shared, stop)))
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    time.sleep(args.seconds)
    stop.set()
    for t in threads:
        t.join()
    took = time.perf_counter() - t0

    adds = check.counts.get("metrics.add", 0)
    if metrics.count != adds * len(ref["events"]):
        check.fail("Metrics counted %d events, %d were added" % (metrics.count, adds * len(ref["events"])))
    res = metrics.result()
    if adds and res["conversations"] != 1:
        check.fail("Metrics saw %r conversations, want 1" % res["conversations"])
    print("stress: %.1f s: %s" % (took, ", ".join("%s %d" % kv for kv in sorted(check.counts.items()))))
    if check.failures:
        for f in check.failures:
            print("stress: FAIL: " + f)
        return 1
    print("stress: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
