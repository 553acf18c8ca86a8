"""bench_recognizers.py — tinyyes' answer recognisers beside Microsoft's own
Recognizers-Text (its Python port, recognizers-text-suite from PyPI) on the
same reply-shaped spec cases the conformance tests run
(tests/conformance/recognizers_cases.py; docs/recognizers.md).

For each locale and slot type it prints how many cases each library reads as
the spec expects (the peer's results mapped to our values by the same rules)
and the median time per call from Python, with the ratio. The peer's numbers
come from the spec's own authors, so they show what the selection costs a
library built for it, not a bar tinyyes must match on every case.

Data: $TINYYES_SHARED (default ../shared beside the repository); skips
cleanly without it or without the peer installed.

    python bench/bench_recognizers.py
"""

import datetime
import os
import statistics
import sys
import time

import tinyyes

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "conformance"))
import recognizers_eval  # noqa: E402
import recognizers_cases  # noqa: E402

PEER_TYPES = {  # slot type -> (recogniser name, result types that fill it)
    "yesno": ("recognize_boolean", ("boolean",)),
    "number": ("recognize_number", ("number",)),
    "money": ("recognize_currency", ("currency",)),
    "date": ("recognize_datetime", ("datetimeV2.date",)),
    "time": ("recognize_datetime", ("datetimeV2.time",)),
    "email": ("recognize_email", ("email",)),
    "phone": ("recognize_phone_number", ("phonenumber",)),
}


def _median_us(fn, repeat):
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1e6


def tinyyes_run(cases, playbooks):
    """{case id: (value, microseconds)} through the Python binding."""
    pbs = {loc: tinyyes.Playbook(j) for loc, j in playbooks.items()}
    out = {}
    for c in cases:
        pb = pbs[c["locale"]]

        def call(c=c, pb=pb):
            return pb.recognize(c["input"], c["type"], at=c["at"], utc_offset=0)

        r = call()
        out[c["id"]] = (None if r is None else r["value"], _median_us(call, 5))
    return out


def peer_value(results, kind):
    """The peer's one reading for a slot of kind, mapped like the spec's."""
    wanted = PEER_TYPES[kind][1]
    hits = [r for r in results if r.type_name in wanted]
    if len(hits) != 1:
        return None
    r = {"TypeName": hits[0].type_name, "Resolution": hits[0].resolution, "Text": hits[0].text}
    if kind in ("date", "time"):
        got = recognizers_cases._model_value(r, kind)
    else:
        got = {"yesno": recognizers_cases._yesno, "number": recognizers_cases._number_value,
               "money": recognizers_cases._money, "phone": recognizers_cases._phone,
               "email": recognizers_cases._email}[kind](r)
    return got[0] if isinstance(got, list) and got else None


def peer_run(cases, rs):
    """{case id: (value, microseconds)} through recognizers-text-suite."""
    culture = {"en": rs.Culture.English, "es": rs.Culture.Spanish}
    out = {}
    for c in cases:
        fn = getattr(rs, PEER_TYPES[c["type"]][0])
        if fn is rs.recognize_datetime:
            ref = datetime.datetime.utcfromtimestamp(c["at"])

            def call(c=c, fn=fn, ref=ref):
                return fn(c["input"], culture[c["locale"]], reference=ref)
        else:
            def call(c=c, fn=fn):
                return fn(c["input"], culture[c["locale"]])
        try:
            res = call()
            out[c["id"]] = (peer_value(res, c["type"]), _median_us(call, 1))
        except Exception as e:  # the peer raises on some inputs; count as nothing read
            out[c["id"]] = (None, float("nan"))
            print("peer raised on %s: %s" % (c["id"], type(e).__name__), file=sys.stderr)
    return out


def main():
    shared = os.environ.get("TINYYES_SHARED") or os.path.join(HERE, "..", "..", "shared")
    if not os.path.isdir(os.path.join(shared, "conformance", "recognizers-text")):
        print("SKIP: %s/conformance/recognizers-text not found" % shared)
        return 0
    doc = recognizers_cases.build(shared)
    cases = doc["cases"]
    ours = tinyyes_run(cases, doc["playbooks"])
    try:
        import recognizers_suite as rs
    except ImportError:
        rs = None
        print("note: recognizers-text-suite not installed; tinyyes only")
    theirs = peer_run(cases, rs) if rs else {}
    print("%-3s %-7s %5s %13s %13s %12s %12s %8s" % ("loc", "type", "cases", "tinyyes", "peer", "tinyyes us",
                                                        "peer us", "ratio"))
    for loc in ("en", "es"):
        for kind in recognizers_cases.TYPES:
            sel = [c for c in cases if c["locale"] == loc and c["type"] == kind]
            if not sel:
                continue
            ok_t = sum(recognizers_eval.passes(c, ours[c["id"]][0]) for c in sel)
            us_t = statistics.median(ours[c["id"]][1] for c in sel)
            line = "%-3s %-7s %5d %6d (%.2f)" % (loc, kind, len(sel), ok_t, ok_t / len(sel))
            if theirs:
                ok_p = sum(recognizers_eval.passes(c, theirs[c["id"]][0]) for c in sel)
                us_p = statistics.median(theirs[c["id"]][1] for c in sel)
                line += " %6d (%.2f) %12.1f %12.1f %7.0fx" % (ok_p, ok_p / len(sel), us_t, us_p, us_p / us_t)
            else:
                line += " %13s %12.1f" % ("-", us_t)
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
