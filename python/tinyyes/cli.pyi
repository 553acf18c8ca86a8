# Typed stub for tinyyes.cli (python/tinyyes/cli.py): the command line and
# its in-process pieces (examples/demo.py drives run_chat with a script).
import argparse
from typing import Any, Dict, List, Mapping, Optional, Sequence, TextIO

from . import Playbook
from .shapes import State

VIRTUAL_EPOCH: int
STEP_SECONDS: int
MAX_TICKS_PER_WAIT: int
HELP: str
QUOTE_MAX: int

ECHO_NONE: int
ECHO_LINES: int
ECHO_MESSAGES: int

def parse_duration(text: str) -> int:
    """Seconds in "90s", "15m", "4h", "2d", "1h30m" or a bare number (ValueError otherwise)."""

class Chat:
    """One conversation on a virtual clock, printing what a customer would see
    (the core's chat session: the clock, the commands and the output are its)."""

    pb: Playbook
    out: TextIO
    header: str
    def __init__(
        self,
        playbook: Playbook,
        out: TextIO,
        *,
        start: Optional[int] = ...,
        conversation: Optional[str] = "chat-1",
        channel: Optional[str] = None,
        data: Optional[Mapping[str, Any]] = None,
        utc_offset: Optional[int] = 0,
        verbose: bool = False,
        echo: int = 0,
        default: bool = False,
        record: bool = False,
    ) -> None: ...
    @property
    def state(self) -> Optional[State]: ...
    def log(self) -> Optional[List[Dict[str, Any]]]: ...
    def handle(self, line: str) -> bool:
        """Handles one line of input; False when the chat should end."""
    def message(self, text: str) -> None: ...
    def wait(self, seconds: int) -> None: ...

def run_chat(args: argparse.Namespace, stdin: Optional[TextIO] = None, out: Optional[TextIO] = None) -> int:
    """The `chat` subcommand; returns the exit status."""

def run_lint(args: argparse.Namespace, out: Optional[TextIO] = None) -> int:
    """The `lint` subcommand; returns the exit status."""

def run_audit(args: argparse.Namespace, out: Optional[TextIO] = None) -> int:
    """The `audit` subcommand; returns the exit status."""

def build_parser() -> argparse.ArgumentParser: ...
def main(argv: Optional[Sequence[str]] = None) -> int: ...
