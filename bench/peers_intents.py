"""peers_intents.py — scikit-learn on CLINC150, the figures bench_intents.c prints.

TF-IDF (word 1-2 grams + char_wb 2-5 grams, sublinear TF) with LinearSVC, trained on
`train` (no out-of-scope examples). Out-of-scope: the max decision value below a
threshold put at the OOS_QUANTILE quantile of the max decision values of the
validation split's in-scope examples (no out-of-scope data, the same rule family
as tinyyes, which puts its threshold at a quantile of held-out training scores).
Prints in-scope accuracy (right intent and not flagged), out-of-scope recall,
training seconds, per-message latency (median, p99) and the model's memory,
for the full training set and a few-shot one (first 10 examples per intent).

Data: $TINYYES_SHARED/datasets/clinc150/data_full.json (default ../shared); the
bench skips cleanly when it is absent. TINYYES_BENCH_SPLIT=val evaluates on val.
"""
import json
import os
import pickle
import sys
import time

OOS_QUANTILE = 0.02  # the same nominal quantile tinyyes uses for its threshold


def main():
    shared = os.environ.get("TINYYES_SHARED") or "../shared"
    path = os.path.join(shared, "datasets", "clinc150", "data_full.json")
    if not os.path.exists(path):
        print(f"SKIP peers_intents.py: {path} not found (set TINYYES_SHARED)")
        return 0
    try:
        import numpy as np
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.pipeline import make_union
        from sklearn.svm import LinearSVC
        import sklearn
    except ImportError:
        print("SKIP peers_intents.py: scikit-learn is not installed")
        return 0
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    val = os.environ.get("TINYYES_BENCH_SPLIT") == "val"
    ins = data["val" if val else "test"]
    oos = data["oos_val" if val else "oos_test"]
    print(f"scikit-learn {sklearn.__version__} on CLINC150 {'val' if val else 'test'}")

    def run(name, train):
        t0 = time.perf_counter()
        vec = make_union(
            TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True),
        )
        xs = vec.fit_transform([t for t, _ in train])
        clf = LinearSVC(C=1.0).fit(xs, [l for _, l in train])
        train_s = time.perf_counter() - t0
        # threshold from the validation split's in-scope examples only
        dv = clf.decision_function(vec.transform([t for t, _ in data["val"]])).max(axis=1)
        thr = float(np.quantile(dv, OOS_QUANTILE))
        right = raw = flagged = 0
        lat = []
        for t, _ in ins[:200]:  # warm-up
            clf.decision_function(vec.transform([t]))
        for i, (t, lab) in enumerate(ins + oos):
            a = time.perf_counter_ns()
            d = clf.decision_function(vec.transform([t]))[0]
            k = int(d.argmax())
            is_oos = d[k] < thr
            lat.append(time.perf_counter_ns() - a)
            if i < len(ins):
                ok = clf.classes_[k] == lab
                raw += ok
                right += ok and not is_oos
            else:
                flagged += is_oos
        lat.sort()
        mem = len(pickle.dumps((vec, clf)))
        print(f"{name:<12} in-scope accuracy {right / len(ins):.4f} (top-1 {raw / len(ins):.4f})  "
              f"oos recall {flagged / len(oos):.4f}  train {train_s:.3f} s  "
              f"match median {lat[len(lat) // 2]} ns p99 {lat[int(len(lat) * 0.99)]} ns  "
              f"memory {mem / 1e6:.2f} MB (pickled)  features {xs.shape[1]}")

    run("full", data["train"])
    seen = {}
    few = []
    for t, lab in data["train"]:
        seen[lab] = seen.get(lab, 0) + 1
        if seen[lab] <= 10:
            few.append((t, lab))
    run("few-shot-10", few)
    return 0


if __name__ == "__main__":
    sys.exit(main())
