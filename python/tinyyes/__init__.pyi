# Typed stub for the tinyyes package (python/tinyyes/__init__.py). The
# shapes of results (MatchResult, StepResult, Action, ...) and the literal
# types (Channel, Escape, ...) live in tinyyes.shapes, a real module: import
# them from tinyyes at run time too.
import datetime
import os
from typing import Any, Iterable, Iterator, Literal, Mapping, Optional, Union, overload

from . import shapes as shapes
from .shapes import (
    Action as Action,
    ActionType as ActionType,
    AskEvent as AskEvent,
    Channel as Channel,
    Check as Check,
    Choice as Choice,
    CloseAction as CloseAction,
    CloseEvent as CloseEvent,
    CommitEvent as CommitEvent,
    Completion as Completion,
    Entity as Entity,
    ErrorEvent as ErrorEvent,
    Escape as Escape,
    Event as Event,
    EventType as EventType,
    Finding as Finding,
    FollowupEvent as FollowupEvent,
    HandoffAction as HandoffAction,
    HandoffEvent as HandoffEvent,
    HandoffReason as HandoffReason,
    Ignored as Ignored,
    IgnoredReason as IgnoredReason,
    InboundEvent as InboundEvent,
    WhatsAppTemplate as WhatsAppTemplate,
    StepCounts as StepCounts,
    InboundResult as InboundResult,
    JsonValue as JsonValue,
    LintCode as LintCode,
    MatchResult as MatchResult,
    MetricEvent as MetricEvent,
    MetricEventType as MetricEventType,
    MetricsDict as MetricsDict,
    Money as Money,
    MoneyRange as MoneyRange,
    OptOutEvent as OptOutEvent,
    ParseMode as ParseMode,
    PayloadResult as PayloadResult,
    PlaybookFinding as PlaybookFinding,
    PlaybookLintCode as PlaybookLintCode,
    PlaybookStats as PlaybookStats,
    RankedIntent as RankedIntent,
    Recognized as Recognized,
    Reminder as Reminder,
    ReminderEvent as ReminderEvent,
    RepromptEvent as RepromptEvent,
    Requires as Requires,
    ScheduleAction as ScheduleAction,
    ScheduleWhy as ScheduleWhy,
    SendAction as SendAction,
    Severity as Severity,
    SlotType as SlotType,
    SlotValue as SlotValue,
    SmsEncoding as SmsEncoding,
    Speaker as Speaker,
    StackFrame as StackFrame,
    State as State,
    Status as Status,
    StepResult as StepResult,
    MigrateResult as MigrateResult,
    StepJsonResult as StepJsonResult,
    Time as Time,
    TimeToNextStep as TimeToNextStep,
    Turn as Turn,
    UtcOffset as UtcOffset,
    Window as Window,
    WordingRow as WordingRow,
)

from ._tinyyes import ArgumentOverflowError as ArgumentOverflowError
from ._tinyyes import ArgumentTypeError as ArgumentTypeError
from ._tinyyes import Error as Error
from ._tinyyes import EventError as EventError
from .audit import AuditResult as AuditResult
from .audit import audit as audit
from .notebook import Findings as Findings
from .notebook import Transcript as Transcript
from .notebook import simulate as simulate
from ._tinyyes import EventTypeError as EventTypeError
from ._tinyyes import PlaybookError as PlaybookError
from ._tinyyes import StateError as StateError
from ._tinyyes import StateTypeError as StateTypeError
from ._tinyyes import Template as Template
from ._tinyyes import TemplateError as TemplateError
from ._tinyyes import TemplateTypeError as TemplateTypeError
from ._tinyyes import __version__ as __version__

__all__ = [
    "ArgumentOverflowError",
    "ArgumentTypeError",
    "AuditResult",
    "CHANNELS",
    "LIMITS",
    "Error",
    "EventError",
    "Findings",
    "EventTypeError",
    "Metrics",
    "MetricsResult",
    "Playbook",
    "PlaybookError",
    "StateError",
    "StateTypeError",
    "Template",
    "TemplateError",
    "TemplateTypeError",
    "Transcript",
    "__version__",
    "audit",
    "handshake",
    "inbound",
    "lint",
    "metrics",
    "payload",
    "simulate",
    "verify",
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
    "Ignored",
    "IgnoredReason",
    "InboundEvent",
    "InboundResult",
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
    "StepCounts",
    "State",
    "Status",
    "StepResult",
    "MigrateResult",
    "StepJsonResult",
    "Time",
    "TimeToNextStep",
    "Turn",
    "UtcOffset",
    "WhatsAppTemplate",
    "Window",
    "WordingRow",
]

CHANNELS: tuple[Channel, ...]
LIMITS: Mapping[str, int]

class MetricsResult(Mapping[str, Any]):
    """Read-only Mapping of a MetricsDict, equal to the plain dict."""

    def __init__(self, data: Mapping[str, Any], *, steps: Optional[Mapping[str, tuple[int, int]]] = None) -> None: ...
    # The figures by name (MetricsDict says what each is); nested maps are
    # read-only views and lists tuples here: to_dict() gives the plain, typed dict.
    @overload
    def __getitem__(self, key: Literal["conversations", "handoffs", "opt_outs"]) -> int: ...
    @overload
    def __getitem__(self, key: Literal["reply_rate", "handoff_context"]) -> Optional[float]: ...
    @overload
    def __getitem__(self, key: Literal["time_to_next_step"]) -> Mapping[str, Optional[float]]: ...
    @overload
    def __getitem__(self, key: Literal["drop_off"]) -> Mapping[str, int]: ...
    @overload
    def __getitem__(self, key: Literal["completion"]) -> Mapping[str, Any]: ...
    @overload
    def __getitem__(self, key: Literal["variants"]) -> tuple[Mapping[str, Any], ...]: ...
    @overload
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
    channel: Channel,
    *,
    at: Optional[Time] = None,
    last_customer_at: Optional[Time] = None,
    parse_mode: Optional[ParseMode] = None,
    human_agent: bool = False,
    to: Optional[Union[str, int]] = None,
    locale: Optional[str] = None,
    whatsapp_link: Optional[str] = None,
) -> PayloadResult:
    """at None means now (this machine's clock); last_customer_at None: unknown."""

def lint(text: str, channel: Optional[Channel] = "webchat", locale: Optional[str] = "en") -> list[Finding]: ...
def metrics(events: Iterable[Union[MetricEvent, Mapping[str, Any]]]) -> MetricsResult: ...
def verify(
    channel: Channel,
    secret: Union[str, bytes],
    headers: Union[Mapping[str, Union[str, bytes]], Iterable[tuple[str, Union[str, bytes]]]],
    body: Union[str, bytes, bytearray, memoryview],
    url: Optional[str] = None,
) -> bool: ...
def handshake(query: Mapping[str, str], verify_token: str) -> Optional[str]: ...
def inbound(channel: Channel, body: Union[str, bytes, bytearray, memoryview], at: Optional[Time] = None) -> InboundResult: ...

class Playbook:
    """A loaded playbook: immutable, shareable across threads."""

    def __init__(
        self,
        source: Union[str, bytes, bytearray, memoryview, Mapping[str, Any]],
        *,
        secret: Optional[bytes] = None,
        max_bytes: Optional[int] = None,
        max_intents: Optional[int] = None,
        max_examples: Optional[int] = None,
        max_message: Optional[int] = None,
        state_ttl: Optional[Union[int, datetime.timedelta]] = None,
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
        state_ttl: Optional[Union[int, datetime.timedelta]] = None,
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
        at: Optional[Time] = None,
        data: Optional[Mapping[str, Any]] = None,
        utc_offset: Optional[UtcOffset] = None,
    ) -> MatchResult:
        """at None means now (this machine's clock)."""
    def recognize(
        self,
        text: str,
        slot: str,
        at: Optional[Time] = None,
        data: Optional[Mapping[str, Any]] = None,
        *,
        utc_offset: Optional[UtcOffset] = None,
    ) -> Optional[Recognized]: ...
    def stats(self) -> PlaybookStats: ...
    def step(self, state: Optional[Mapping[str, Any]], event: Union[Event, InboundEvent]) -> StepResult:
        """state: the last result's "state" (None for a new conversation)."""
    def step_json(self, state_json: Union[str, bytes, None], event: Union[Event, InboundEvent]) -> StepJsonResult:
        """step() with the state as its stored JSON text (None for a new conversation)."""
    def migrate(self, state: Mapping[str, Any], at: Optional[Time] = None) -> MigrateResult:
        """Carries a stored state across an edit of this playbook; at None means now."""
    def lint(self, channel: Optional[Channel] = None) -> list[PlaybookFinding]: ...
    def _repr_html_(self) -> str: ...
    def handover_link(self, state: Union[State, Mapping[str, Any], str], number: str) -> str: ...
    def handover_ref(self, text: str) -> Optional[str]: ...
    def sign(self, state: Mapping[str, Any]) -> State:
        """A copy of the state with a fresh "sig"."""
    def __copy__(self) -> "Playbook": ...
    def __deepcopy__(self, memo: Any) -> "Playbook": ...

def _seconds(at: Optional[Time], what: str = ...) -> int: ...
def _offset_seconds(utc_offset: Optional[UtcOffset]) -> Optional[int]: ...
