"""bench_training.py — what loading (= training) a playbook costs as intents grow.

Playbooks of N intents with one example each (N = 250, 500, ..., 4,000), the
examples short customer sentences built from word lists by a fixed-seed
linear congruential generator (the same sentences on every run and
machine). Each N loads in a child process of its own, so its peak resident
memory (ru_maxrss, read right after the first load: later loads of the
same process reuse a heap the allocator has not given back) is that load's
alone. Prints per N: the load seconds (median of several loads), the
child's peak RSS, the part of it the load added (peak minus the RSS just before loading), the loaded
model's bytes (stats()["bytes"]), and per doubling of N how much time and
added memory grew (2.0 is linear, 4.0 quadratic).

    python bench/bench_training.py            # the curve
    python bench/bench_training.py --sizes 4000 --runs 1
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time

SIZES = (250, 500, 1000, 2000, 4000)

# Word lists for the sentences: an opener, an action, a thing (adjective and
# noun) and often a detail; tens of millions of combinations.
OPENERS = ("can I", "I want to", "I'd like to", "how do I", "is it possible to", "could you help me",
           "please", "I need to", "where can I", "do you let me", "what's the fastest way to",
           "help me", "I was hoping to", "can someone", "how can I")
ACTIONS = ("book", "cancel", "change", "check on", "order", "return", "pay for", "renew",
           "reschedule", "track", "upgrade", "ask about", "swap", "repair", "insure", "refund",
           "rent", "clean", "deliver", "pick up", "register", "transfer", "price", "inspect",
           "replace", "ship", "reserve", "unlock", "update", "report")
ADJECTIVES = ("blue", "spare", "second", "monthly", "family", "premium", "old", "new", "broken",
              "electric", "wooden", "large", "small", "express", "annual", "weekend", "kids",
              "leather", "outdoor", "digital", "vintage", "heavy", "cheap", "shared", "private",
              "student", "gift", "backup", "wireless", "seasonal", "corporate", "organic",
              "frozen", "standard", "deluxe", "portable", "garden", "kitchen", "office", "travel")
NOUNS = ("bike", "membership", "jacket", "table", "laptop", "parcel", "subscription", "room",
         "ticket", "car", "sofa", "phone", "lesson", "appointment", "voucher", "order", "account",
         "card", "boiler", "window", "fridge", "printer", "mattress", "tent", "kayak", "scooter",
         "haircut", "massage", "class", "invoice", "delivery", "locker", "storage unit",
         "parking space", "charger", "battery", "camera", "guitar", "piano", "drone", "helmet",
         "stroller", "carpet", "curtain", "lamp", "desk", "chair", "watch", "ring", "necklace",
         "suitcase", "backpack", "projector", "speaker", "router", "modem", "heater", "washer",
         "dryer", "oven", "blender", "kettle", "puppy crate", "aquarium", "treadmill", "rowing machine",
         "van", "trailer", "boat", "caravan", "roof rack", "tyre", "wheel", "saddle", "pedal",
         "brake pad", "chain", "gear set", "light kit", "lock")
DETAILS = ("", "", "", "for tomorrow", "this weekend", "at the downtown shop", "online",
           "before friday", "for my mum", "next month", "without an account", "by phone",
           "after work", "for two people", "in the morning", "from abroad", "for the office",
           "on a sunday", "with a discount", "right now", "for next year", "at the airport",
           "on the app", "in cash", "for free")


class Lcg:
    """Numerical Recipes' 32-bit LCG: enough to spread picks, fixed forever."""

    def __init__(self, seed):
        self.x = seed & 0xFFFFFFFF

    def pick(self, seq):
        self.x = (1664525 * self.x + 1013904223) & 0xFFFFFFFF
        return seq[(self.x >> 8) % len(seq)]


def sentences(n, seed=20240614):
    """n distinct short sentences, the same for a given n and seed."""
    rng = Lcg(seed)
    seen = set()
    out = []
    while len(out) < n:
        words = [rng.pick(OPENERS), rng.pick(ACTIONS), rng.pick(("my", "the", "our", "this", "that")),
                 rng.pick(ADJECTIVES), rng.pick(NOUNS), rng.pick(DETAILS)]
        text = " ".join(w for w in words if w)
        if text not in seen:
            seen.add(text)
            out.append(text)
    return out


def playbook(n):
    """A playbook of n intents with one example each, as a dict."""
    return {"tinyyes": 1, "locale": "en",
            "intents": {"i%04d" % i: {"examples": [s]} for i, s in enumerate(sentences(n))}}


def rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def child(n, runs):
    """Loads the n-intent playbook runs times; prints a JSON line of figures."""
    import tinyyes

    text = json.dumps(playbook(n))
    before = rss_mb()
    times = []
    stats = None
    first_peak = None
    for _ in range(runs):
        t0 = time.perf_counter()
        pb = tinyyes.Playbook(text)
        times.append(time.perf_counter() - t0)
        if first_peak is None:
            first_peak = rss_mb()
        stats = pb.stats()
        del pb
    print(json.dumps({"n": n, "load_s": statistics.median(times), "runs": runs, "rss_before_mb": before, "peak_mb": first_peak,
                      "model_bytes": stats["bytes"], "features": stats["features"]}))


def measure(n, runs):
    """Runs child(n) in its own process; returns its figures with its peak RSS."""
    proc = subprocess.Popen([sys.executable, os.path.abspath(__file__), "--child", str(n), "--runs", str(runs)],
                            stdout=subprocess.PIPE)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.stdout.close()
    if status != 0:
        sys.exit("bench_training: the child for N=%d failed (status %d)" % (n, status))
    fig = json.loads(out)
    fig["process_peak_mb"] = usage.ru_maxrss / 1024.0
    return fig


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=list(SIZES))
    ap.add_argument("--runs", type=int, default=0, help="loads per N (default: 5 up to 1,000 intents, else 3)")
    ap.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child is not None:
        child(args.child, args.runs or 1)
        return
    print("tinyyes training cost: N intents, one example each (English)")
    print("%6s %9s %4s %9s %9s %9s %9s %7s %7s" % ("N", "load s", "runs", "peak MB", "added MB", "model MB",
                                                 "features", "t x2", "mem x2"))
    prev = None
    for n in args.sizes:
        runs = args.runs or (5 if n <= 1000 else 3)
        f = measure(n, runs)
        added = f["peak_mb"] - f["rss_before_mb"]
        tr = mr = ""
        if prev and n == 2 * prev[0]:
            tr = "%.2f" % (f["load_s"] / prev[1]) if prev[1] > 0 else ""
            mr = "%.2f" % (added / prev[2]) if prev[2] > 0 else ""
        print("%6d %9.3f %4d %9.1f %9.1f %9.1f %9d %7s %7s" % (n, f["load_s"], runs, f["peak_mb"], added,
                                                             f["model_bytes"] / 1e6, f["features"], tr, mr),
              flush=True)
        prev = (n, f["load_s"], added)


if __name__ == "__main__":
    main()
