# Typed stub for the tinyyes package (python/tinyyes/__init__.py).
# The result TypedDicts exist for type checkers only: import them under
# `if typing.TYPE_CHECKING:` (from tinyyes import MatchResult, StepResult).
import datetime
import os
from typing import Any, Iterable, Iterator, Literal, Mapping, Optional, TypedDict, Union, type_check_only

from typing_extensions import NotRequired, TypeAlias

from ._tinyyes import Error as Error
from ._tinyyes import EventError as EventError
from ._tinyyes import PlaybookError as PlaybookError
from ._tinyyes import StateError as StateError
from ._tinyyes import Template as Template
from ._tinyyes import TemplateError as TemplateError
from ._tinyyes import __version__ as __version__

__all__ = [
    "CHANNELS",
    "Error",
    "EventError",
    "Metrics",
    "MetricsResult",
    "Playbook",
    "PlaybookError",
    "StateError",
    "Template",
    "TemplateError",
    "__version__",
    "lint",
    "metrics",
    "payload",
]

_Channel: TypeAlias = Literal["whatsapp", "messenger", "instagram", "telegram", "webchat", "sms"]
CHANNELS: tuple[_Channel, ...]

_Time: TypeAlias = Union[int, float, datetime.datetime]
"""Unix seconds, or an aware datetime."""
_Offset: TypeAlias = Union[str, int, datetime.timedelta]
"""'+01:00' / '-05:30' / 'Z', seconds east of UTC, or a timedelta."""

@type_check_only
class RankedIntent(TypedDict):
    intent: str
    score: float

@type_check_only
class Entity(TypedDict):
    slot: str
    type: str
    value: Any
    """choice: option id; yesno: 'yes'/'no'; date: 'YYYY-MM-DD'; time: 'HH:MM';
    number: int/float; money: {'amount', 'currency'}; email, phone, text: str."""
    text: str
    start: int
    """Offset in code points of the original text."""
    end: int

@type_check_only
class Recognized(TypedDict):
    """The result of Playbook.recognize (and a match's "answer")."""

    value: Any
    text: str
    start: int
    end: int

@type_check_only
class MatchResult(TypedDict):
    intent: Optional[str]
    score: float
    oos: bool
    ranking: list[RankedIntent]
    entities: list[Entity]
    answer: NotRequired[Optional[Recognized]]
    """Present when `expect` was given."""

@type_check_only
class PlaybookStats(TypedDict):
    bytes: int
    intents: int
    examples: int
    features: int
    slots: int
    templates: int
    flows: int

@type_check_only
class Event(TypedDict, total=False):
    type: Literal["message", "tick", "resume"]
    at: _Time
    text: str
    conversation: str
    channel: str
    data: Mapping[str, Any]
    utc_offset: Union[str, int]

@type_check_only
class StepResult(TypedDict):
    state: dict[str, Any]
    """Store it and pass it back with the next event ("sig" set when signed)."""
    actions: list[dict[str, Any]]
    """send / schedule / handoff / close actions, in order."""
    events: list[MetricEvent]
    """Metric events: ask, commit, reprompt, followup, handoff, opt_out, close."""

@type_check_only
class Choice(TypedDict):
    id: str
    title: str

@type_check_only
class SendAction(TypedDict, total=False):
    """A "send" action of StepResult["actions"] (what payload() takes)."""

    type: Literal["send"]
    text: str
    choices: list[Choice]
    template: str
    variant: str
    """The wording sent: "text", "v1", "v2", ... (variants[0], ...), a channel
    name ("sms") for the channel's own text, or "builtin" (no playbook template)."""
    step: Optional[str]

@type_check_only
class PayloadResult(TypedDict):
    """The result of payload()."""

    channel: _Channel
    payload: dict[str, Any]
    """The platform's request body (WhatsApp Cloud API, Messenger/Instagram
    Send API, Telegram sendMessage) or message (web chat, SMS)."""
    window: Literal["open", "closed", "unknown", "n/a"]
    requires: NotRequired[Literal["template", "HUMAN_AGENT", "customer_message"]]
    """Only when the window is closed: what the platform requires instead."""
    segments: NotRequired[int]
    """SMS only: message parts."""
    encoding: NotRequired[Literal["GSM-7", "UCS-2"]]
    """SMS only."""
    units: NotRequired[int]
    """SMS only: GSM-7 septets or UTF-16 code units counted."""

_LintCode: TypeAlias = Literal["TY001", "TY002", "TY003", "TY004", "TY005", "TY006", "TY007", "TY008"]

@type_check_only
class Finding(TypedDict):
    """One lint finding; text[start:end] is the part found (code points)."""

    code: _LintCode
    severity: Literal["error", "warning"]
    message: str
    start: int
    end: int

_PlaybookLintCode: TypeAlias = Literal["TY101", "TY102", "TY103", "TY104", "TY105", "TY106"]

@type_check_only
class PlaybookFinding(TypedDict):
    """A finding of Playbook.lint: where (path, and the template text it is
    about), then what. TY001-TY008 lint each template rendered with samples:
    start/end are code points of that rendering. TY101-TY106 are about the
    playbook: start/end are code points of the template text at ``path`` (the
    tag), or None when the finding is about a slot, step or flow."""

    template: Optional[str]
    """The template; None for a finding about a slot, step or flow."""
    variant: Optional[int]
    """The variant's index; None for the template's text and channel texts."""
    channel: Optional[_Channel]
    """The channel the text was linted for; None with template None."""
    code: Union[_LintCode, _PlaybookLintCode]
    severity: Literal["error", "warning"]
    message: str
    start: Optional[int]
    end: Optional[int]
    path: str
    """JSON path of what the finding is about: "templates.nudge",
    "templates.ask.variants[0]", "slots.size.options", "flows.booking.steps[2]"."""

@type_check_only
class MetricEvent(TypedDict, total=False):
    """One of StepResult["events"]."""

    type: Literal["ask", "commit", "reprompt", "followup", "handoff", "opt_out", "close", "reminder", "error"]
    at: int
    conversation: str
    flow: Optional[str]
    step: Optional[str]
    slot: Optional[str]
    template: Optional[str]
    """The message the event is about (docs/metrics.md): for ask, commit,
    handoff, opt_out and close the wording assigned to the step's question;
    for followup and reprompt the message sent. None when there is none."""
    variant: Optional[str]
    latency: int
    reason: str
    filled: int
    asked: int
    outcome: str
    template: str
    """reminder: the template sent; error: the follow-up that could not be rendered (skipped)."""
    message: str
    """error: why."""

@type_check_only
class TimeToNextStep(TypedDict):
    median: Optional[float]
    """Seconds (nearest rank); None without commits."""
    p90: Optional[float]

@type_check_only
class Completion(TypedDict):
    overall: Optional[float]
    """commits / asks; None without asks."""
    by_step: Mapping[str, float]
    """"flow.step" -> commits / asks, for steps with at least one ask."""

@type_check_only
class WordingRow(TypedDict):
    """One row of MetricsDict["variants"]: a wording of a step's question
    (docs/metrics.md defines every figure)."""

    flow: str
    step: str
    template: str
    variant: str
    """"text", "v1", "v2", ... (variants[0], ...), a channel name, or "builtin"."""
    asks: int
    replies: int
    """Asks a customer message followed."""
    reply_rate: float
    reply_rate_ci: list[float]
    """The 95 % Wilson score interval [low, high]."""
    commits: int
    completion: float
    """commits / asks."""
    completion_ci: Optional[list[float]]
    """None when commits exceed asks (a log without its asks)."""
    time_to_next_step: TimeToNextStep

@type_check_only
class MetricsDict(TypedDict):
    """The shape of a MetricsResult (and of its to_dict())."""

    conversations: int
    reply_rate: Optional[float]
    time_to_next_step: TimeToNextStep
    completion: Completion
    handoffs: int
    handoff_context: Optional[float]
    drop_off: Mapping[str, int]
    """"flow.step" -> conversations closed no_response there."""
    opt_outs: int
    variants: list[WordingRow]
    """A row per wording of a step's question with at least one ask."""

class MetricsResult(Mapping[str, Any]):
    """Read-only Mapping of a MetricsDict, equal to the plain dict."""

    def __init__(self, data: Mapping[str, Any], *, steps: Optional[Mapping[str, tuple[int, int]]] = None) -> None: ...
    def __getitem__(self, key: str) -> Any: ...
    def __iter__(self) -> Iterator[str]: ...
    def __len__(self) -> int: ...
    def to_dict(self) -> MetricsDict: ...
    def to_frame(self, *, variants: bool = False) -> Any:
        """A pandas.DataFrame per step: flow, asks, commits, completion, drop_off;
        with variants=True per (step, template, variant): asks, replies,
        reply_rate, reply_low, reply_high, commits, completion, completion_low,
        completion_high, median, p90."""
    def _repr_html_(self) -> str: ...

class Metrics:
    """A streaming accumulator: add() event iterables, then result()."""

    def __init__(self) -> None: ...
    def add(self, events: Iterable[Union[MetricEvent, Mapping[str, Any]]]) -> None: ...
    @property
    def count(self) -> int: ...
    def result(self) -> MetricsResult: ...

def payload(
    action: Union[SendAction, Mapping[str, Any]],
    channel: _Channel,
    *,
    at: Optional[_Time] = None,
    last_customer_at: Optional[_Time] = None,
    parse_mode: Optional[Literal["html", "markdownv2", "none"]] = None,
    human_agent: bool = False,
    to: Optional[Union[str, int]] = None,
    locale: Optional[str] = None,
) -> PayloadResult:
    """at None means now (this machine's clock); last_customer_at None: unknown."""

def lint(text: str, channel: Optional[_Channel] = "webchat", locale: Optional[str] = "en") -> list[Finding]: ...
def metrics(events: Iterable[Union[MetricEvent, Mapping[str, Any]]]) -> MetricsResult: ...

class Playbook:
    """A loaded playbook: immutable, shareable across threads."""

    def __init__(
        self,
        source: Union[str, bytes, bytearray, Mapping[str, Any]],
        *,
        secret: Optional[bytes] = None,
        max_bytes: Optional[int] = None,
        max_intents: Optional[int] = None,
        max_examples: Optional[int] = None,
        max_message: Optional[int] = None,
    ) -> None: ...
    @classmethod
    def load(
        cls,
        path: Union[str, os.PathLike[str]],
        *,
        secret: Optional[bytes] = None,
        max_bytes: Optional[int] = None,
        max_intents: Optional[int] = None,
        max_examples: Optional[int] = None,
        max_message: Optional[int] = None,
    ) -> "Playbook": ...
    @classmethod
    def default(cls, *, secret: Optional[bytes] = None) -> "Playbook": ...
    @staticmethod
    def default_source() -> str: ...
    @property
    def signed(self) -> bool: ...
    def match(
        self,
        text: str,
        expect: Optional[str] = None,
        *,
        at: Optional[_Time] = None,
        data: Optional[Mapping[str, Any]] = None,
        utc_offset: Optional[_Offset] = None,
    ) -> MatchResult:
        """at None means now (this machine's clock)."""
    def recognize(
        self,
        text: str,
        slot: str,
        at: Optional[_Time] = None,
        data: Optional[Mapping[str, Any]] = None,
        *,
        utc_offset: Optional[_Offset] = None,
    ) -> Optional[Recognized]: ...
    def stats(self) -> PlaybookStats: ...
    def step(self, state: Optional[Mapping[str, Any]], event: Union[Event, Mapping[str, Any]]) -> StepResult: ...
    def lint(self, channel: Optional[_Channel] = None) -> list[PlaybookFinding]: ...
    def sign(self, state: Mapping[str, Any]) -> dict[str, Any]: ...
    def __copy__(self) -> "Playbook": ...
    def __deepcopy__(self, memo: Any) -> "Playbook": ...

def _seconds(at: Optional[_Time], what: str = ...) -> int: ...
def _offset_seconds(utc_offset: Optional[_Offset]) -> Optional[int]: ...
