"""bench_audit.py — what auditing a business's past chats costs.

10,000 generated conversations (about 200,000 messages, from
bench/corpus/audit_corpus.py: the same on every run) written to a JSON-lines
file, audited by tinyyes.audit from Python in a process of its own, so its
peak resident memory (ru_maxrss) is that audit's alone. Prints the audit's
seconds (median of several runs), the child's peak RSS and the part the
audit added (peak minus the RSS just before), the findings per second, and
how well the findings name the ending each conversation was generated with
(the share of conversations whose generated ending the audit reports).
Goal (issue 15): under 2 s and 200 MB.

    python bench/bench_audit.py [--conversations 10000] [--runs 3]
"""
import argparse
import collections
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "corpus"))
import audit_corpus  # noqa: E402

# the audit's findings a generated ending should give (booked: none at the end)
EXPECTED = {
    "no_next_step": {"no_next_step"}, "open_closer": {"open_closer"}, "many_options": {"too_many_options"},
    "many_questions": {"several_questions"}, "late_answer": {"late_answer"},
    "unanswered": {"unanswered_question"}, "price_only": {"price_no_next_step"},
    "think_about_it": {"think_no_followup"}, "asks_person": {"unanswered_question", "no_next_step"},
}


def rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def child(path, runs, conversations):
    import tinyyes

    before = rss_mb()
    times, peak, result = [], None, None
    for _ in range(runs):
        t0 = time.perf_counter()
        result = tinyyes.audit(path, hours="mon-sat 09:00-18:00")
        times.append(time.perf_counter() - t0)
        if peak is None:
            peak = rss_mb()
    codes = [sorted({f["code"] for f in c["findings"]}) for c in result["conversations"]]
    print(json.dumps({"seconds": statistics.median(times), "runs": runs, "before_mb": before, "peak_mb": peak,
                      "messages": result["summary"]["messages"], "conversations": result["summary"]["conversations"],
                      "findings": sum(len(c) for c in codes), "codes": codes,
                      "labels": audit_corpus.labels(conversations)}))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--conversations", type=int, default=10000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child, args.runs, args.conversations)
        return
    with tempfile.TemporaryDirectory() as tmp:
        # the chats are made and audited in processes of their own: a child's
        # ru_maxrss starts from its parent's, so this one stays small
        path = os.path.join(tmp, "chats.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            subprocess.run([sys.executable, audit_corpus.__file__, str(args.conversations)], stdout=f, check=True)
        size = os.path.getsize(path)
        out = subprocess.run([sys.executable, os.path.abspath(__file__), "--child", path, "--runs", str(args.runs),
                              "--conversations", str(args.conversations)],
                             capture_output=True, text=True, check=True).stdout
    fig = json.loads(out)
    labels = fig["labels"]
    hit = collections.Counter()
    total = collections.Counter(labels)
    for label, codes in zip(labels, fig["codes"]):
        if label == "booked":
            hit[label] += not codes or codes == ["late_answer"]
        else:
            hit[label] += bool(EXPECTED[label] & set(codes))
    print("tinyyes audit: %d conversations, %d messages (JSON lines, %.1f MB)"
          % (fig["conversations"], fig["messages"], size / 1e6))
    print("  audit %.3f s (median of %d)  peak RSS %.1f MB, added %.1f MB  %d findings"
          % (fig["seconds"], fig["runs"], fig["peak_mb"], fig["peak_mb"] - fig["before_mb"], fig["findings"]))
    print("  generated ending -> reported by the audit (booked: no finding but a slow reply)")
    for label in sorted(total):
        print("    %-16s %5d of %5d  %.2f" % (label, hit[label], total[label], hit[label] / total[label]))


if __name__ == "__main__":
    main()
