# Typed stub for tinyyes.cli (python/tinyyes/cli.py): the command line and
# its in-process pieces (examples/demo.py drives run_chat with a script).
import argparse
import datetime
from typing import Any, Mapping, Optional, Sequence, TextIO

from . import Playbook
from .shapes import Event, EventType, State, StepResult

VIRTUAL_EPOCH: int
STEP_SECONDS: int
MAX_TICKS_PER_WAIT: int
HELP: str
QUOTE_MAX: int

def parse_duration(text: str) -> int:
    """Seconds in "90s", "15m", "4h", "2d", "1h30m" or a bare number (ValueError otherwise)."""

def _human_duration(secs: int) -> str: ...

class Chat:
    """One conversation on a virtual clock, printing what a customer would see."""

    pb: Playbook
    out: TextIO
    now: int
    state: Optional[State]
    conversation: str
    channel: Optional[str]
    data: Optional[Mapping[str, Any]]
    tz: datetime.timezone
    verbose: bool
    due: Optional[int]
    started: bool
    blank: bool
    def __init__(
        self,
        playbook: Playbook,
        out: TextIO,
        *,
        start: int = ...,
        conversation: str = "chat-1",
        channel: Optional[str] = None,
        data: Optional[Mapping[str, Any]] = None,
        utc_offset: Optional[int] = 0,
        verbose: bool = False,
    ) -> None: ...
    def say(self, line: str = "") -> None: ...
    def clock(self, at: int) -> str: ...
    def show(self, result: StepResult) -> None: ...
    def step(self, event: Event) -> Optional[StepResult]: ...
    def event(self, kind: EventType, **fields: Any) -> Event: ...
    def message(self, text: str) -> None: ...
    def wait(self, seconds: int) -> None: ...
    def resume(self) -> None: ...
    def handle(self, line: str) -> bool:
        """Handles one line of input; False when the chat should end."""

def run_chat(args: argparse.Namespace, stdin: Optional[TextIO] = None, out: Optional[TextIO] = None) -> int:
    """The `chat` subcommand; returns the exit status."""

def run_lint(args: argparse.Namespace, out: Optional[TextIO] = None) -> int:
    """The `lint` subcommand; returns the exit status."""

def run_audit(args: argparse.Namespace, out: Optional[TextIO] = None) -> int:
    """The `audit` subcommand; returns the exit status."""

def build_parser() -> argparse.ArgumentParser: ...
def main(argv: Optional[Sequence[str]] = None) -> int: ...
