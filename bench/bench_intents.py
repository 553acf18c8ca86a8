"""bench_intents.py — tinyyes intent matching on CLINC150, measured from Python.

The same protocol as bench_intents.c and peers_intents.py, through the public
Python API: a Playbook built from the data as {"intents": {name: {"examples":
[...]}}} (no out-of-scope examples; out-of-scope is tinyyes' own threshold),
trained on `train`, evaluated on `test` (in-scope accuracy: the right intent
and not flagged out-of-scope) and `oos_test` (out-of-scope recall). Reports
the load (= train) seconds, Playbook.match latency per message from Python
(median and p99, nanoseconds, `at` given so the clock is not read) and the
loaded playbook's memory (stats()["bytes"]); then the same for a few-shot
playbook (the first 10 training examples per intent).

Data: $TINYYES_SHARED/datasets/clinc150/data_full.json (default ../shared
beside the repository); the bench skips cleanly when it is absent.
TINYYES_BENCH_SPLIT=val evaluates on val/oos_val instead.

    python bench/bench_intents.py
"""

import collections
import gc
import json
import os
import sys
import time

import tinyyes

HERE = os.path.dirname(os.path.abspath(__file__))
AT = 1795000000


def data_path():
    shared = os.environ.get("TINYYES_SHARED") or os.path.join(HERE, "..", "..", "shared")
    return os.path.join(shared, "datasets", "clinc150", "data_full.json")


def playbook_source(train, per_intent=None):
    intents = collections.OrderedDict()
    for text, label in train:
        exs = intents.setdefault(label, [])
        if per_intent is None or len(exs) < per_intent:
            exs.append(text)
    return {"tinyyes": 1, "intents": {name: {"examples": exs} for name, exs in intents.items()}}


def run(name, source, ins, oos):
    text = json.dumps(source, ensure_ascii=False)
    gc.collect()
    t0 = time.perf_counter()
    pb = tinyyes.Playbook(text)
    load_s = time.perf_counter() - t0
    match = pb.match
    for t, _ in ins[:300]:  # warm-up
        match(t, at=AT)
    right = raw = flagged = 0
    lat = []
    clock = time.perf_counter_ns
    for i, (t, label) in enumerate(ins + oos):
        a = clock()
        r = match(t, at=AT)
        lat.append(clock() - a)
        if i < len(ins):
            top = r["ranking"][0]["intent"] if r["ranking"] else None
            raw += top == label
            right += r["intent"] == label and not r["oos"]
        else:
            flagged += r["oos"]
    lat.sort()
    stats = pb.stats()
    print("%-12s in-scope accuracy %.4f (top-1 %.4f)  oos recall %.4f  load/train %.3f s  "
          "match median %d ns p99 %d ns  memory %.2f MB  intents %d examples %d features %d"
          % (name, right / len(ins), raw / len(ins), flagged / len(oos), load_s, lat[len(lat) // 2],
             lat[int(len(lat) * 0.99)], stats["bytes"] / 1e6, stats["intents"], stats["examples"],
             stats["features"]))
    return pb


def main():
    path = data_path()
    if not os.path.exists(path):
        print("SKIP bench_intents.py: %s not found (set TINYYES_SHARED)" % path)
        return 0
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    val = os.environ.get("TINYYES_BENCH_SPLIT") == "val"
    ins = data["val" if val else "test"]
    oos = data["oos_val" if val else "oos_test"]
    print("tinyyes %s (Python %s) on CLINC150 %s: train %d examples; in-scope %d, out-of-scope %d"
          % (tinyyes.__version__, sys.version.split()[0], "val" if val else "test", len(data["train"]),
             len(ins), len(oos)))
    run("full", playbook_source(data["train"]), ins, oos)
    run("few-shot 10", playbook_source(data["train"], 10), ins, oos)
    return 0


if __name__ == "__main__":
    sys.exit(main())
