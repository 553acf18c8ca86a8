"""The tinyyes command line: ``python -m tinyyes chat [PLAYBOOK]``,
``python -m tinyyes lint [PLAYBOOK] [--text MESSAGE] [--channel CH] [--json]`` and
``python -m tinyyes audit PATH... [--business NAME] [--hours HOURS] [--json]``.

``chat`` is a terminal conversation with a playbook (the default one when no
file is given), played by the same ``Playbook.step`` a web app would call:

- each bot message is printed with its choices (``[A] Tune-up  [B] Full service``);
- ``/wait 4h`` (also ``90s``, ``15m``, ``2d``, ``1h30m``) lets time pass on a
  virtual clock: every follow-up that falls due on the way is sent by a tick
  at its due time, so nudges, quiet hours and the no-response close appear;
- ``/resume`` hands the conversation back from a person, ``/state`` prints the
  state, ``/note text`` prints a narrator's line (for scripts), ``/quit`` ends.

Time is virtual so a transcript is reproducible: the clock starts at
VIRTUAL_EPOCH (Tuesday 24 November 2026, 10:00 UTC; ``--start`` changes it)
and moves on STEP_SECONDS before each customer message. When stdin is not a
terminal, replies are read line by line and echoed as ``> text``, so
``printf 'hi\\nB\\n' | python -m tinyyes chat`` prints a readable transcript.

``lint`` checks messages against the method (docs/playbook.md) for a business's own
CI: every template of a playbook (the default one when no file is given)
and what the playbook does at run time (a name a message may miss,
unreachable steps: TY101 and on), or one message with ``--text``. One line
per finding by default, named by its JSON path::

    shop.json: templates.ask_day [whatsapp] TY004 warning: more than one question ...: "Or shall I ...?"
    shop.json: templates.nudge [whatsapp] TY101 error: {{name}} may be missing: ...
    shop.json: flows.booking.steps[6] TY105 warning: step "undo" never runs: ...

``--json`` prints the findings as a JSON list instead. Exit status: 1 when
any finding is an error (TY005, TY008, TY006 over a hard limit, TY101),
else 0;
2 when the playbook cannot be read or does not load, or an argument is bad
(the message goes to stderr).

``audit`` reads past chats (WhatsApp exports, CSV, JSON lines; docs/audit.md)
and prints where momentum died: the core writes the report, so ``npx tinyyes
audit`` prints the same bytes. Exit status: 0; 1 when some lines could not
be read (they are listed); 2 for an input error (a missing file, a bad
option, an export with nothing readable).
"""

import argparse
import datetime
import json
import sys

from . import CHANNELS, Error, Playbook, __version__, _offset_seconds, _tinyyes
from . import lint as lint_text

VIRTUAL_EPOCH = 1795514400  # Tue 2026-11-24 10:00:00 UTC: the core's TY_CHAT_EPOCH
STEP_SECONDS = 15  # TY_CHAT_STEP_SECONDS: the customer takes a few seconds to type each reply
MAX_TICKS_PER_WAIT = 50  # TY_CHAT_MAX_TICKS_PER_WAIT: a /wait never loops for ever
QUOTE_MAX = 60  # code points of a finding's span quoted in a lint line

ECHO_NONE, ECHO_LINES, ECHO_MESSAGES = 0, 1, 2  # the core's TY_CHAT_ECHO_*


def parse_duration(text):
    """Seconds in "90s", "15m", "4h", "2d", "1h30m" or a bare number of seconds."""
    return _tinyyes._duration(text)


class Chat:
    """One conversation on a virtual clock, printing what a customer would
    see. The core's chat session (ty_chat_new) decides everything: the
    clock, the commands, how messages print; this writes what it returns."""

    def __init__(self, playbook, out, *, start=VIRTUAL_EPOCH, conversation="chat-1", channel=None, data=None,
                 utc_offset=0, verbose=False, echo=ECHO_NONE, default=False, record=False):
        self.pb = playbook
        self.out = out
        self._chat, self.header = _tinyyes._chat_new(playbook._pb, start, conversation, channel or None, data,
                                                     utc_offset, verbose, echo, default, record)

    @property
    def state(self):
        """The conversation's state, None before the first step."""
        return _tinyyes._chat_get(self._chat, False)

    def log(self):
        """With record=True, what the last line did: [{"type": "step", "event",
        "result" (None: it failed)} or {"type": "wait", "at", "seconds", "text"}]."""
        return _tinyyes._chat_get(self._chat, True)

    def handle(self, line):
        """Handles one line of input; False when the chat should end."""
        go_on, text = _tinyyes._chat_feed(self._chat, line)
        if text:
            self.out.write(text)
            self.out.flush()
        return go_on

    def message(self, text):
        """The customer writes text."""
        self.handle(text)

    def wait(self, seconds):
        """Lets seconds pass: a tick at each due time on the way."""
        self.handle("/wait %d" % seconds)


HELP = ("Type replies as the customer. Commands: /wait 4h (also 90s, 15m, 2d) lets time pass, "
        "/resume hands back from a person, /state prints the state, /quit ends.")


def _read_playbook(path):
    """(Playbook, source text) from a file, or the default playbook (source None)."""
    if path is None:
        return Playbook.default(), None
    with open(path, "rb") as f:
        raw = f.read()
    return Playbook(raw), raw.decode("utf-8", "replace")


def _start_time(text):
    if text is None:
        return VIRTUAL_EPOCH
    if text.isdigit():
        return int(text)
    when = datetime.datetime.fromisoformat(text)
    if when.tzinfo is None:
        when = when.replace(tzinfo=datetime.timezone.utc)
    return int(when.timestamp())


def run_chat(args, stdin=None, out=None):
    """The `chat` subcommand; returns the exit status."""
    stdin = sys.stdin if stdin is None else stdin
    out = sys.stdout if out is None else out
    try:
        pb, _ = _read_playbook(args.playbook)
    except OSError as exc:
        print("tinyyes chat: cannot read %s: %s" % (args.playbook, exc.strerror or exc), file=sys.stderr)
        return 2
    except Error as exc:
        print("tinyyes chat: %s: %s" % (args.playbook, exc), file=sys.stderr)
        return 1
    try:
        offset_secs = _offset_seconds(args.utc_offset)
        data = json.loads(args.data) if args.data else None
        start = _start_time(args.start)
    except ValueError as exc:
        print("tinyyes chat: %s" % exc, file=sys.stderr)
        return 2
    if data is not None and not isinstance(data, dict):
        print("tinyyes chat: --data must be a JSON object", file=sys.stderr)
        return 2
    interactive = stdin.isatty()
    chat = Chat(pb, out, start=start, conversation=args.conversation, channel=args.channel, data=data,
                utc_offset=offset_secs, verbose=args.verbose, echo=ECHO_NONE if interactive else ECHO_LINES,
                default=args.playbook is None)
    out.write(chat.header)
    out.flush()
    while True:
        if interactive:
            try:
                line = input("> ")
            except (EOFError, KeyboardInterrupt):
                print(file=out, flush=True)
                break
        else:
            line = stdin.readline()
            if not line:
                break
        if not chat.handle(line):
            break
    return 0


# ---- lint -------------------------------------------------------------------------


def run_lint(args, out=None):
    """The `lint` subcommand; returns the exit status."""
    out = sys.stdout if out is None else out
    channel = args.channel or "webchat"
    label = source = None
    if args.text is not None:
        if args.playbook is not None:
            print("tinyyes lint: give a PLAYBOOK or --text, not both", file=sys.stderr)
            return 2
        try:
            findings = lint_text(args.text, channel, args.locale)
        except Error as exc:
            print("tinyyes lint: %s" % exc, file=sys.stderr)
            return 2
    else:
        if args.locale is not None:
            print("tinyyes lint: --locale applies to --text; a playbook is linted in its own locale",
                  file=sys.stderr)
            return 2
        label = args.playbook or "default playbook"
        try:
            if args.playbook == "-":
                raw = sys.stdin.buffer.read()
                label = "<stdin>"
                pb, source = Playbook(raw), raw.decode("utf-8", "replace")
            else:
                pb, source = _read_playbook(args.playbook)
            findings = pb.lint(channel)
        except OSError as exc:
            print("tinyyes lint: cannot read %s: %s" % (args.playbook, exc.strerror or exc), file=sys.stderr)
            return 2
        except Error as exc:
            print("tinyyes lint: %s: %s" % (label, exc), file=sys.stderr)
            return 2
    status, text = _tinyyes._lint_report(list(findings), label, args.text, channel, source, args.json)
    out.write(text)
    return status


# ---- audit ------------------------------------------------------------------------


def run_audit(args, out=None):
    """The `audit` subcommand; returns the exit status."""
    from .audit import audit
    out = out or sys.stdout
    try:
        playbook = None
        if args.playbook:
            with open(args.playbook, encoding="utf-8") as f:
                playbook = Playbook(f.read())
        result = audit(args.paths, args.business, playbook, format=args.format, date_order=args.date_order,
                       utc_offset=args.utc_offset, hours=args.hours, late_after=args.late_after)
    except OSError as exc:
        print("tinyyes audit: cannot read %s: %s" % (exc.filename or "", exc.strerror or exc), file=sys.stderr)
        return 2
    except Error as exc:
        print("tinyyes audit: %s" % exc, file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2), file=out)
    else:
        out.write(result.report())
    return 1 if result["problems"] else 0


def build_parser():
    parser = argparse.ArgumentParser(
        prog="python -m tinyyes",
        description="tinyyes: micro-commitment customer messaging (every message earns one small yes).")
    parser.add_argument("--version", action="version", version="tinyyes %s" % __version__)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    chat = sub.add_parser("chat", help="talk to a playbook in the terminal",
                          description="A terminal conversation with a playbook (the default one when none is "
                                      "given). " + HELP + " When stdin is not a terminal, replies are read "
                                      "line by line and echoed, so a script gives a readable transcript.")
    chat.add_argument("playbook", nargs="?", metavar="PLAYBOOK", help="playbook JSON file (default: the built-in one)")
    chat.add_argument("--conversation", default="chat-1", metavar="ID",
                      help="conversation id sent with every event (default chat-1)")
    chat.add_argument("--channel", help="channel the customer writes on (whatsapp, sms, webchat, ...)")
    chat.add_argument("--data", metavar="JSON", help="event data sent with every message (options_from lists)")
    chat.add_argument("--start", metavar="TIME",
                      help="virtual start time: Unix seconds or ISO 8601 (default 2026-11-24T10:00:00Z)")
    chat.add_argument("--utc-offset", metavar="OFFSET", help="how the clock is shown, e.g. +01:00 "
                      "(default: the playbook's)")
    chat.add_argument("-v", "--verbose", action="store_true", help="also print schedules and metric events")
    chat.set_defaults(func=run_chat)

    lint = sub.add_parser("lint", help="check messages against the method (for CI)",
                          description="Lints every template of a playbook (the default one when none is given), "
                                      "or one message with --text: open-ended closers, missing asks, too many "
                                      "options or questions, placeholders, length, links, pressure (TY001-TY008); "
                                      "and in a playbook what breaks at run time: names a message may miss, options "
                                      "that are not there, too many options, steps and flows nothing reaches "
                                      "(TY101-TY106). Exit status 1 when any finding is an error, 0 otherwise, 2 "
                                      "when the playbook does not load.")
    lint.add_argument("playbook", nargs="?", metavar="PLAYBOOK",
                      help="playbook JSON file, - for stdin (default: the built-in one)")
    lint.add_argument("--text", metavar="MESSAGE", help="lint this one message instead of a playbook")
    lint.add_argument("--channel", choices=CHANNELS, metavar="CHANNEL",
                      help="channel the messages go out on: %s (default webchat)" % ", ".join(CHANNELS))
    lint.add_argument("--locale", metavar="LOCALE", help="phrase tables for --text (default en)")
    lint.add_argument("--json", action="store_true", help="print the findings as a JSON list")
    lint.set_defaults(func=run_lint)

    aud = sub.add_parser("audit", help="find where momentum died in past chats",
                         description="Audits past chats: WhatsApp 'Export chat' files (one conversation each), "
                                     "CSV or JSON-lines exports, or folders of them. Prints where each "
                                     "conversation stopped and why, and the totals (docs/audit.md). Exit status 1 "
                                     "when some lines could not be read (they are listed), 2 for an input error.")
    aud.add_argument("paths", nargs="+", metavar="PATH", help="export files or folders")
    aud.add_argument("--business", metavar="NAME", help="the business's sender name (default: guessed)")
    aud.add_argument("--format", choices=("whatsapp", "csv", "jsonl"), help="the exports' format (default: by "
                     "suffix, else guessed)")
    aud.add_argument("--date-order", choices=("dmy", "mdy"), help="WhatsApp dates (default: told by the dates)")
    aud.add_argument("--utc-offset", metavar="OFFSET", help="the exports' local time, e.g. +01:00 (default UTC)")
    aud.add_argument("--hours", metavar="HOURS", help='opening hours, e.g. "mon-sat 09:00-18:00" (default: always)')
    aud.add_argument("--late-after", type=int, metavar="SECONDS", help="open seconds after which an answer is "
                     "late (default 3600)")
    aud.add_argument("--playbook", metavar="FILE", help="group unanswered questions by this playbook's intents")
    aud.add_argument("--json", action="store_true", help="print the result as JSON")
    aud.set_defaults(func=run_audit)
    return parser


def main(argv=None):
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return args.func(args)
    except BrokenPipeError:
        return 0
