"""Runs mypy --strict over tests/typing/rejects.py and checks that it reports
exactly the errors marked there: on a line ending `# rejects: CODE[,CODE]`,
errors with those codes (each at least once, no other), elsewhere none."""

import pathlib
import re
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
TARGET = HERE / "rejects.py"
MARK = re.compile(r"#\s*rejects:\s*([\w,-]+)\s*$")
ERROR = re.compile(r"^[^:]*rejects\.py:(\d+): error: .*\[([\w-]+)\]$")


def expected():
    """{line: {codes}} of the marked lines."""
    lines = TARGET.read_text(encoding="utf-8").splitlines()
    return {i: set(m.group(1).split(",")) for i, text in enumerate(lines, 1) for m in [MARK.search(text)] if m}


def reported():
    """{line: {codes}} mypy reports for the file, and its whole output."""
    proc = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-error-summary", "--show-error-codes",
                           str(TARGET)], capture_output=True, text=True)
    found = {}
    for line in proc.stdout.splitlines():
        m = ERROR.match(line)
        if m:
            found.setdefault(int(m.group(1)), set()).add(m.group(2))
    return found, proc.stdout + proc.stderr


def main():
    want, (got, output) = expected(), reported()
    problems = []
    for line, codes in sorted(want.items()):
        if got.get(line) != codes:
            problems.append("rejects.py:%d: expected %s, mypy said %s" % (line, sorted(codes),
                                                                         sorted(got.get(line, ()))))
    for line in sorted(set(got) - set(want)):
        problems.append("rejects.py:%d: unexpected %s" % (line, got[line]))
    if problems or not want:
        print("\n".join(problems or ["no marked lines"]) + "\n--- mypy output:\n" + output, file=sys.stderr)
        return 1
    print("rejects.py: mypy rejects all %d marked mistakes, nothing else" % len(want))
    return 0


if __name__ == "__main__":
    sys.exit(main())
