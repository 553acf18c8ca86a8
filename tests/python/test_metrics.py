"""Conversation metrics through the Python binding (docs/metrics.md): the shared
vectors (tests/vectors/metrics.json), streaming (Metrics.add in chunks equals
one call), events from real Playbook.step conversations with their wordings,
MetricsResult (read-only Mapping, to_dict, to_frame per step and per wording
with and without pandas, the Jupyter funnel with wordings side by side), bad
input naming the event's index, threads and leaks."""

import copy
import gc
import html
import json
import pickle
import random
import sys
import threading

import pytest

import tinyyes
from tinyyes import EventError, Metrics, MetricsResult, Playbook

AT = 1795514400  # Tue 2026-11-24 10:00 UTC, outside the default playbook's quiet hours
EMPTY = {"conversations": 0, "reply_rate": None, "time_to_next_step": {"median": None, "p90": None},
         "completion": {"overall": None, "by_step": {}}, "handoffs": 0, "handoff_context": None,
         "drop_off": {}, "opt_outs": 0, "variants": [], "steps": {}}
# 95 % Wilson score intervals of x of n: (p + z²/2n ∓ z·sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n), z = 1.96
WILSON = {(0, 1): [0, 0.7935], (1, 1): [0.2065, 1], (1, 2): [0.0945, 0.9055], (2, 2): [0.3424, 1],
          (2, 3): [0.2077, 0.9385], (3, 3): [0.4385, 1]}


def _wording(step, template, variant, asks, replies, commits, latencies):
    """A row of "variants" from its counts (latencies: the commits', sorted)."""
    flow, _, step = step.partition(".")
    rank = lambda p: latencies[max(1, -(-len(latencies) * p // 100)) - 1] if latencies else None  # noqa: E731
    return {"flow": flow, "step": step, "template": template, "variant": variant, "asks": asks, "replies": replies,
            "reply_rate": round(replies / asks, 4), "reply_rate_ci": WILSON[(replies, asks)], "commits": commits,
            "completion": round(commits / asks, 4), "completion_ci": WILSON[(commits, asks)],
            "time_to_next_step": {"median": rank(50), "p90": rank(90)}}


def _dump(obj):
    return json.dumps(obj, ensure_ascii=False)


# ---- shared vectors -----------------------------------------------------------------------------


def test_metrics_vector(metrics_vector):
    case = metrics_vector
    if "error" in case:
        want = case["error"]
        with pytest.raises(EventError) as info:
            tinyyes.metrics(case["events"])
        err = info.value
        assert (err.code, err.reason, err.path, str(err)) == (want["code"], want["reason"], want["path"],
                                                              want["message"])
        return
    got = tinyyes.metrics(case["events"])
    assert isinstance(got, MetricsResult)
    assert got == case["expected"] and case["expected"] == got
    assert _dump(got.to_dict()) == _dump(case["expected"])  # key order too
    # any order: the same events reversed and as a generator
    assert tinyyes.metrics(reversed(case["events"])) == case["expected"]
    assert tinyyes.metrics(e for e in case["events"]) == case["expected"]


def test_empty_list_is_documented_zeros():
    for events in ([], (), iter([]), (e for e in [])):
        got = tinyyes.metrics(events)
        assert got == EMPTY and _dump(got.to_dict()) == _dump(EMPTY)
    assert Metrics().result() == EMPTY


# ---- real conversations ----------------------------------------------------------------------


def _conversation(pb, cid, replies, ticks=(), start=AT):
    """Plays (delay seconds, text) replies, then ticks at the given offsets
    from the last reply; returns every metric event."""
    state, at, events = None, start, []
    for delay, text in replies:
        at += delay
        result = pb.step(state, {"type": "message", "text": text, "at": at, "conversation": cid})
        state, events = result["state"], events + result["events"]
    for offset in ticks:
        result = pb.step(state, {"type": "tick", "at": at + offset, "conversation": cid})
        state, events = result["state"], events + result["events"]
    return events


def _five_conversations():
    pb = Playbook.default()
    return {
        # booked: six asks answered after 30, 50, 70, 90, 110, 130 s
        "c-done": _conversation(pb, "c-done", [(0, "hi"), (30, "A"), (50, "Tune-up"), (70, "tomorrow"),
                                               (90, "morning"), (110, "Sam"), (130, "yes")]),
        # STOP at the menu: an opt-out with the menu pending
        "c-stop": _conversation(pb, "c-stop", [(0, "hi"), (40, "STOP")]),
        # menu answered after 20 s, then a person asked for at the service step
        "c-human": _conversation(pb, "c-human", [(0, "hi"), (20, "A"), (15, "can I talk to a person")]),
        # prices after 600 s, then silence: two follow-ups and a no_response close at pricing.which
        "c-silent": _conversation(pb, "c-silent", [(0, "hi"), (600, "B")], ticks=[4 * 3600, 30 * 3600, 4 * 86400]),
        # prices, the Full service, and no thanks: 45, 35, 25 s
        "c-price": _conversation(pb, "c-price", [(0, "hi"), (45, "B"), (35, "Full service"), (25, "no")]),
    }


def test_real_conversations_feed_metrics():
    convs = _five_conversations()
    events = [e for evs in convs.values() for e in evs]
    assert {e["type"] for e in events} == {"ask", "commit", "followup", "handoff", "opt_out", "close"}
    got = tinyyes.metrics(events)
    # By hand: asks 6 + 1 + 2 + 2 + 3 = 14; commits 6 + 0 + 1 + 1 + 3 = 11.
    # Latencies 30 50 70 90 110 130 | 20 | 600 | 45 35 25 (n = 11, sorted
    # 20 25 30 35 45 50 70 90 110 130 600): median rank 6 -> 50, p90 rank
    # ceil(9.9) = 10 -> 130. Every conversation replied (c-stop by its
    # opt-out at a pending step). One handoff: filled 1 of asked 2.
    assert got == {
        "conversations": 5,
        "reply_rate": 1,
        "time_to_next_step": {"median": 50, "p90": 130},
        "completion": {"overall": 0.7857, "by_step": {
            "booking.check": 1, "booking.kind": 0.5, "booking.part": 1, "booking.when": 1, "booking.who": 1,
            "pricing.full": 1, "pricing.which": 0.5, "welcome.menu": 0.8}},
        "handoffs": 1,
        "handoff_context": 0.5,
        "drop_off": {"pricing.which": 1},
        "opt_outs": 1,
        # The wordings, as the send actions showed them: the menu in "text"
        # to c-done, c-stop and c-human, "v1" to c-silent and c-price;
        # booking.kind "text" to c-done, "v1" to c-human; booking.when "v1"
        # (c-done); pricing.which "text" to c-silent, "v1" to c-price.
        # Replies: every ask but c-silent's which (silence; follow-ups are not
        # replies); c-human's kind was answered by the request for a person (a
        # handoff there: a reply, no commit); c-stop's menu by STOP. Menu
        # "text" latencies: c-done 30, c-human 20 (c-stop no commit).
        "variants": [
            _wording("booking.check", "check_booking", "text", 1, 1, 1, [130]),
            _wording("booking.kind", "ask_service", "text", 1, 1, 1, [50]),
            _wording("booking.kind", "ask_service", "v1", 1, 1, 0, []),
            _wording("booking.part", "ask_part", "text", 1, 1, 1, [90]),
            _wording("booking.when", "ask_day", "v1", 1, 1, 1, [70]),
            _wording("booking.who", "ask_name", "text", 1, 1, 1, [110]),
            _wording("pricing.full", "quote_full", "text", 1, 1, 1, [25]),
            _wording("pricing.which", "ask_service", "text", 1, 0, 0, []),
            _wording("pricing.which", "ask_service", "v1", 1, 1, 1, [35]),
            _wording("welcome.menu", "welcome", "text", 3, 3, 2, [20, 30]),
            _wording("welcome.menu", "welcome", "v1", 2, 2, 2, [45, 600]),
        ],
        # the counts behind by_step: the wordings' asks and commits summed
        "steps": {"booking.check": {"asks": 1, "commits": 1}, "booking.kind": {"asks": 2, "commits": 1},
                  "booking.part": {"asks": 1, "commits": 1}, "booking.when": {"asks": 1, "commits": 1},
                  "booking.who": {"asks": 1, "commits": 1}, "pricing.full": {"asks": 1, "commits": 1},
                  "pricing.which": {"asks": 2, "commits": 1}, "welcome.menu": {"asks": 5, "commits": 4}},
    }
    # the wordings named are the ones sent
    pb = Playbook.default()
    for cid, texts in (("c-done", ["hi", "A", "Tune-up"]), ("c-human", ["hi", "A"])):
        state = None
        for i, text in enumerate(texts):
            step = pb.step(state, {"type": "message", "text": text, "at": AT + i, "conversation": cid})
            state = step["state"]
            (ask,) = [e for e in step["events"] if e["type"] == "ask"]
            (send,) = [a for a in step["actions"] if a["type"] == "send"]
            assert (send["template"], send["variant"], send["step"]) == (ask["template"], ask["variant"], ask["step"])
    # shuffled across conversations: the same numbers
    shuffled = list(events)
    random.Random(5).shuffle(shuffled)
    assert tinyyes.metrics(shuffled) == got


# ---- streaming -----------------------------------------------------------------------------------


def _many_events(n_convs):
    """Metric events of n_convs conversations replayed from the five real
    ones under new ids (fast: no stepping)."""
    base = _five_conversations()
    names = sorted(base)
    out = []
    for i in range(n_convs):
        for e in base[names[i % len(names)]]:
            out.append(dict(e, conversation="conv-%d" % i, at=e["at"] + i))
    return out


def test_streaming_equals_one_shot():
    events = _many_events(6000)  # about 40,000 events: several 10,000-event chunks
    assert len(events) > 3 * tinyyes._tinyyes.METRICS_CHUNK
    one = tinyyes.metrics(events)
    assert one["conversations"] == 6000
    m = Metrics()
    for start in range(0, len(events), 777):  # uneven pieces
        m.add(events[start:start + 777])
    assert m.count == len(events)
    assert m.result() == one
    streamed = Metrics()
    streamed.add(e for e in events)  # a generator: never a list
    assert streamed.result() == one and streamed.count == len(events)
    # results in between are snapshots; adding more afterwards is fine
    part = Metrics()
    part.add(events[:1000])
    early = part.result()
    part.add(events[1000:])
    assert early != one and part.result() == one
    # the per-step counts behind to_frame are the same whatever the chunking
    assert m.result()._steps == one._steps == streamed.result()._steps


def test_generator_events_do_not_pile_up():
    """A generator's events are released chunk by chunk: at most a chunk of
    them is alive at once."""
    alive = [0, 0]

    class Event(dict):
        def __init__(self, *a, **k):
            super().__init__(*a, **k)
            alive[0] += 1
            alive[1] = max(alive[1], alive[0])

        def __del__(self):
            alive[0] -= 1

    def gen(n):
        for i in range(n):
            yield Event(type="ask", at=i, conversation="c%d" % (i % 500), flow="f", step="s%d" % (i % 7))

    m = Metrics()
    m.add(gen(35000))
    assert m.count == 35000
    assert alive[1] <= tinyyes._tinyyes.METRICS_CHUNK + 1, alive
    assert m.result()["completion"]["overall"] == 0


# ---- bad input ------------------------------------------------------------------------------------


def _ask(i):
    return {"type": "ask", "at": i, "conversation": "c%d" % (i % 97), "flow": "f", "step": "s"}


def test_bad_event_names_its_index_in_the_whole_stream():
    events = [_ask(i) for i in range(25000)]
    events[23456] = {"type": "hello", "at": 1, "conversation": "c"}
    m = Metrics()
    with pytest.raises(EventError) as info:
        m.add(iter(events))
    err = info.value
    assert err.code == "TY_EVENT" and err.reason == "event" and err.path == "events[23456].type"
    assert str(err).startswith('events[23456].type: unknown event type "hello"')
    assert m.count == 20000  # the two chunks before it were counted, its own was not
    events[23456] = {"type": "ask", "at": float("nan"), "conversation": "c", "flow": "f", "step": "s"}
    with pytest.raises(EventError) as info:
        tinyyes.metrics(events)
    assert info.value.path == "events[23456].at" and str(info.value).startswith("events[23456].at: ")
    events[23456] = {"type": "commit", "at": 1, "conversation": "c", "flow": "f", "step": "s"}
    with pytest.raises(EventError) as info:
        tinyyes.metrics(events)
    assert str(info.value) == "events[23456].latency: missing"


def test_unknown_type_and_missing_fields():
    for events, path in (([{"type": "nope", "at": 1, "conversation": "c"}], "events[0].type"),
                         ([_ask(1), {"at": 1, "conversation": "c"}], "events[1].type"),
                         ([_ask(1), _ask(2), {"type": "ask", "at": 1, "flow": "f", "step": "s"}],
                          "events[2].conversation"),
                         ([{"type": "handoff", "at": 1, "conversation": "c"}], "events[0].filled"),
                         ([_ask(1), "ask"], "events[1]")):
        with pytest.raises(EventError) as info:
            tinyyes.metrics(events)
        assert info.value.path == path, events


def test_not_a_list_of_events():
    for bad in ({"type": "ask"}, "ask", b"ask", 5, None):
        with pytest.raises(EventError) as info:
            tinyyes.metrics(bad)
        assert info.value.path == "events"
        assert str(info.value) == "events: must be a list of metric events"
    with pytest.raises(TypeError, match="keys must be str"):
        tinyyes.metrics([{1: "ask"}])


def test_iterator_errors_propagate():
    def broken():
        yield _ask(1)
        raise OSError("log file went away")

    m = Metrics()
    with pytest.raises(OSError, match="went away"):
        m.add(broken())
    m.add([_ask(2)])
    assert m.count == 1


def test_reentrant_add_is_refused():
    m = Metrics()

    def sneaky():
        yield _ask(1)
        m.add([_ask(2)])

    with pytest.raises(RuntimeError, match="inside Metrics.add"):
        m.add(sneaky())
    m.add([_ask(3)])  # the object is still usable
    assert m.count == 1


# ---- MetricsResult --------------------------------------------------------------------------------


def _result():
    return tinyyes.metrics(e for evs in _five_conversations().values() for e in evs)


def test_result_is_a_read_only_mapping():
    r = _result()
    assert isinstance(r, tinyyes.MetricsResult) and not isinstance(r, dict)
    assert list(r) == ["conversations", "reply_rate", "time_to_next_step", "completion", "handoffs",
                       "handoff_context", "drop_off", "opt_outs", "variants", "steps"]
    assert len(r) == 10 and r["conversations"] == 5 and r.get("nope") is None
    # rebuilt from its JSON, a result keeps its per-step counts (in key order)
    rebuilt = MetricsResult(json.loads(json.dumps(r.to_dict())))
    assert sorted(rebuilt._rows()) == sorted(r._rows()) and rebuilt._steps is None
    with pytest.raises(TypeError):
        r["conversations"] = 1
    with pytest.raises(TypeError):
        r["completion"]["overall"] = 1
    with pytest.raises(TypeError):
        r["completion"]["by_step"]["x"] = 1
    assert isinstance(r["variants"], tuple)  # rows are read-only too
    with pytest.raises(TypeError):
        r["variants"][0]["asks"] = 1
    plain = r.to_dict()
    assert type(plain) is dict and type(plain["completion"]["by_step"]) is dict
    assert type(plain["variants"]) is list and type(plain["variants"][0]["reply_rate_ci"]) is list
    assert plain == r and r == plain and json.loads(json.dumps(plain)) == r
    plain["conversations"] = 99
    assert r["conversations"] == 5
    assert pickle.loads(pickle.dumps(r)) == r
    assert pickle.loads(pickle.dumps(r))._steps == r._steps
    assert copy.deepcopy(r) == r
    assert MetricsResult(plain) != r
    assert repr(r).startswith("MetricsResult({'conversations': 5,")
    with pytest.raises(TypeError):
        MetricsResult([1, 2])


def test_to_frame():
    pd = pytest.importorskip("pandas")
    r = _result()
    frame = r.to_frame()
    assert isinstance(frame, pd.DataFrame)
    assert frame.index.name == "step"
    assert list(frame.columns) == ["flow", "asks", "commits", "completion", "drop_off"]
    # funnel order: flows as first asked, steps as first asked within each
    assert list(frame.index) == ["welcome.menu", "booking.kind", "booking.when", "booking.part", "booking.who",
                                 "booking.check", "pricing.which", "pricing.full"]
    menu = frame.loc["welcome.menu"]
    assert (menu["flow"], menu["asks"], menu["commits"], menu["completion"], menu["drop_off"]) == \
        ("welcome", 5, 4, 0.8, 0)
    which = frame.loc["pricing.which"]
    assert (which["asks"], which["commits"], which["completion"], which["drop_off"]) == (2, 1, 0.5, 1)
    assert frame["asks"].sum() == 14 and frame["commits"].sum() == 11
    assert frame.attrs["metrics"] == r.to_dict()
    # a result rebuilt from a plain dict takes its counts from "steps" (in
    # key order: the stream's first-seen order is not in the dict)
    bare = MetricsResult(r.to_dict()).to_frame()
    assert list(bare.index) == sorted(r["completion"]["by_step"])
    assert bare["asks"].sum() == 14 and bare.loc["pricing.which", "drop_off"] == 1
    assert (bare.loc["welcome.menu", "asks"], bare.loc["welcome.menu", "commits"]) == (5, 4)
    empty = tinyyes.metrics([]).to_frame()
    assert len(empty) == 0 and list(empty.columns) == ["flow", "asks", "commits", "completion", "drop_off"]


def test_to_frame_of_variants():
    pd = pytest.importorskip("pandas")
    r = _result()
    frame = r.to_frame(variants=True)
    assert frame.index.names == ["step", "template", "variant"]
    assert list(frame.columns) == ["asks", "replies", "reply_rate", "reply_low", "reply_high", "commits",
                                   "completion", "completion_low", "completion_high", "median", "p90"]
    # steps in funnel order (as to_frame()), a step's wordings together
    assert list(frame.index)[:4] == [("welcome.menu", "welcome", "text"), ("welcome.menu", "welcome", "v1"),
                                     ("booking.kind", "ask_service", "text"), ("booking.kind", "ask_service", "v1")]
    v1 = frame.loc[("welcome.menu", "welcome", "v1")]
    want = next(v for v in r["variants"] if v["step"] == "menu" and v["variant"] == "v1")
    assert (v1["asks"], v1["replies"], v1["commits"], v1["completion_low"], v1["median"], v1["p90"]) == \
        (want["asks"], want["replies"], want["commits"], want["completion_ci"][0],
         want["time_to_next_step"]["median"], want["time_to_next_step"]["p90"]) == (2, 2, 2, 0.3424, 45, 600)
    kind = frame.loc[("booking.kind", "ask_service", "v1")]
    assert kind["completion"] == 0 and pd.isna(kind["median"])
    assert frame["asks"].sum() == 14 and frame["commits"].sum() == 11
    side = frame.loc["welcome.menu"].droplevel("template")["completion"]
    assert side.to_dict() == {"text": 0.6667, "v1": 1}
    assert frame.attrs["metrics"] == r.to_dict()
    empty = tinyyes.metrics([]).to_frame(variants=True)
    assert len(empty) == 0 and empty.index.names == ["step", "template", "variant"]
    # no interval when commits exceed asks (a log without its asks)
    odd = [{"type": "ask", "at": 1, "conversation": "c", "flow": "f", "step": "s", "template": "t", "variant": "text"}]
    odd += [dict(odd[0], type="commit", at=2 + i, latency=1 + i) for i in range(2)]
    row = tinyyes.metrics(odd).to_frame(variants=True).iloc[0]
    assert row["completion"] == 2 and pd.isna(row["completion_low"]) and row["reply_rate"] == 1


def test_to_frame_without_pandas(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now raises ImportError
    with pytest.raises(tinyyes.Error) as info:
        _result().to_frame()
    err = info.value
    assert isinstance(err, ImportError) and isinstance(err, ValueError)
    assert "needs pandas" in str(err) and "pip install pandas" in str(err)
    assert err.reason == "dependency" and isinstance(err.__cause__, ImportError)


def test_repr_html_draws_the_funnel():
    r = _result()
    page = r._repr_html_()
    assert page.count("<svg") == 1 and page.count("</svg>") == 1
    # the legend, asks and commits bars for each of the 8 steps, and a bar
    # for each wording of the three steps asked in two wordings (menu, kind,
    # which)
    assert page.count("<rect") == 2 + 2 * 8 + 2 * 3
    assert page.count("<path") == 6  # their 95 % intervals as whiskers
    assert "welcome · v1" in page and "100.0% [34.2%–100.0%] done · 2 asks · reply 100.0%" in page
    assert "ask_service · v1" in page and "0.0% [0.0%–79.3%] done · 1 asks" in page
    assert ">asked<" in page and ">committed<" in page
    assert "welcome.menu" in page and "4/5 · 80.0%" in page and "1 dropped" in page
    assert "78.6%" in page  # overall completion
    # every label is escaped: step names come from event data
    hostile = [{"type": "ask", "at": 1, "conversation": "c", "flow": "<script>alert(1)</script>",
                "step": "a&b\"'"}]
    page = tinyyes.metrics(hostile)._repr_html_()
    assert "<script>" not in page and html.escape("<script>alert(1)</script>.a&b\"'") in page
    assert "<svg" in tinyyes.metrics([])._repr_html_()
    assert "<svg" in MetricsResult(r.to_dict())._repr_html_()
    # template and variant names come from event data too
    hostile = [dict(e, flow="f", step="s", template="<b>t</b>", variant=v) for v in ("text", "<i>v</i>")
               for e in ({"type": "ask", "at": 1, "conversation": "c" + v},)]
    page = tinyyes.metrics(hostile)._repr_html_()
    assert "<b>" not in page and "<i>" not in page and html.escape("<b>t</b> · <i>v</i>") in page


# ---- threads and leaks ---------------------------------------------------------------------------


def test_threads_share_one_metrics():
    events = _many_events(2000)
    want = tinyyes.metrics(events)
    m = Metrics()
    parts = [events[i::4] for i in range(4)]
    threads = [threading.Thread(target=m.add, args=(p,)) for p in parts]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert m.count == len(events) and m.result() == want


def test_no_leaks(no_leaks):
    events = [e for evs in _five_conversations().values() for e in evs]
    bad = events[:3] + [{"type": "nope", "at": 1, "conversation": "c"}]

    def exercise():
        m = Metrics()
        m.add(events)
        m.add(iter(events))
        m.result()
        try:
            m.add(bad)
        except EventError:
            pass
        try:
            m.add({"type": "ask"})
        except EventError:
            pass

    no_leaks(exercise, warmup=100, batch=200)


def _rss_kib():
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * 4
    except OSError:
        return None


def test_accumulators_are_freed():
    """The core's own (libc) memory: 200 accumulators of 10,000
    conversations each come and go without the RSS growing."""
    if _rss_kib() is None:
        pytest.skip("no /proc/self/statm")
    events = [{"type": "commit", "at": i, "conversation": "c%d" % i, "flow": "f", "step": "s", "latency": i % 60}
              for i in range(10000)]
    for _ in range(5):
        Metrics().add(events)
    gc.collect()
    rss0 = _rss_kib()
    for _ in range(200):
        m = Metrics()
        m.add(events)
        m.result()
    del m
    gc.collect()
    assert _rss_kib() - rss0 < 4096
