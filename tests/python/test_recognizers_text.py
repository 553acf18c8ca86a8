"""The Recognizers-Text conformance run through the Python binding: the
reply-shaped cases tests/conformance/recognizers_cases.py selects from
../shared. Every case passes unless tests/conformance/recognizers_known.json
lists it, and every listed case still fails (the C and Node suites apply the
same rules to the same cases)."""

import json

import tinyyes
from recognizers_eval import passes  # tests/conformance, put on sys.path by conftest

_PLAYBOOKS = {}


def _playbook(playbooks, locale):
    if locale not in _PLAYBOOKS:
        _PLAYBOOKS[locale] = tinyyes.Playbook(playbooks[locale])
    return _PLAYBOOKS[locale]


def test_recognizers_text(recognizers_text_case):
    playbooks, case = recognizers_text_case
    r = _playbook(playbooks, case["locale"]).recognize(case["input"], case["type"], at=case["at"], utc_offset=0)
    got = None if r is None else r["value"]
    ok = passes(case, got)
    shown = "nothing" if got is None else json.dumps(got, ensure_ascii=False)
    if case["known"]:
        assert not ok, "%s %r now passes (read %s): remove it from recognizers_known.json" % (
            case["id"], case["input"], shown)
    else:
        assert ok, "%s %r: read %s, want %s" % (case["id"], case["input"], shown, json.dumps(case["expect"]))
