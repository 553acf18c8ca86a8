"""The message size limit (tests/vectors/message_size.json): match,
recognize and step refuse a customer message over max_message with the
core's own error, counted in UTF-8 bytes, and the binding does so before it
copies the text (an oversized str leaves no UTF-8 copy behind)."""

import json
import pathlib
import sys

import pytest

import tinyyes

VECTORS = pathlib.Path(__file__).resolve().parents[1] / "vectors" / "message_size.json"
CASES = json.loads(VECTORS.read_text(encoding="utf-8"))["tests"]
AT = 1795000000


def _playbook(case):
    if "max_message" in case:
        return tinyyes.Playbook(tinyyes.Playbook.default_source(), max_message=case["max_message"])
    return tinyyes.Playbook.default()


def _call(pb, case, text):
    if case["call"] == "match":
        return pb.match(text, at=AT)
    if case["call"] == "recognize":
        return pb.recognize(text, case["slot"], at=AT)
    return pb.step(None, {"type": "message", "text": text, "at": AT})


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_message_size_vector(case):
    text = case["text"]["repeat"] * case["text"]["times"]
    pb = _playbook(case)
    if "error" not in case:
        _call(pb, case, text)
        return
    with pytest.raises(tinyyes.EventError) as info:
        _call(pb, case, text)
    err = info.value
    want = case["error"]
    assert (err.code, err.reason, err.path, str(err)) == (want["code"], want["reason"], want["path"], want["message"])


def test_oversized_text_is_not_encoded():
    """CPython caches a str's UTF-8 once it is made; after a refused
    oversized message the str carries no such copy, and its size stays the
    size of the str alone."""
    pb = tinyyes.Playbook.default()
    text = "é" * (1 << 20)
    before = sys.getsizeof(text)
    for call in (lambda: pb.match(text, at=AT), lambda: pb.recognize(text, "day", at=AT),
                 lambda: pb.step(None, {"type": "message", "text": text, "at": AT})):
        with pytest.raises(tinyyes.EventError):
            call()
        assert sys.getsizeof(text) == before
    small = "é" * 100
    small_before = sys.getsizeof(small)
    pb.match(small, at=AT)
    assert sys.getsizeof(small) > small_before  # the control: a matched str does get its UTF-8 copy
