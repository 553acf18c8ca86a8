# Typed stub for the C extension tinyyes._tinyyes (python/tinyyes/_tinyyes.c).
from typing import Any, Final, Mapping, Optional, Sequence, Union, final

from .shapes import Escape

__version__: Final[str]
UTC_OFFSET_MAX: Final[int]
TEMPLATE_MAX_SOURCE: Final[int]
TEMPLATE_MAX_DEPTH: Final[int]
TEMPLATE_MAX_OUTPUT: Final[int]
MESSAGE_MAX_BYTES: Final[int]
PLAYBOOK_MAX_BYTES: Final[int]
PLAYBOOK_MAX_INTENTS: Final[int]
PLAYBOOK_MAX_EXAMPLES: Final[int]
STATE_MAX_BYTES: Final[int]
PAYLOAD_MAX_CHOICES: Final[int]
PAYLOAD_MAX_TEXT: Final[int]
LINT_MAX_BYTES: Final[int]
METRICS_CHUNK: Final[int]

class Error(ValueError):
    """Base of every tinyyes error."""

    code: str
    """'TY_TEMPLATE', 'TY_PLAYBOOK', 'TY_STATE', 'TY_EVENT' or 'TY_ERROR'."""
    reason: Optional[str]
    """A short word: 'syntax', 'missing', 'guard', 'limit', 'utf8', 'nul', 'depth', ..."""
    line: Optional[int]
    """1-based line in the failing text, or None."""
    col: Optional[int]
    """1-based column in code points, or None."""
    path: Optional[str]
    """JSON path (or partial name) of the failing part, or None."""
    offset: Optional[int]
    """Byte offset into the failing input."""

class TemplateError(Error): ...
class PlaybookError(Error): ...
class StateError(Error): ...
class EventError(Error): ...
class ArgumentTypeError(Error, TypeError):
    """An argument, or a value in it, has the wrong type (also a TypeError)."""

class ArgumentOverflowError(Error, OverflowError):
    """An integer argument is out of range (also an OverflowError)."""

class TemplateTypeError(TemplateError, ArgumentTypeError):
    """Template data holds a value that is not data."""

class StateTypeError(StateError, ArgumentTypeError):
    """A state holds a value JSON cannot carry."""

class EventTypeError(EventError, ArgumentTypeError):
    """An event holds a value JSON cannot carry."""

@final
class Template:
    """A compiled Mustache template: immutable, safe to render from many threads."""

    def __new__(
        cls,
        source: str,
        *,
        partials: Optional[Mapping[str, str]] = None,
        escape: Escape = "none",
        strict: bool = True,
        guard: bool = True,
    ) -> "Template": ...
    def render(self, data: Any = None) -> str:
        """Renders with data (a Mapping of str to str/int/float/bool/None,
        Mappings and Sequences) and returns the message."""
    @property
    def source(self) -> str: ...
    @property
    def names(self) -> tuple[str, ...]:
        """Top-level names the template reads, in first-use order."""
    @property
    def escape(self) -> Escape: ...
    @property
    def strict(self) -> bool: ...
    @property
    def guard(self) -> bool: ...

@final
class Playbook:
    """The core's loaded playbook; tinyyes.Playbook wraps it (policy lives there)."""

    def __new__(
        cls,
        source: str | bytes,
        /,
        *,
        max_bytes: Optional[int] = None,
        max_intents: Optional[int] = None,
        max_examples: Optional[int] = None,
        max_message: Optional[int] = None,
        state_ttl: Optional[int] = None,
    ) -> "Playbook": ...
    def _match(
        self,
        text: str,
        expect: Optional[str],
        at: Optional[int],
        utc_offset_seconds: Optional[int],
        data: Optional[Mapping[str, Any]],
        /,
    ) -> dict[str, Any]: ...
    def _recognize(
        self,
        text: str,
        slot: str,
        at: Optional[int],
        utc_offset_seconds: Optional[int],
        data: Optional[Mapping[str, Any]],
        /,
    ) -> Optional[dict[str, Any]]: ...
    def _stats(self) -> dict[str, int]: ...
    def _step(self, state: Optional[Mapping[str, Any]], event: Mapping[str, Any], /) -> dict[str, Any]: ...
    def _migrate(self, state: Mapping[str, Any], at: int, /) -> dict[str, Any]: ...
    def _lint(self, channel: Optional[str], /) -> list[dict[str, Any]]: ...
    def _handover_link(self, locale: Optional[str], number: Optional[str], conversation: Optional[str], tag: Optional[str], /) -> str: ...

@final
class Metrics:
    """The core's streaming metrics accumulator; tinyyes.Metrics wraps it."""

    def __new__(cls) -> "Metrics": ...
    def add(self, events: Any, /) -> None: ...
    def result(self) -> dict[str, Any]: ...
    def _snapshot(self) -> tuple[dict[str, Any], dict[str, tuple[int, int]]]: ...
    @property
    def count(self) -> int: ...

def _payload(
    action: Mapping[str, Any],
    channel: str,
    at: Optional[int],
    last_customer_at: Optional[int],
    parse_mode: Optional[str],
    human_agent: object,
    to: Optional[str],
    locale: Optional[str],
    whatsapp_link: Optional[str],
    /,
) -> dict[str, Any]: ...
def _lint(text: str, channel: Optional[str], locale: Optional[str], /) -> list[dict[str, Any]]: ...
def _signature_header(channel: str, /) -> str: ...
def _signature_check(
    channel: str, header: Union[str, bytes, None], body: Union[str, bytes, bytearray, memoryview], url: Optional[str], /
) -> tuple[int, bytes, bytes]: ...
def _handover_signed(conversation: str, /) -> bytes: ...
def _handover_find(text: str, /) -> Optional[tuple[str, str]]: ...
def _handshake(mode: Optional[str], token: Optional[str], challenge: Optional[str], verify_token: Optional[str], /) -> Optional[str]: ...
def _inbound(channel: str, body: Union[str, bytes, bytearray, memoryview], at: Optional[int], /) -> dict[str, Any]: ...
def _audit(
    inputs: Sequence[tuple[Optional[str], Union[str, bytes], Optional[str]]],
    business: Optional[str],
    date_order: Optional[int],
    utc_offset: Optional[int],
    columns: Optional[tuple[Optional[str], Optional[str], Optional[str], Optional[str]]],
    hours: Optional[str],
    late_after: Optional[int],
    playbook: Optional[Playbook],
    /,
) -> dict[str, Any]: ...
def _audit_report(result: Mapping[str, Any], /) -> str: ...

def _json_roundtrip(text: str, /) -> Any: ...
def _canonical_json(obj: Any, /) -> bytes: ...
def _default_playbook() -> str: ...
def _utc_offset(text: str, /) -> Optional[int]: ...
