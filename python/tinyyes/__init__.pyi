# Typed stub for the tinyyes package (python/tinyyes/__init__.py).
# The result TypedDicts exist for type checkers only: import them under
# `if typing.TYPE_CHECKING:` (from tinyyes import MatchResult, StepResult).
import datetime
import os
from typing import Any, Literal, Mapping, Optional, TypedDict, Union, type_check_only

from typing_extensions import NotRequired, TypeAlias

from ._tinyyes import Error as Error
from ._tinyyes import EventError as EventError
from ._tinyyes import PlaybookError as PlaybookError
from ._tinyyes import StateError as StateError
from ._tinyyes import Template as Template
from ._tinyyes import TemplateError as TemplateError
from ._tinyyes import __version__ as __version__

__all__ = [
    "Error",
    "EventError",
    "Playbook",
    "PlaybookError",
    "StateError",
    "Template",
    "TemplateError",
    "__version__",
]

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
    events: list[dict[str, Any]]
    """Metric events: ask, commit, reprompt, followup, handoff, opt_out, close."""

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
    def sign(self, state: Mapping[str, Any]) -> dict[str, Any]: ...
    def __copy__(self) -> "Playbook": ...
    def __deepcopy__(self, memo: Any) -> "Playbook": ...

def _seconds(at: Optional[_Time], what: str = ...) -> int: ...
def _offset_seconds(utc_offset: Optional[_Offset]) -> Optional[int]: ...
