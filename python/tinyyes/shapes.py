"""tinyyes.shapes — the typed shape of every result tinyyes returns, of the
events it takes, and the literal types of its arguments.

At run time every result is a plain ``dict`` (JSON-ready); these TypedDicts
say, for a type checker and a reader, which keys it has and what they hold.
Actions and metric events are unions discriminated by ``"type"``, so
``if action["type"] == "send":`` narrows ``action`` to :class:`SendAction`.
Every name here is also importable from ``tinyyes`` itself
(``from tinyyes import StepResult, Channel``).

Optional keys are written as a ``total=False`` subclass of the required
part (Python 3.10 has no ``NotRequired``), so ``__required_keys__`` and
``__optional_keys__`` are right at run time too; tests/python/test_shapes.py
checks real results against these declarations, and node/index.d.ts
describes the same shapes for TypeScript.
"""

import datetime
from typing import Dict, List, Literal, Mapping, Optional, TypedDict, Union, final

__all__ = [
    "Action",
    "ActionType",
    "AskEvent",
    "Channel",
    "Check",
    "Choice",
    "CloseAction",
    "CloseEvent",
    "CommitEvent",
    "Completion",
    "Entity",
    "ErrorEvent",
    "Escape",
    "Event",
    "EventType",
    "Finding",
    "FollowupEvent",
    "HandoffAction",
    "HandoffEvent",
    "HandoffReason",
    "JsonValue",
    "LintCode",
    "MatchResult",
    "MetricEvent",
    "MetricEventType",
    "MetricsDict",
    "Money",
    "MoneyRange",
    "OptOutEvent",
    "ParseMode",
    "PayloadResult",
    "PlaybookFinding",
    "PlaybookLintCode",
    "PlaybookStats",
    "RankedIntent",
    "Recognized",
    "Reminder",
    "ReminderEvent",
    "RepromptEvent",
    "Requires",
    "ScheduleAction",
    "ScheduleWhy",
    "SendAction",
    "Severity",
    "SlotType",
    "SlotValue",
    "SmsEncoding",
    "Speaker",
    "StackFrame",
    "State",
    "Status",
    "StepResult",
    "MigrateResult",
    "WhatsAppTemplate",
    "StepCounts",
    "InboundEvent",
    "Ignored",
    "IgnoredReason",
    "InboundResult",
    "Time",
    "TimeToNextStep",
    "Turn",
    "UtcOffset",
    "Window",
    "WordingRow",
]

# ---- literal types ------------------------------------------------------------

Channel = Literal["whatsapp", "messenger", "instagram", "telegram", "webchat", "sms"]
"""The channel names payload, lint and playbook "channels" keys accept (tinyyes.CHANNELS)."""

Escape = Literal["none", "html", "telegram_html", "telegram_md"]
"""How Template escapes interpolated values (``Template(..., escape=...)``)."""

ParseMode = Literal["html", "markdownv2", "none"]
"""Telegram text escaping for payload(..., parse_mode=...)."""

Severity = Literal["error", "warning"]
LintCode = Literal["TY001", "TY002", "TY003", "TY004", "TY005", "TY006", "TY007", "TY008"]
"""Findings of one message: lint() and each template of Playbook.lint()."""
PlaybookLintCode = Literal["TY101", "TY102", "TY103", "TY104", "TY105", "TY106"]
"""Findings about the playbook itself (Playbook.lint())."""

SlotType = Literal["choice", "yesno", "date", "time", "number", "money", "email", "phone", "text"]
Status = Literal["active", "opted_out", "handoff", "closed"]
Check = Literal["opt_out", "handoff"]
"""A confirming question waiting on a yes/no (State["check"])."""
Speaker = Literal["customer", "bot"]

EventType = Literal["message", "tick", "resume"]
"""The kinds of event Playbook.step() takes."""
ActionType = Literal["send", "schedule", "handoff", "close"]
ScheduleWhy = Literal["followup", "close", "reminder"]
HandoffReason = Literal["requested", "failures"]
MetricEventType = Literal["ask", "commit", "reprompt", "followup", "handoff", "opt_out", "close", "reminder", "error"]

Window = Literal["open", "closed", "unknown", "n/a"]
"""The platform's messaging window: "n/a" on telegram, webchat and sms."""
Requires = Literal["template", "HUMAN_AGENT", "customer_message"]
"""What a platform requires when its window is closed."""
SmsEncoding = Literal["GSM-7", "UCS-2"]
IgnoredReason = Literal["status", "echo", "unsupported", "empty"]

# ---- values -------------------------------------------------------------------

Time = Union[int, float, datetime.datetime]
"""Unix seconds (fractions are floored), or an aware datetime."""
UtcOffset = Union[str, int, datetime.timedelta]
"""'+01:00' / '-05:30' / 'Z', seconds east of UTC, or a timedelta."""

JsonValue = Union[None, bool, int, float, str, List["JsonValue"], Dict[str, "JsonValue"]]
"""What states, slots and platform payloads are made of."""


@final  # so that `"amount" in value` tells Money from MoneyRange
class Money(TypedDict):
    """A money value: ``{"amount": 50, "currency": "USD"}``."""

    amount: Union[int, float]
    currency: Optional[str]
    """ISO 4217 code, None when unsaid."""


class _MoneyRangeCurrency(TypedDict):
    currency: Optional[str]


@final
class MoneyRange(_MoneyRangeCurrency, total=False):
    """A money range: "under 100" has only ``max``, "over 20" only ``min``."""

    min: Union[int, float]
    max: Union[int, float]


SlotValue = Union[str, int, float, Money, MoneyRange]
"""A recogniser's value: choice -> the option's id; yesno -> "yes"/"no";
date -> "YYYY-MM-DD"; time -> "HH:MM"; number -> int or float; money ->
Money or MoneyRange; email, phone, text -> str."""

# ---- match and recognize --------------------------------------------------------


class RankedIntent(TypedDict):
    intent: str
    score: float
    """Calibrated, rounded to 4 decimals (the same number in C, Python and Node)."""


class Recognized(TypedDict):
    """What Playbook.recognize() returns (None when the text is no answer)."""

    value: SlotValue
    text: str
    """The text that gave the value."""
    start: int
    """Offset in code points of the original text: text[start:end]."""
    end: int


class Entity(Recognized):
    """A value found in a message (MatchResult["entities"], and its "answer")."""

    slot: str
    type: SlotType


class _MatchResultRequired(TypedDict):
    intent: Optional[str]
    """None when out of scope."""
    score: float
    oos: bool
    ranking: List[RankedIntent]
    entities: List[Entity]


class MatchResult(_MatchResultRequired, total=False):
    """What Playbook.match() returns."""

    answer: Optional[Entity]
    """Present when ``expect`` was given: its answer, or None."""


class PlaybookStats(TypedDict):
    """What Playbook.stats() returns."""

    bytes: int
    """Memory held by the loaded playbook."""
    intents: int
    examples: int
    features: int
    slots: int
    templates: int
    flows: int


# ---- step: the event, the state, actions and metric events -----------------------


class _EventRequired(TypedDict):
    type: EventType
    at: Union[int, datetime.datetime]
    """Whole Unix seconds, or an aware datetime."""


class Event(_EventRequired, total=False):
    """An event for Playbook.step() (docs/playbook.md)."""

    text: str
    """The customer's message (message events only)."""
    id: str
    """The platform's message id: a redelivered event is answered with nothing."""
    choice: str
    """The option id of a button or list tap (message events only)."""
    conversation: str
    channel: str
    """"whatsapp", "sms", ... (selects per-channel template texts)."""
    data: Mapping[str, object]
    """Feeds templates and ``options_from`` choices."""
    utc_offset: Union[str, int]
    locale: str
    """A language of the playbook ("es"): the host says which one to answer in."""


class Choice(TypedDict):
    id: str
    title: str


# One line of the transcript (State["turns"], HandoffAction["transcript"]); the
# functional form because "from" is a Python keyword.
Turn = TypedDict("Turn", {"from": Speaker, "text": str, "at": int})


class StackFrame(TypedDict):
    """An ask suspended by a digression into another flow (State["stack"])."""

    flow: str
    step: str
    intent: Optional[str]
    asked_at: Optional[int]


class Reminder(TypedDict):
    """A reminder waiting, already rendered as it will read (State["reminders"])."""

    at: int
    template: str
    text: str


class _StateRequired(TypedDict):
    v: Literal[1]
    playbook: str
    """The playbook that wrote it: its "id", else its "name", else ""."""
    conversation: Optional[str]
    channel: Optional[str]
    status: Status
    intent: Optional[str]
    flow: Optional[str]
    step: Optional[str]
    slots: Dict[str, JsonValue]
    options: Optional[List[Choice]]
    stack: List[StackFrame]
    asked_at: Optional[int]
    reprompts: int
    followups: int
    due: Optional[int]
    """When the next tick has something to do."""
    utc_offset: Optional[int]
    last_at: Optional[int]
    turns: List[Turn]


class State(_StateRequired, total=False):
    """A conversation state (version 1): store it as it is and pass it back
    with the next event. Read its fields; never change it (a changed state
    is a StateError, and a signed one must not change at all)."""

    check: Check
    locale: str
    """Once the conversation's language is known."""
    followup_due: Optional[int]
    """While reminders wait: the follow-up's (or close's) own time."""
    reminders: List[Reminder]
    playbook_version: str
    """The "version" of the playbook that wrote it, when it has one."""
    expires: int
    """With state_ttl: after this time the state is refused (reason "expired")."""
    seen: List[str]
    """The ids of the last 16 events that carried one (redeliveries are skipped)."""
    sig: str
    """Set when the playbook signs its states."""


class WhatsAppTemplate(TypedDict):
    """The WhatsApp template approved for a message (playbook
    channels.whatsapp.templates), its parameters already rendered."""

    name: str
    language: str
    parameters: List[str]


class _SendActionRequired(TypedDict):
    type: Literal["send"]
    text: str
    choices: List[Choice]
    """The options of the ask (buttons, quick replies); empty when it is not a choice."""
    template: str
    variant: str
    """The wording sent: "text", "v1", "v2", ... (variants[0], ...), a channel
    name ("sms") for the channel's own text, or "builtin"."""
    step: Optional[str]
    """The step that sent it; None for an intent's ``say`` or a fallback with nothing pending."""


class SendAction(_SendActionRequired, total=False):
    """Send a message (what payload() takes)."""

    whatsapp_template: WhatsAppTemplate
    """Only when the playbook maps this template to an approved WhatsApp
    template: payload() sends it once the 24-hour window has closed."""


class ScheduleAction(TypedDict):
    """Send a tick event at (or after) ``at``."""

    type: Literal["schedule"]
    at: int
    why: ScheduleWhy


class HandoffAction(TypedDict):
    """Hand the conversation to a person; the bot is silent until a resume event."""

    type: Literal["handoff"]
    reason: HandoffReason
    summary: str
    """The intent, every filled slot and the pending question."""
    slots: Dict[str, JsonValue]
    transcript: List[Turn]


class CloseAction(TypedDict):
    """The conversation ended."""

    type: Literal["close"]
    outcome: str
    """An ``end`` step's outcome ("completed", "declined", ...) or "no_response"."""


Action = Union[SendAction, ScheduleAction, HandoffAction, CloseAction]
"""One of StepResult["actions"]: narrow it on ``action["type"]``."""


class _MetricEventBase(TypedDict):
    at: int
    conversation: Optional[str]
    flow: Optional[str]
    step: Optional[str]
    """The pending question's step, or None."""
    slot: Optional[str]
    template: Optional[str]
    """The wording's template (docs/metrics.md), None when there is none."""
    variant: Optional[str]


class AskEvent(_MetricEventBase):
    """A step's question asked for the first time."""

    type: Literal["ask"]


class CommitEvent(_MetricEventBase):
    """The customer answered it."""

    type: Literal["commit"]
    latency: int
    """Seconds since the ask."""


class RepromptEvent(_MetricEventBase):
    """A reply was not an answer and the question was asked again."""

    type: Literal["reprompt"]


class FollowupEvent(_MetricEventBase):
    """A follow-up went out after silence."""

    type: Literal["followup"]


class HandoffEvent(_MetricEventBase):
    """A person takes over."""

    type: Literal["handoff"]
    reason: HandoffReason
    filled: int
    """Slots filled."""
    asked: int
    """Slots filled plus those still waited for."""


class OptOutEvent(_MetricEventBase):
    """The customer stopped the conversation."""

    type: Literal["opt_out"]


class CloseEvent(_MetricEventBase):
    """The conversation ended."""

    type: Literal["close"]
    outcome: str


class ReminderEvent(_MetricEventBase):
    """A reminder was sent."""

    type: Literal["reminder"]


class ErrorEvent(_MetricEventBase):
    """A follow-up could not be rendered and was skipped."""

    type: Literal["error"]
    message: str


MetricEvent = Union[
    AskEvent, CommitEvent, RepromptEvent, FollowupEvent, HandoffEvent, OptOutEvent, CloseEvent, ReminderEvent,
    ErrorEvent,
]
"""One of StepResult["events"] (what metrics() counts): narrow it on ``event["type"]``."""


class _StepResultRequired(TypedDict):
    state: State
    """Store it and pass it back with the next event."""
    actions: List[Action]
    """What to do, in order."""
    events: List[MetricEvent]
    """Metric events to record."""


class StepResult(_StepResultRequired, total=False):
    """What Playbook.step() returns."""

    duplicate: Literal[True]
    """Only for an event whose id the state has seen: nothing to do."""


class MigrateResult(_StepResultRequired):
    """What Playbook.migrate() returns."""

    dropped: List[str]
    """The state paths left behind because the playbook no longer has them."""


# ---- channels and lint -----------------------------------------------------------


class _PayloadResultRequired(TypedDict):
    channel: Channel
    payload: Dict[str, JsonValue]
    """The platform's request body (WhatsApp Cloud API, Messenger/Instagram
    Send API, Telegram sendMessage) or message (web chat, SMS)."""
    window: Window


class PayloadResult(_PayloadResultRequired, total=False):
    """What payload() returns."""

    requires: Requires
    """Only when the window is closed: what the platform requires instead."""
    removed: int
    """Only when some were: control and bidi formatting characters taken out
    of the text and titles (README, "What a payload carries")."""
    segments: int
    """SMS only: message parts."""
    encoding: SmsEncoding
    """SMS only."""
    units: int
    """SMS only: GSM-7 septets or UTF-16 code units counted."""


class _InboundEventRequired(TypedDict):
    type: Literal["message"]
    at: int
    conversation: str
    """The customer's WhatsApp id, page-scoped id, chat id or phone number."""
    channel: Channel
    text: str
    """The customer's text, or the title of the option tapped."""


class InboundEvent(_InboundEventRequired, total=False):
    """One event of inbound(): pass it to Playbook.step as it is."""

    id: str
    """The platform's message id (absent when it gives none)."""
    choice: str
    """Only for a tap: the option id that was sent."""


class _IgnoredRequired(TypedDict):
    reason: IgnoredReason
    type: str
    """The platform's word for it: "delivered", "image", "edited_message", ..."""


class Ignored(_IgnoredRequired, total=False):
    """One thing of a webhook body that inbound() did not read."""

    id: str


class InboundResult(TypedDict):
    """What inbound() returns, in body order."""

    events: List[InboundEvent]
    ignored: List[Ignored]


class Finding(TypedDict):
    """One finding of lint(); text[start:end] is the part found (code points)."""

    code: LintCode
    severity: Severity
    message: str
    start: int
    end: int


class PlaybookFinding(TypedDict):
    """One finding of Playbook.lint(): where (path, and the template text it
    is about), then what. TY001-TY008: start/end are code points of the
    template rendered with samples; TY101-TY106: of the template text at
    ``path``, or None for a finding about a slot, step or flow."""

    template: Optional[str]
    """None for a finding about a slot, step or flow."""
    variant: Optional[int]
    """The variant's index; None for the template's text and channel texts."""
    channel: Optional[Channel]
    code: Union[LintCode, PlaybookLintCode]
    severity: Severity
    message: str
    start: Optional[int]
    end: Optional[int]
    path: str
    """JSON path: "templates.nudge", "templates.ask.variants[0]", "flows.booking.steps[2]"."""


# ---- metrics ------------------------------------------------------------------


class TimeToNextStep(TypedDict):
    median: Optional[float]
    """Seconds (nearest rank); None without commits."""
    p90: Optional[float]


class Completion(TypedDict):
    overall: Optional[float]
    """commits / asks; None without asks."""
    by_step: Dict[str, float]
    """"flow.step" -> commits / asks, for steps with at least one ask."""


class WordingRow(TypedDict):
    """A row of MetricsDict["variants"]: one wording of a step's question."""

    flow: str
    step: str
    template: str
    variant: str
    asks: int
    replies: int
    """Asks a customer message followed."""
    reply_rate: float
    reply_rate_ci: List[float]
    """The 95 % Wilson score interval [low, high]."""
    commits: int
    completion: float
    completion_ci: Optional[List[float]]
    """None when commits exceed asks (a log without its asks)."""
    time_to_next_step: TimeToNextStep


class StepCounts(TypedDict):
    """One step's asks and commits (MetricsDict["steps"])."""

    asks: int
    commits: int


class MetricsDict(TypedDict):
    """The metrics of many conversations (docs/metrics.md): MetricsResult.to_dict()."""

    conversations: int
    reply_rate: Optional[float]
    time_to_next_step: TimeToNextStep
    completion: Completion
    handoffs: int
    handoff_context: Optional[float]
    drop_off: Dict[str, int]
    """"flow.step" -> conversations closed no_response there."""
    opt_outs: int
    variants: List[WordingRow]
    steps: Dict[str, StepCounts]
    """"flow.step" -> its asks and commits (the counts behind by_step)."""
