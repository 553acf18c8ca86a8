"""update_match_vectors.py — rewrites the expected results of the match vectors
(tests/vectors/match/*.json) from the installed tinyyes, after a deliberate
change to the matcher's scores.

Scores and the lower ranking entries may move; what a vector asserts about
behaviour may not: a case whose intent, out-of-scope flag or entities would
change is listed and left as it is (exit status 1), unless --accept-decisions
is given. Only the expected results change in the files (each written on
one line, as the vectors keep them); it prints what changed.

    .venv/bin/python scripts/update_match_vectors.py [--accept-decisions]
"""

import json
import pathlib
import sys

import tinyyes

MATCH = pathlib.Path(__file__).resolve().parents[1] / "tests" / "vectors" / "match"


def _decisions(result):
    return (result["intent"], result["oos"], json.dumps(result["entities"], sort_keys=True))


def _replace_expected(text, case, got):
    """text with case's expected result (written on one line, as the vectors
    keep it, after the case's name) replaced by got; the rest untouched."""
    at = text.index('"name": %s' % json.dumps(case["name"], ensure_ascii=False))
    old = json.dumps(case["expected"], ensure_ascii=False)
    where = text.index(old, at)
    return text[:where] + json.dumps(got, ensure_ascii=False) + text[where + len(old):]


def update(path, accept):
    """Rewrites one file; returns (cases rescored, cases whose decision changed)."""
    text = path.read_text(encoding="utf-8")
    doc = json.loads(text)
    pb = tinyyes.Playbook.default() if doc["playbook"] == "default" else tinyyes.Playbook(doc["playbook"])
    rescored, changed = 0, []
    for case in doc["tests"]:
        got = pb._pb._match(case["text"], case.get("expect"), case.get("at"),
                            tinyyes._offset_seconds(case.get("utc_offset")), case.get("data"))
        if got == case["expected"]:
            continue
        if _decisions(got) != _decisions(case["expected"]):
            changed.append(case["name"])
            if not accept:
                continue
        text = _replace_expected(text, case, got)
        rescored += 1
    if rescored:
        path.write_text(text, encoding="utf-8")
    return rescored, changed


def main():
    accept = "--accept-decisions" in sys.argv[1:]
    status = 0
    for path in sorted(MATCH.glob("*.json")):
        rescored, changed = update(path, accept)
        print("%s: %d rescored" % (path.name, rescored))
        for name in changed:
            print("  decision changed: %s%s" % (name, "" if accept else " (left as it was)"))
            status = status or (0 if accept else 1)
    return status


if __name__ == "__main__":
    sys.exit(main())
