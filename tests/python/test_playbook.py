"""Playbooks through the Python binding: the shared vectors (load errors, match,
recognize), the API (sources, arguments, time and offsets, data conversion),
bad input, threads and the GIL, and leaks."""

import collections
import datetime
import functools
import gc
import json
import math
import sys
import threading
import time
import tracemalloc

import pytest

import tinyyes
from tinyyes import Error, EventError, Playbook, PlaybookError
from tinyyes import _tinyyes

AT = 1795000000  # 2026-11-18 (a Wednesday) 08:26:40 UTC

MINI = {
    "tinyyes": 1,
    "name": "Mini",
    "utc_offset": "+01:00",
    "intents": {
        "pricing": {"examples": ["how much is a clean", "what are your prices", "price list please"]},
        "booking": {"examples": ["can I book a cleaning", "I want to schedule a visit", "book me in"]},
        "stop": {"examples": ["stop"], "keywords": ["stop", "unsubscribe"]},
    },
    "slots": {
        "service": {"type": "choice", "options": [
            {"id": "standard", "title": "Standard clean", "synonyms": ["regular", "basic"]},
            {"id": "deep", "title": "Deep clean", "synonyms": ["thorough", "full"]}]},
        "day": {"type": "date"},
        "visit": {"type": "choice", "options_from": "times"},
    },
}


@functools.lru_cache(maxsize=None)
def _vector_playbook(path):
    doc = json.loads(path.read_text(encoding="utf-8"))
    pb = doc["playbook"]
    return Playbook.default() if pb == "default" else Playbook(pb)


def _error_fields(err):
    return {"code": err.code, "reason": err.reason, "path": err.path, "message": str(err),
            "line": err.line, "col": err.col, "offset": err.offset}


# ---- shared vectors ---------------------------------------------------------------


def test_playbook_error_vector(playbook_error_vector):
    case = playbook_error_vector
    source = case["source"] if "source" in case else case["playbook"]
    with pytest.raises(PlaybookError) as info:
        Playbook(source, **case.get("options", {}))
    got = _error_fields(info.value)
    # Only the keys a vector states are compared ("path": "" means the root).
    for key, want in case["error"].items():
        value = got[key]
        if key == "path" and value is None:
            value = ""
        assert value == want, "error %s: %r != %r" % (key, value, want)


def _vector_input(case):
    return (case.get("at"), tinyyes._offset_seconds(case.get("utc_offset")), case.get("data"))


def test_match_vector(match_vector):
    path, case = match_vector
    pb = _vector_playbook(path)
    at, offset, data = _vector_input(case)
    # The private call passes "no time" through when a vector gives none
    # (the public one would read the clock), exactly as the C runner does.
    got = pb._pb._match(case["text"], case.get("expect"), at, offset, data)
    assert got == case["expected"]
    assert json.dumps(got, sort_keys=True) == json.dumps(case["expected"], sort_keys=True)
    if at is not None:
        assert pb.match(case["text"], case.get("expect"), at=at, data=data, utc_offset=offset) == got


def test_recognize_vector(recognize_vector):
    path, case = recognize_vector
    pb = _vector_playbook(path)
    at, offset, data = _vector_input(case)
    got = pb._pb._recognize(case["text"], case["slot"], at, offset, data)
    assert got == case["expected"]
    if at is not None:
        assert pb.recognize(case["text"], case["slot"], at, data, utc_offset=offset) == got


# ---- sources ------------------------------------------------------------------------


def test_source_kinds_load_the_same_playbook(tmp_path):
    text = json.dumps(MINI)
    variants = [
        Playbook(text),
        Playbook(text.encode()),
        Playbook(bytearray(text.encode())),
        Playbook(MINI),
        Playbook(collections.OrderedDict(MINI)),
    ]
    path = tmp_path / "mini.json"
    path.write_text(text, encoding="utf-8")
    variants.append(Playbook.load(path))
    variants.append(Playbook.load(str(path)))
    want = variants[0].match("deep clean tomorrow please", at=AT)
    for pb in variants:
        assert pb.stats() == variants[0].stats()
        assert pb.match("deep clean tomorrow please", at=AT) == want


def test_mapping_source_keeps_non_ascii():
    pb = Playbook({"tinyyes": 1, "name": "Café Niño", "intents": {
        "precio": {"examples": ["¿cuánto cuesta?", "precio por favor"]},
        "reserva": {"examples": ["quiero reservar", "una cita mañana"]}}})
    assert "Café Niño" in repr(pb)
    assert pb.match("cuanto cuesta", at=AT)["intent"] == "precio"


def test_mapping_source_not_json():
    with pytest.raises(PlaybookError) as info:
        Playbook({"tinyyes": 1, "x": float("nan")})
    assert info.value.reason == "json"
    with pytest.raises(TypeError):
        Playbook({"tinyyes": 1, "intents": {"a": {"examples": [{1, 2}]}}})


@pytest.mark.parametrize("source", [None, 1, ["tinyyes"], object()])
def test_source_type(source):
    with pytest.raises(TypeError, match="JSON text"):
        Playbook(source)


def test_load_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError):
        Playbook.load(tmp_path / "nope.json")


def test_default():
    pb = Playbook.default()
    s = pb.stats()
    assert s["intents"] >= 10 and s["flows"] >= 5 and s["bytes"] > 0
    assert set(s) == {"bytes", "intents", "examples", "features", "slots", "templates", "flows"}
    assert "Northbank" in repr(pb)
    assert pb.match("stop", at=AT)["intent"] == "stop"
    # The embedded text loads like any other source, to the same playbook.
    again = Playbook(Playbook.default_source())
    assert again.stats()["intents"] == s["intents"]
    assert again.match("how much is a tune-up", at=AT) == pb.match("how much is a tune-up", at=AT)
    assert json.loads(Playbook.default_source())["tinyyes"] == 1


def test_repr_and_copy():
    import copy
    import pickle
    pb = Playbook(MINI)
    assert repr(pb) == "<tinyyes.Playbook 'Mini': 3 intents, 3 slots, 0 flows, 0 templates>"
    assert repr(Playbook(MINI, secret=b"k")).endswith(", signed>")
    assert repr(Playbook({"tinyyes": 1})).startswith("<tinyyes.Playbook: 0 intents")
    assert copy.copy(pb) is pb and copy.deepcopy(pb) is pb
    with pytest.raises(TypeError):
        pickle.dumps(pb)


def test_package_exports():
    assert "Playbook" in tinyyes.__all__
    for name in ("Error", "TemplateError", "PlaybookError", "StateError", "EventError"):
        assert name in tinyyes.__all__
    assert tinyyes.Playbook is Playbook


# ---- load errors -------------------------------------------------------------------------


def test_invalid_utf8_bytes():
    with pytest.raises(PlaybookError) as info:
        Playbook(b'{"tinyyes": 1, "name": "\xff"}')
    assert info.value.reason == "utf8" and info.value.code == "TY_PLAYBOOK"
    assert info.value.offset == 24


def test_lone_surrogate_source():
    with pytest.raises(PlaybookError) as info:
        Playbook('{"tinyyes": 1, "name": "\ud800"}')
    assert info.value.reason == "utf8"
    assert isinstance(info.value.__cause__, UnicodeEncodeError)


def test_nul_in_source_is_json_error():
    with pytest.raises(PlaybookError):
        Playbook(b'{"tinyyes": 1,\x00 "name": "x"}')


def test_non_string_examples_name_the_path():
    with pytest.raises(PlaybookError) as info:
        Playbook({"tinyyes": 1, "intents": {"a": {"examples": ["x", 3]}}})
    assert info.value.path == "intents.a.examples[1]"
    assert str(info.value).startswith("intents.a.examples[1]:")
    assert isinstance(info.value, Error) and isinstance(info.value, ValueError)


def test_unknown_keys_are_errors():
    with pytest.raises(PlaybookError) as info:
        Playbook({"tinyyes": 1, "intentz": {}})
    assert info.value.path == "intentz" and info.value.reason == "schema"
    with pytest.raises(PlaybookError) as info:
        Playbook({"tinyyes": 1, "intents": {"a": {"examples": ["x"], "flw": "b"}}})
    assert info.value.path == "intents.a.flw"


def test_json_error_line_col():
    with pytest.raises(PlaybookError) as info:
        Playbook('{"tinyyes": 1,\n  "name": }')
    err = info.value
    assert err.reason == "json" and err.line == 2 and err.col is not None


def test_limits_are_settable():
    intents = {"a": {"examples": ["x", "y"]}, "b": {"examples": ["z"]}}
    Playbook({"tinyyes": 1, "intents": intents}, max_intents=2, max_examples=3)
    for kw in ({"max_intents": 1}, {"max_examples": 2}, {"max_bytes": 20}):
        with pytest.raises(PlaybookError) as info:
            Playbook({"tinyyes": 1, "intents": intents}, **kw)
        assert info.value.reason == "limit", kw
    pb = Playbook(MINI, max_message=10)
    pb.match("a" * 10, at=AT)
    with pytest.raises(EventError) as info:
        pb.match("a" * 11, at=AT)
    assert info.value.reason == "limit"
    with pytest.raises(TypeError):
        Playbook(MINI, max_message="10")
    with pytest.raises(ValueError):
        Playbook(MINI, max_message=-1)


def test_too_many_intents_is_a_limit_error():
    intents = {"i%d" % i: {"keywords": ["k%d" % i]} for i in range(_tinyyes.PLAYBOOK_MAX_INTENTS + 1)}
    with pytest.raises(PlaybookError) as info:
        Playbook({"tinyyes": 1, "intents": intents})
    assert info.value.reason == "limit"


# ---- match and recognize: arguments --------------------------------------------------


@pytest.fixture(scope="module")
def mini():
    return Playbook(MINI)


def test_match_result_shape(mini):
    r = mini.match("I want a deep clean tomorrow", at=AT)
    assert set(r) >= {"intent", "score", "oos", "ranking", "entities"}
    assert r["intent"] == "booking" and r["oos"] is False
    assert isinstance(r["score"], float) and 0 < r["score"] <= 1
    assert r["ranking"][0] == {"intent": "booking", "score": r["score"]}
    ents = {e["slot"]: e for e in r["entities"]}
    assert ents["service"]["value"] == "deep"
    assert ents["day"]["value"] == "2026-11-19"
    text = "I want a deep clean tomorrow"
    for e in r["entities"]:
        assert text[e["start"]:e["end"]] == e["text"]


def test_keywords_win(mini):
    r = mini.match("STOP", at=AT)
    assert r["intent"] == "stop" and r["score"] == 1


def test_expect_answer(mini):
    r = mini.match("the second one", "service", at=AT)
    assert r["answer"]["value"] == "deep"
    assert "answer" not in mini.match("the second one", at=AT)


def test_oos(mini):
    r = mini.match("my cat likes fish", at=AT)
    assert r["intent"] is None and r["oos"] is True


def test_recognize(mini):
    assert mini.recognize("B", "service", AT)["value"] == "deep"
    assert mini.recognize("regular please", "service", AT)["value"] == "standard"
    assert mini.recognize("tomorrow", "day", AT) == {"value": "2026-11-19", "text": "tomorrow", "start": 0, "end": 8}
    assert mini.recognize("banana", "service", AT) is None
    times = {"times": ["Tue 10:00", "Tue 15:00"]}
    assert mini.recognize("the second one", "visit", AT, times)["value"] == "Tue 15:00"


def test_unknown_slot(mini):
    with pytest.raises(Error) as info:
        mini.recognize("x", "nope", AT)
    assert info.value.reason == "notfound"


def test_at_forms(mini):
    want = mini.recognize("tomorrow", "day", AT)["value"]
    aware = datetime.datetime.fromtimestamp(AT, datetime.timezone.utc)
    assert mini.recognize("tomorrow", "day", aware)["value"] == want
    other = aware.astimezone(datetime.timezone(datetime.timedelta(hours=-5)))
    assert mini.recognize("tomorrow", "day", other)["value"] == want  # the same instant
    assert mini.recognize("tomorrow", "day", AT + 0.999)["value"] == want
    assert mini.recognize("tomorrow", "day", float(AT))["value"] == want
    with pytest.raises(ValueError, match="naive"):
        mini.recognize("tomorrow", "day", datetime.datetime(2026, 11, 18, 9))
    with pytest.raises(TypeError):
        mini.recognize("tomorrow", "day", "2026-11-18")
    with pytest.raises(TypeError):
        mini.recognize("tomorrow", "day", True)
    with pytest.raises(ValueError):
        mini.recognize("tomorrow", "day", float("nan"))


def test_at_none_means_now(mini):
    today = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=1))).date()
    got = mini.recognize("today", "day")["value"]
    # Allow for midnight passing between the two clock reads.
    assert got in (today.isoformat(), (today + datetime.timedelta(days=1)).isoformat())


def test_utc_offset_forms(mini):
    late = 1795035600  # 2026-11-18 15:00 UTC: already the 19th at +10:00
    assert mini.recognize("today", "day", late)["value"] == "2026-11-18"  # playbook's +01:00
    for off in ("+10:00", "+1000", 36000, datetime.timedelta(hours=10)):
        assert mini.recognize("today", "day", late, utc_offset=off)["value"] == "2026-11-19", off
    assert mini.recognize("today", "day", late, utc_offset="Z")["value"] == "2026-11-18"
    for bad in ("+25:00", "1:00", "+01:61", 15 * 3600):
        with pytest.raises(ValueError):
            mini.recognize("today", "day", late, utc_offset=bad)
    with pytest.raises(TypeError):
        mini.recognize("today", "day", late, utc_offset=1.5)


def test_argument_types(mini):
    with pytest.raises(TypeError, match="text must be str"):
        mini.match(b"hi", at=AT)
    with pytest.raises(TypeError, match="text must be str"):
        mini.match(None, at=AT)
    with pytest.raises(TypeError, match="expect"):
        mini.match("hi", 3, at=AT)
    with pytest.raises(TypeError, match="slot"):
        mini.recognize("hi", None, AT)
    with pytest.raises(TypeError, match="data must be a mapping"):
        mini.match("hi", at=AT, data=[1])
    with pytest.raises(TypeError):
        mini.match("hi", at=AT, bogus=1)
    with pytest.raises(TypeError, match="takes exactly 5"):
        mini._pb._match("hi")
    with pytest.raises(TypeError, match="keyword"):
        mini._pb._match("hi", None, None, None, data=None)
    with pytest.raises(TypeError, match="at must be int"):
        mini._pb._match("hi", None, 1.5, None, None)
    with pytest.raises(OverflowError):
        mini._pb._match("hi", None, 2**70, None, None)
    with pytest.raises(ValueError, match="utc_offset_seconds"):
        mini._pb._match("hi", None, AT, 86400, None)


def test_raw_type_not_subclassable():
    with pytest.raises(TypeError):
        type("X", (_tinyyes.Playbook,), {})
    with pytest.raises(TypeError):
        _tinyyes.Playbook(json.dumps(MINI), 1)


# ---- match and recognize: bad input ---------------------------------------------------


def test_nul_in_text(mini):
    with pytest.raises(EventError) as info:
        mini.match("a\x00b", at=AT)
    assert info.value.reason == "nul" and info.value.code == "TY_EVENT"


def test_lone_surrogate_in_text(mini):
    with pytest.raises(EventError) as info:
        mini.match("hi \udc80", at=AT)
    assert info.value.reason == "utf8"


def test_message_over_limit(mini):
    with pytest.raises(EventError) as info:
        mini.match("a" * (1 << 20), at=AT)
    assert info.value.reason == "limit"
    assert "65536" in str(info.value)
    # Exactly at the limit is fine.
    mini.match("a " * (_tinyyes.MESSAGE_MAX_BYTES // 2), at=AT)


def test_empty_text(mini):
    r = mini.match("", at=AT)
    assert r["intent"] is None and r["oos"] is True
    assert mini.recognize("", "service", AT) is None


@pytest.mark.parametrize(
    "data, path, exc",
    [
        ({"times": [1, {"b": {1, 2}}]}, "data.times[1].b", TypeError),
        ({"times": [b"10:00"]}, "data.times[0]", TypeError),
        ({"x": object()}, "data.x", TypeError),
        ({1: "x"}, "data", TypeError),
        ({"x": {"y": float("nan")}}, "data.x.y", EventError),
        ({"x": float("inf")}, "data.x", EventError),
        ({"x": 2**53 + 1}, "data.x", EventError),
        ({"x": "\ud800"}, "data.x", EventError),
        # a key with a lone surrogate is named as Node names it (U+FFFD)
        ({"k\udc00": 1}, "data.k\ufffd", EventError),
        ({"a": {"\U0001f600x\ud800y": [1]}}, "data.a.\U0001f600x\ufffdy", EventError),
    ],
)
def test_data_conversion_errors_name_the_path(mini, data, path, exc):
    with pytest.raises(exc) as info:
        mini.match("hi", at=AT, data=data)
    assert str(info.value).startswith(path + ":"), str(info.value)
    if exc is EventError:
        assert info.value.path == path


def test_data_depth_limit(mini):
    deep = "x"
    for _ in range(70):
        deep = [deep]
    with pytest.raises(EventError) as info:
        mini.match("hi", at=AT, data={"d": deep})
    assert info.value.reason == "depth"
    cyclic = {}
    cyclic["self"] = cyclic
    with pytest.raises(EventError) as info:
        mini.match("hi", at=AT, data=cyclic)
    assert info.value.reason == "depth"
    ok = "x"
    for _ in range(60):
        ok = [ok]
    mini.match("hi", at=AT, data={"d": ok})


def test_data_kinds_accepted(mini):
    class M(collections.abc.Mapping):
        def __init__(self, d):
            self.d = d

        def __getitem__(self, k):
            return self.d[k]

        def __iter__(self):
            return iter(self.d)

        def __len__(self):
            return len(self.d)

    times = ("Tue 10:00", "Tue 15:00")
    for data in ({"times": times}, M({"times": list(times)}), collections.OrderedDict(times=times),
                 {"times": collections.deque(times)}):
        assert mini.recognize("B", "visit", AT, data)["value"] == "Tue 15:00"


def test_user_exceptions_in_mappings_propagate(mini):
    class Bad(collections.abc.Mapping):
        def __getitem__(self, k):
            raise KeyError(k)

        def __iter__(self):
            raise RuntimeError("boom")

        def __len__(self):
            return 1

    with pytest.raises(RuntimeError, match="boom"):
        mini.match("hi", at=AT, data={"x": Bad()})


# ---- canonical JSON (what state signatures cover) ---------------------------------------


def test_canonical_json():
    cj = _tinyyes._canonical_json
    assert cj({"b": 1, "a": [True, None, 1.5, "é"]}) == '{"a":[true,null,1.5,"é"],"b":1}'.encode()
    assert cj({"b": {"z": 1, "y": 2}, "a": 0}) == b'{"a":0,"b":{"y":2,"z":1}}'
    # Keys sort by UTF-8 bytes (code points), not UTF-16 units.
    assert cj({"\uffff": 1, "\U0001f600": 2, "a": 3}) == '{"a":3,"\uffff":1,"\U0001f600":2}'.encode()
    assert cj({"a": 1.0}) == b'{"a":1}'
    assert cj({"a": 0.1}) == b'{"a":0.1}'
    with pytest.raises(TypeError):
        cj({"a": {1}})
    with pytest.raises(tinyyes.StateError):
        cj({"a": float("nan")})


# ---- threads and the GIL -------------------------------------------------------------------


def _big_playbook(n_intents, n_examples):
    words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet",
             "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango"]
    intents = {}
    for i in range(n_intents):
        exs = []
        for j in range(n_examples):
            exs.append("%s %s %s item%d variant%d" % (words[i % 20], words[(i // 20) % 20], words[j % 20], i, j))
        intents["intent_%d" % i] = {"examples": exs}
    return json.dumps({"tinyyes": 1, "intents": intents})


def test_load_releases_the_gil():
    src = _big_playbook(400, 40)
    t0 = time.perf_counter()
    Playbook(src)
    load = time.perf_counter() - t0
    if load < 0.05:
        pytest.skip("load too fast (%.3fs) to observe the GIL" % load)
    done = threading.Event()
    th = threading.Thread(target=lambda: (Playbook(src), done.set()))
    samples = []
    th.start()
    while not done.is_set():
        samples.append(time.perf_counter())
    th.join()
    gaps = [b - a for a, b in zip(samples, samples[1:])]
    # Holding the GIL for the whole load would stall this loop for ~`load`.
    assert gaps and max(gaps) < load / 2, (max(gaps), load)


def test_threads_share_one_playbook(mini):
    texts = ["I want a deep clean tomorrow", "how much is it", "stop", "B", "regular on friday"]
    want = {t: mini.match(t, at=AT) for t in texts}
    want_rec = {t: mini.recognize(t, "service", AT) for t in texts}
    errors = []
    barrier = threading.Barrier(4)

    def work():
        try:
            barrier.wait()
            for _ in range(500):
                for t in texts:
                    assert mini.match(t, at=AT) == want[t]
                    assert mini.recognize(t, "service", AT) == want_rec[t]
        except BaseException as e:
            errors.append(e)

    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)
    try:
        threads = [threading.Thread(target=work) for _ in range(4)]
        for th in threads:
            th.start()
        for th in threads:
            th.join(60)
            assert not th.is_alive(), "deadlock"
    finally:
        sys.setswitchinterval(old)
    assert not errors, errors[0]


# ---- leaks ------------------------------------------------------------------------------------


def _rss_kib():
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * 4
    except OSError:
        return None


def _exercise(pb):
    pb.match("I want a deep clean tomorrow", at=AT)
    pb.match("the second one", "visit", at=AT, data={"times": ["10:00", "15:00"]})
    pb.recognize("B", "service", AT)
    pb.recognize("nope", "service", AT)
    for bad in (lambda: pb.match("a\x00", at=AT), lambda: pb.recognize("x", "nope", AT),
                lambda: pb.match("x", at=AT, data={"a": {1}}), lambda: pb.match("x", at=AT, data={"a": math.nan})):
        try:
            bad()
        except (Error, TypeError):
            pass


def test_no_leaks():
    pb = Playbook(MINI)
    for _ in range(300):
        _exercise(pb)
    counts = []
    for _ in range(8):
        for _ in range(1250):  # 10,000 rounds in all
            _exercise(pb)
        gc.collect()
        counts.append(len(gc.get_objects()))
    assert len(set(counts[2:])) == 1, counts

    tracemalloc.start()
    try:
        for _ in range(300):
            _exercise(pb)
        gc.collect()
        before, _ = tracemalloc.get_traced_memory()
        rss0 = _rss_kib()
        for _ in range(10000):
            pb.match("I want a deep clean tomorrow", at=AT)
        gc.collect()
        after, _ = tracemalloc.get_traced_memory()
        rss1 = _rss_kib()
    finally:
        tracemalloc.stop()
    assert after - before < 4096, (before, after)
    if rss0 is not None:  # the core's own (libc) allocations
        assert rss1 - rss0 < 2048, (rss0, rss1)


def test_playbooks_are_freed():
    rss = _rss_kib()
    if rss is None:
        pytest.skip("no /proc/self/statm")
    src = _big_playbook(100, 20)
    for _ in range(3):
        Playbook(src)
    gc.collect()
    rss0 = _rss_kib()
    for _ in range(30):
        Playbook(src).match("alpha bravo", at=AT)
    gc.collect()
    assert _rss_kib() - rss0 < 4096


def test_docstring_examples():
    import doctest
    result = doctest.testmod(tinyyes)
    assert result.attempted >= 5 and result.failed == 0
