"""Runs the selected Recognizers-Text cases through the Python binding and
compares with what the spec expects (the same rules the C and Node runners
apply: strings equal, numbers within 1e-9 relative, money by amount and
currency; an expectation of null means nothing may be read).

    python tests/conformance/recognizers_eval.py [SHARED_DIR] [-v] [--write-known]

prints the table per slot type and locale (and with -v every failure).
--write-known rewrites recognizers_known.json from this run: passing cases
leave it, reasons of cases still failing are kept, new failures land in a
group whose reason says to sort them (the suites fail until a person does).
"""
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import recognizers_cases  # noqa: E402

TYPES = recognizers_cases.TYPES


def same(got, want):
    """Whether a recognised value equals one expected value."""
    if isinstance(want, bool) or isinstance(got, bool):
        return got == want
    if isinstance(want, (int, float)):
        return isinstance(got, (int, float)) and abs(got - want) <= 1e-9 * max(1.0, abs(want))
    if isinstance(want, dict):
        return isinstance(got, dict) and got.keys() == want.keys() and all(same(got[k], want[k]) for k in want)
    return got == want


def passes(case, got):
    """got: the recognised value or None."""
    if case["expect"] is None:
        return got is None
    return got is not None and any(same(got, w) for w in case["expect"])


def run(cases, tinyyes):
    """[(case, got value or None, passed)] through the binding."""
    pbs = {loc: tinyyes.Playbook(recognizers_cases.playbook_json(loc)) for loc in ("en", "es")}
    out = []
    for c in cases:
        r = pbs[c["locale"]].recognize(c["input"], c["type"], at=c["at"], utc_offset=0)
        got = None if r is None else r["value"]
        out.append((c, got, passes(c, got)))
    return out


def table(results):
    """Rows (locale, type, passed, total, negatives passed, negatives)."""
    rows = {}
    for c, _, ok in results:
        k = (c["locale"], c["type"])
        r = rows.setdefault(k, [0, 0, 0, 0])
        i = 2 if c["expect"] is None else 0
        r[i] += ok
        r[i + 1] += 1
    return rows


UNSORTED = "UNSORTED: new failures, give each a reason"


def write_known(results):
    """Rewrites the known-failure list from results (see the docstring)."""
    old = json.loads(recognizers_cases.KNOWN.read_text(encoding="utf-8"))["groups"]
    reason = {cid: g["reason"] for g in old for cid in g["cases"]}
    order = [g["reason"] for g in old]
    groups = {}
    for c, _, ok in results:
        if not ok:
            r = reason.get(c["id"], UNSORTED)
            groups.setdefault(r, []).append(c["id"])
    out = [{"reason": r, "cases": groups[r]} for r in order + [UNSORTED] if r in groups]
    text = json.dumps({"groups": out}, ensure_ascii=False, indent=1)
    recognizers_cases.KNOWN.write_text(text + "\n", encoding="utf-8")


def main(argv):
    import tinyyes
    shared = next((a for a in argv[1:] if not a.startswith("-")), str(Path(__file__).resolve().parents[3] / "shared"))
    cases, excluded = recognizers_cases.select(shared)
    t0 = time.perf_counter()
    results = run(cases, tinyyes)
    dt = time.perf_counter() - t0
    rows = table(results)
    print("%-6s %-7s %14s %16s" % ("locale", "type", "answers", "must not read"))
    for loc in ("en", "es"):
        for t in TYPES:
            if (loc, t) in rows:
                p, n, np_, nn = rows[(loc, t)]
                print("%-6s %-7s %6d/%-4d %.2f %8d/%-4d" % (loc, t, p, n, p / n if n else 0, np_, nn))
    print("%d cases (%d left out), %.1f us per call through Python" % (len(cases), len(excluded), dt / len(cases) * 1e6))
    if "--write-known" in argv:
        write_known(results)
    if "-v" in argv:
        for c, got, ok in results:
            if not ok:
                print("FAIL %-28s %-6s %r -> %r want %r" % (c["id"], c["type"], c["input"], got, c["expect"]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
