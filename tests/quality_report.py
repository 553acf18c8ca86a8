"""`make quality`: runs every quality vector (tests/vectors/conversations/
quality/*.json) through the Python binding and prints, per file and in
total, the conversations, how many passed and the five counters, then the
failing customers with their first failed expectation. Always exits 0: it
is a report; tests/python/test_quality.py is what fails."""

import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent / "python"))

import quality_runner  # noqa: E402

COLUMNS = (("conversations", "conversations"), ("passed", "passed")) + tuple(
    (key, key.replace("_", " ").replace("opt outs", "opt-outs").replace("offtopic", "off-topic"))
    for key in quality_runner.COUNTERS)


def tally(outcomes):
    row = dict.fromkeys((key for key, _ in COLUMNS), 0)
    row["conversations"] = len(outcomes)
    row["passed"] = sum(o.passed for o in outcomes)
    for o in outcomes:
        for key in quality_runner.COUNTERS:
            row[key] += o.counts[key]
    return row


def main():
    files = quality_runner.vector_files()
    print("quality vectors: %s" % quality_runner.quality_dir())
    if not files:
        print("no vector files yet")
        return 0
    rows, everyone, errors = [], [], []
    for path in files:
        try:
            outcomes = quality_runner.run_file(path)
        except Exception as exc:  # a broken file is reported, not fatal
            errors.append("%s: cannot run: %s: %s" % (path.name, type(exc).__name__, exc))
            continue
        rows.append((path.name, tally(outcomes)))
        everyone += outcomes
    rows.append(("total", tally(everyone)))

    width = max(len(name) for name, _ in rows)
    print()
    header = "  ".join(["file".ljust(width)] + [title for _, title in COLUMNS])
    print(header)
    for name, row in rows:
        if name == "total":
            print("-" * len(header))
        print("  ".join([name.ljust(width)] + [str(row[key]).rjust(len(title)) for key, title in COLUMNS]))

    failing = [o for o in everyone if not o.passed]
    if failing:
        print("\nfailing customers (first failed expectation; * = marked known_gap in the vector):")
        for o in failing:
            print("  %s%s: %s: %s" % ("*" if getattr(o, "known_gap", None) else " ", o.file, o.name, o.problems[0]))
    if errors:
        print("\nfiles that could not be run:")
        for line in errors:
            print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
