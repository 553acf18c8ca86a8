"""Every public API of the tinyyes Python package, used as a typed program.

`make test-typing` runs `mypy --strict` over this file (the stubs and
tinyyes.shapes must describe each call and result precisely enough that
no cast or Any is needed), and tests/python/test_shapes.py runs it, so
it stays a working program: each helper returns what it read, and main()
checks a few of those values.
"""

import copy
import datetime
import io
import pathlib
import tempfile
from typing import Callable, Mapping, Optional, Sequence

import tinyyes
from tinyyes import (
    CHANNELS,
    LIMITS,
    Action,
    Channel,
    Entity,
    Error,
    Escape,
    Event,
    EventError,
    Finding,
    Ignored,
    InboundEvent,
    InboundResult,
    JsonValue,
    MatchResult,
    MetricEvent,
    Metrics,
    MetricsDict,
    MetricsResult,
    PayloadResult,
    Playbook,
    PlaybookError,
    PlaybookFinding,
    PlaybookStats,
    Recognized,
    SlotValue,
    State,
    StateError,
    StepResult,
    StepJsonResult,
    Template,
    TemplateError,
    Time,
    UtcOffset,
    cli,
    handshake,
    inbound,
    lint,
    metrics,
    payload,
    shapes,
    verify,
)

AT = 1795000000
SALON = pathlib.Path(__file__).resolve().parents[2] / "examples" / "playbooks" / "salon.json"


def templates() -> list[str]:
    """Template: compile, render, read back its settings; errors carry where."""
    escapes: tuple[Escape, ...] = ("none", "html", "telegram_html", "telegram_md")
    out: list[str] = []
    for escape in escapes:
        t = Template("Hi {{name}}! {{>ask}}", partials={"ask": "Tuesday or Friday?"}, escape=escape,
                     strict=True, guard=True)
        out.append(t.render({"name": "Ana & Tom"}))
        names: tuple[str, ...] = t.names
        assert names == ("name",) and t.source.startswith("Hi") and t.escape == escape and t.strict and t.guard
    try:
        Template("{{#a}}").render({})
    except TemplateError as e:
        line: Optional[int] = e.line
        col: Optional[int] = e.col
        out.append("%s %s %s %s %s %s" % (e.code, e.reason, line, col, e.path, e.offset))
    return out


def describe(value: SlotValue) -> str:
    """A recogniser's value, narrowed to each of its kinds."""
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return "%g" % value
    if "amount" in value:  # Money
        return "%s %s" % (value["amount"], value["currency"] or "")
    low, high = value.get("min"), value.get("max")  # MoneyRange
    return "%s-%s %s" % (low, high, value["currency"] or "")


def matching(pb: Playbook) -> list[str]:
    """match and recognize, with every argument form."""
    at: Time = datetime.datetime(2026, 11, 19, 9, 0, tzinfo=datetime.timezone.utc)
    offset: UtcOffset = datetime.timedelta(hours=1)
    m: MatchResult = pb.match("can I book a full service on friday for $50", at=at, utc_offset=offset, data={})
    seen = ["%s %.2f %s" % (m["intent"], m["score"], m["oos"])]
    seen += ["%s=%.4f" % (r["intent"], r["score"]) for r in m["ranking"]]
    for e in m["entities"]:
        entity: Entity = e
        seen.append("%s:%s:%s [%d:%d] %r" % (entity["slot"], entity["type"], describe(entity["value"]),
                                             entity["start"], entity["end"], entity["text"]))
    answered = pb.match("tomorrow", "day", at=AT, utc_offset="+01:00")
    answer: Optional[Entity] = answered.get("answer")
    if answer is not None:
        seen.append("answer %s" % describe(answer["value"]))
    r: Optional[Recognized] = pb.recognize("the second one", "service", AT, None, utc_offset=0)
    if r is not None:
        seen.append("recognized %s" % describe(r["value"]))
    stats: PlaybookStats = pb.stats()
    seen.append("%d intents, %d slots, %d flows" % (stats["intents"], stats["slots"], stats["flows"]))
    return seen


def perform(action: Action) -> str:
    """What a host does with each kind of action (narrowed on "type")."""
    if action["type"] == "send":
        return "send %s/%s: %s %s" % (action["template"], action["variant"], action["text"],
                                      [c["title"] for c in action["choices"]])
    if action["type"] == "schedule":
        return "tick at %d (%s)" % (action["at"], action["why"])
    if action["type"] == "handoff":
        lines = ["%s: %s" % (t["from"], t["text"]) for t in action["transcript"]]
        return "handoff (%s) %s %d slots %d turns" % (action["reason"], action["summary"].splitlines()[0],
                                                     len(action["slots"]), len(lines))
    return "close: %s" % action["outcome"]


def record(event: MetricEvent) -> str:
    """The extra keys of each kind of metric event (narrowed on "type")."""
    where = "%s.%s" % (event["flow"], event["step"])
    if event["type"] == "commit":
        return "commit %s after %ds" % (where, event["latency"])
    if event["type"] == "handoff":
        return "handoff %s %s %d/%d" % (where, event["reason"], event["filled"], event["asked"])
    if event["type"] == "close":
        return "close %s" % event["outcome"]
    if event["type"] == "error":
        return "error %s" % event["message"]
    return "%s %s %s/%s" % (event["type"], where, event["template"], event["variant"])


def conversation(pb: Playbook) -> tuple[list[str], list[MetricEvent], State]:
    """A whole conversation through step: messages, a handoff, a resume, ticks."""
    texts = ["hi, I'd like to book a tune-up", "tomorrow", "can I talk to a person"]
    state: Optional[State] = None
    done: list[str] = []
    events: list[MetricEvent] = []
    at = AT
    for text in texts:
        event: Event = {"type": "message", "text": text, "at": at, "conversation": "c-typed", "channel": "whatsapp"}
        result: StepResult = pb.step(state, event)
        done += [perform(a) for a in result["actions"]]
        events += result["events"]
        state = result["state"]
        at += 60
    assert state is not None
    resumed = pb.step(state, {"type": "resume", "at": at})
    state = resumed["state"]
    due: Optional[int] = state["due"]
    tick = pb.step(state, {"type": "tick", "at": due if due is not None else at + 86400})
    done += [perform(a) for a in resumed["actions"] + tick["actions"]]
    events += resumed["events"] + tick["events"]
    state = tick["state"]
    turns = ["%s@%d" % (t["from"], t["at"]) for t in state["turns"]]
    done.append("%s %s %s %d turns, locale %s" % (state["status"], state["flow"], state["step"], len(turns),
                                                    state.get("locale")))
    return done, events, state


def signing() -> list[str]:
    """A signed playbook: states carry "sig"; a changed one is a StateError."""
    pb = Playbook.default(secret=b"typed-secret")
    assert pb.signed
    first = pb.step(None, {"type": "message", "text": "hi", "at": AT, "conversation": "c-sig"})
    sig: Optional[str] = first["state"].get("sig")
    resigned: State = pb.sign(first["state"])
    out = [str(sig == resigned.get("sig"))]
    tampered = dict(first["state"], reprompts=5)
    try:
        pb.step(tampered, {"type": "tick", "at": AT + 10})
    except StateError as e:
        out.append("%s %s" % (e.reason, e.path))
    try:
        pb.step(None, {"type": "tick", "at": -1})
    except EventError as e:
        out.append("%s %s" % (e.code, e.path))
    stored: StepJsonResult = pb.step_json(None, {"type": "message", "text": "hi", "at": AT, "conversation": "c-t"})
    text: str = stored["state"]
    again = pb.step_json(text.encode(), {"type": "message", "text": "book", "at": AT + 1})
    out.append("%d actions from text" % len(again["actions"]))
    return out


def channels(pb: Playbook) -> list[str]:
    """payload on every channel, lint of a message and of a playbook."""
    first = pb.step(None, {"type": "message", "text": "hi", "at": AT, "conversation": "c-ch"})
    out: list[str] = []
    for action in first["actions"]:
        if action["type"] != "send":
            continue
        assert LIMITS["MESSAGE_MAX_BYTES"] > 0
        for channel in CHANNELS:
            msg: PayloadResult = payload(action, channel, at=AT + 60, last_customer_at=AT, to=447700900123,
                                         human_agent=False, locale="en",
                                         parse_mode="markdownv2" if channel == "telegram" else None)
            body: dict[str, JsonValue] = msg["payload"]
            requires = msg.get("requires")
            out.append("%s %s %s %d keys" % (msg["channel"], msg["window"], requires, len(body)))
            if msg["channel"] == "sms":
                out.append("sms %s %s %s" % (msg.get("segments"), msg.get("encoding"), msg.get("units")))
    wa: Channel = "whatsapp"
    raw = (b'{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":'
           b'{"messages":[{"from":"1555","id":"w1","timestamp":"1795000000","type":"text","text":{"body":"hi"}}],'
           b'"statuses":[{"id":"w0","status":"read"}]}}]}]}')
    got: InboundResult = inbound(wa, raw, at=datetime.datetime(2026, 12, 4, tzinfo=datetime.timezone.utc))
    for ev in got["events"]:
        event: InboundEvent = ev
        out.append("inbound %s %s %s %s" % (event["channel"], event.get("id"), event["text"], event.get("choice")))
    for ig in got["ignored"]:
        ignored: Ignored = ig
        out.append("ignored %s %s %s" % (ignored["reason"], ignored["type"], ignored.get("id")))
    out.append("duplicate %s" % pb.step(None, got["events"][0]).get("duplicate"))
    real: bool = verify(wa, "app-secret", {"X-Hub-Signature-256": "sha256=" + "0" * 64}, raw)
    token: bool = verify("telegram", b"tok", [("X-Telegram-Bot-Api-Secret-Token", "tok")], "{}")
    challenge: Optional[str] = handshake({"hub.mode": "subscribe", "hub.verify_token": "t", "hub.challenge": "9"}, "t")
    out.append("verify %s %s %s" % (real, token, challenge))
    signed = Playbook.default(secret=b"k")
    link: str = signed.handover_link(first["state"], "+447700900123")
    back: Optional[str] = signed.handover_ref(link)
    web: PayloadResult = payload(first["actions"][0], "webchat", whatsapp_link=link)
    out.append("handover %s %s %s" % (link[:14], back, web["channel"]))
    sms: Channel = "sms"
    findings: list[Finding] = lint("Your bike is ready. Let me know!", sms, "en") + lint("Only today!")
    out += ["%s %s [%d:%d] %s" % (f["code"], f["severity"], f["start"], f["end"], f["message"]) for f in findings]
    salon = Playbook.load(SALON)
    for name, book in (("default", pb), ("salon", salon)):
        found: list[PlaybookFinding] = book.lint("whatsapp") + book.lint()
        for p in found:
            out.append("%s %s %s %s %s %s %s %s" % (name, p["path"], p["template"], p["variant"], p["channel"],
                                                     p["code"], p["start"], p["end"]))
    return out


def measuring(events: list[MetricEvent]) -> list[str]:
    """Metrics streamed and at once; the typed plain result."""
    m = Metrics()
    m.add(events[:2])
    m.add(iter(events[2:]))
    count: int = m.count
    res: MetricsResult = m.result()
    same: MetricsResult = metrics(events)
    plain: MetricsDict = res.to_dict()
    out = ["%d events, %d conversations, equal %s" % (count, plain["conversations"], res == same)]
    out.append("reply %s, completion %s, ttns %s" % (plain["reply_rate"], plain["completion"]["overall"],
                                                     plain["time_to_next_step"]["median"]))
    for row in plain["variants"]:
        ci: Optional[list[float]] = row["completion_ci"]
        out.append("%s.%s %s %d asks %d commits %s" % (row["flow"], row["step"], row["variant"], row["asks"],
                                                      row["commits"], ci))
    out.append("%d keys, html %d chars" % (len(res), len(res._repr_html_())))
    rebuilt = MetricsResult(plain, steps={"booking.when": (1, 1)})
    conversations: int = rebuilt["conversations"]
    reply_rate: Optional[float] = rebuilt["reply_rate"]
    wordings = [row["variant"] for row in rebuilt["variants"]]
    by_step: Mapping[str, int] = rebuilt["drop_off"]
    out.append("%s %d %s %s %s %s" % (sorted(rebuilt), conversations, reply_rate, wordings, dict(by_step),
                                      rebuilt == res))
    out += sorted(plain["completion"]["by_step"]) + sorted(plain["drop_off"])
    try:
        out.append(type(res.to_frame(variants=True)).__name__)
    except ImportError:  # pandas is optional
        out.append("no pandas")
    return out


def loading() -> list[str]:
    """Every way to make a Playbook, and its errors."""
    source = Playbook.default_source()
    out = [repr(Playbook(source)), repr(Playbook(source.encode("utf-8"), max_bytes=1 << 24, max_intents=100,
                                                 max_examples=10000, max_message=4096))]
    out.append(repr(Playbook({"tinyyes": 1, "name": "Empty"})))
    pb = Playbook.default()
    assert copy.copy(pb) is pb and copy.deepcopy(pb) is pb  # immutable: copies are itself
    with tempfile.TemporaryDirectory() as tmp:
        path = pathlib.Path(tmp) / "pb.json"
        path.write_text(source, encoding="utf-8")
        out.append(repr(Playbook.load(path, secret=b"k")))
        out.append(repr(Playbook.load(str(path))))
    try:
        Playbook('{"tinyyes": 1, "intents": {"a": {"flow": "nope"}}}')
    except PlaybookError as e:
        out.append("%s %s" % (e.code, e.path))
    except Error as e:  # any other tinyyes error
        out.append("unexpected %s" % e)
    return out


def command_line() -> list[str]:
    """tinyyes.cli in process: the chat a terminal user gets, and lint."""
    out = io.StringIO()
    args = cli.build_parser().parse_args(["chat", "--conversation", "typed"])
    status: int = cli.run_chat(args, stdin=io.StringIO("hi\n/wait 4h\n"), out=out)
    lint_out = io.StringIO()
    lint_status = cli.run_lint(cli.build_parser().parse_args(["lint", "--text", "Let me know!"]), out=lint_out)
    chat = cli.Chat(Playbook.default(), io.StringIO(), conversation="typed-2")
    chat.message("hi")
    chat.wait(cli.parse_duration("4h"))
    keep_going: bool = chat.handle("/state")
    entry: Callable[[Optional[Sequence[str]]], int] = cli.main  # python -m tinyyes (not run: it exits)
    return [str(status), str(lint_status), str(keep_going), out.getvalue().splitlines()[0], entry.__name__]


def auditing(pb: Playbook) -> list[str]:
    """tinyyes.audit over rows and a file, and what its result gives."""
    at = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=datetime.timezone.utc)
    rows = [{"conversation": "c1", "time": at.isoformat(), "sender": "Kim", "text": "how much is a tune-up?"},
            {"conversation": "c1", "time": at + datetime.timedelta(minutes=5), "sender": "Shop",
             "text": "A tune-up is £45."}]
    res: tinyyes.AuditResult = tinyyes.audit(rows, "Shop", pb, hours="mon-sat 09:00-18:00",
                                             late_after=datetime.timedelta(hours=1))
    with tempfile.TemporaryDirectory() as tmp:
        path = pathlib.Path(tmp) / "chat.txt"
        path.write_text("02/03/2026, 10:00 - Kim: open today?\n", encoding="utf-8")
        other = tinyyes.audit(path, format="whatsapp", date_order="dmy", utc_offset="+01:00",
                              columns={"text": "message"})
    report: str = res.report()
    plain: dict[str, object] = res.to_dict()
    return [report.splitlines()[0], str(len(plain)), str(other["summary"]["conversations"]), res._repr_svg_()[:4]]


def main() -> list[str]:
    """Runs every part; returns all it read (test_shapes.py checks it runs)."""
    pb = Playbook.default()
    lines = [tinyyes.__version__, str(len(shapes.__all__))]
    lines += templates() + matching(pb)
    done, events, state = conversation(pb)
    assert state["v"] == 1 and any(e["type"] == "handoff" for e in events), done
    lines += done + [record(e) for e in events] + signing() + channels(pb) + measuring(events) + loading()
    lines += command_line() + auditing(pb)
    return lines


if __name__ == "__main__":
    print("\n".join(main()))
