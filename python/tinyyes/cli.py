"""The tinyyes command line: ``python -m tinyyes chat [PLAYBOOK]``.

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

Subcommands are argparse subparsers; ``lint`` joins ``chat`` in a later issue.
"""

import argparse
import datetime
import json
import re
import sys

from . import Error, Playbook, __version__, _offset_seconds

VIRTUAL_EPOCH = 1795514400  # Tue 2026-11-24 10:00:00 UTC: opening hours, outside quiet hours
STEP_SECONDS = 15  # the customer takes a few seconds to type each reply
MAX_TICKS_PER_WAIT = 50  # a /wait never loops for ever, whatever the playbook schedules

_DURATION_RE = re.compile(r"(\d+)\s*([smhd])")
_UNIT = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def parse_duration(text):
    """Seconds in "90s", "15m", "4h", "2d", "1h30m" or a bare number of seconds."""
    text = text.strip().lower()
    if text.isdigit():
        return int(text)
    pos, total = 0, 0
    for m in _DURATION_RE.finditer(text):
        if text[pos:m.start()].strip():
            break
        total += int(m.group(1)) * _UNIT[m.group(2)]
        pos = m.end()
    if pos == 0 or text[pos:].strip():
        raise ValueError("not a duration: %r (try 90s, 15m, 4h or 2d)" % text)
    return total


def _human_duration(secs):
    parts = []
    for unit, n in (("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
        if secs >= n:
            parts.append("%d%s" % (secs // n, unit))
            secs %= n
    return "".join(parts) or "0s"


class Chat:
    """One conversation on a virtual clock, printing what a customer would see."""

    def __init__(self, playbook, out, *, start=VIRTUAL_EPOCH, conversation="chat-1", channel=None, data=None,
                 utc_offset=0, verbose=False):
        self.pb = playbook
        self.out = out
        self.now = start
        self.state = None
        self.conversation = conversation
        self.channel = channel
        self.data = data
        self.tz = datetime.timezone(datetime.timedelta(seconds=utc_offset or 0))
        self.verbose = verbose
        self.due = None  # the latest follow-up/close time the engine scheduled
        self.started = False
        self.blank = True  # the last line printed was blank

    # ---- output ----------------------------------------------------------

    def say(self, line=""):
        print(line, file=self.out, flush=True)
        self.blank = not line

    def clock(self, at):
        return datetime.datetime.fromtimestamp(at, self.tz).strftime("%a %d %b %H:%M")

    def show(self, result):
        for action in result["actions"]:
            kind = action.get("type")
            if kind == "send":
                self.say("bot: " + action["text"].replace("\n", "\n     "))
                choices = action.get("choices") or []
                if choices:
                    self.say("     " + "  ".join("[%s] %s" % (_LETTERS[i] if i < 26 else i + 1, c["title"])
                                                 for i, c in enumerate(choices)))
            elif kind == "schedule":
                self.due = action["at"]
                if self.verbose:
                    why = str(action.get("why", "followup")).replace("followup", "follow-up")
                    self.say("     (%s due %s)" % (why, self.clock(action["at"])))
            elif kind == "handoff":
                self.say("--- handed off to a person (%s) ---" % action.get("reason", "requested"))
                summary = action.get("summary")
                if summary:
                    for line in summary.splitlines():
                        self.say("    " + line)
                self.say("    (the bot stays silent until /resume hands the chat back)")
            elif kind == "close":
                self.due = None
                self.say("--- conversation closed: %s ---" % action.get("outcome", "closed"))
            else:
                self.say("--- %s: %s ---" % (kind, json.dumps(action, ensure_ascii=False)))
        for event in result["events"]:
            if event.get("type") == "opt_out":
                self.due = None
                self.say("--- opted out: no more messages unless the customer sends START ---")
            if self.verbose:
                self.say("     event %s" % json.dumps(event, ensure_ascii=False))

    # ---- events ----------------------------------------------------------

    def step(self, event):
        try:
            result = self.pb.step(self.state, event)
        except Error as exc:
            self.say("error: %s" % exc)
            return None
        self.state = result["state"]
        self.show(result)
        return result

    def event(self, kind, **fields):
        ev = {"type": kind, "at": self.now, "conversation": self.conversation}
        if self.channel:
            ev["channel"] = self.channel
        ev.update(fields)
        return ev

    def message(self, text):
        if self.started:
            self.now += STEP_SECONDS
        self.started = True
        fields = {"text": text}
        if self.data is not None:
            fields["data"] = self.data
        self.step(self.event("message", **fields))

    def wait(self, seconds):
        """Lets seconds pass: a tick at each due time on the way, then the clock moves to the end."""
        end = self.now + seconds
        self.say("... %s later: %s" % (_human_duration(seconds), self.clock(end)))
        for _ in range(MAX_TICKS_PER_WAIT):
            if self.state is None or self.due is None or self.due > end or self.due < self.now:
                break
            due, self.due = self.due, None
            self.now = due
            self.say("[%s]" % self.clock(due))
            if self.step(self.event("tick")) is None:
                break
        self.now = end

    def resume(self):
        self.say("--- a person hands the chat back to the bot ---")
        if self.state is None:
            self.say("error: nothing to resume yet")
            return
        self.step(self.event("resume"))

    # ---- input -------------------------------------------------------------

    def handle(self, line):
        """Handles one line of input; False when the chat should end."""
        text = line.strip()
        if not text:
            return True
        if text.startswith("/"):
            cmd, _, arg = text[1:].partition(" ")
            cmd = cmd.lower()
            if cmd in ("quit", "exit", "q"):
                return False
            if cmd == "wait":
                try:
                    self.wait(parse_duration(arg or "4h"))
                except ValueError as exc:
                    self.say("error: %s" % exc)
            elif cmd == "state":
                self.say(json.dumps(self.state, ensure_ascii=False, indent=2))
            elif cmd == "resume":
                self.resume()
            elif cmd == "note":
                if not self.blank:
                    self.say("")
                self.say("# " + arg)
            elif cmd == "help":
                self.say(HELP)
            else:
                self.say("error: unknown command /%s (try /help)" % cmd)
            return True
        self.message(text)
        return True


HELP = ("Type replies as the customer. Commands: /wait 4h (also 90s, 15m, 2d) lets time pass, "
        "/resume hands back from a person, /state prints the state, /quit ends.")


def _read_playbook(path):
    """(Playbook, source text) from a file, or the default playbook."""
    if path is None:
        return Playbook.default(), Playbook.default_source()
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
        pb, source = _read_playbook(args.playbook)
    except OSError as exc:
        print("tinyyes chat: cannot read %s: %s" % (args.playbook, exc.strerror or exc), file=sys.stderr)
        return 2
    except Error as exc:
        print("tinyyes chat: %s: %s" % (args.playbook, exc), file=sys.stderr)
        return 1
    try:
        meta = json.loads(source)
    except ValueError:
        meta = {}
    name = meta.get("name") if isinstance(meta.get("name"), str) else None
    offset = args.utc_offset if args.utc_offset is not None else meta.get("utc_offset")
    try:
        offset_secs = _offset_seconds(offset) or 0
        data = json.loads(args.data) if args.data else None
        start = _start_time(args.start)
    except ValueError as exc:
        print("tinyyes chat: %s" % exc, file=sys.stderr)
        return 2
    if data is not None and not isinstance(data, dict):
        print("tinyyes chat: --data must be a JSON object", file=sys.stderr)
        return 2

    chat = Chat(pb, out, start=start, conversation=args.conversation, channel=args.channel, data=data,
                utc_offset=offset_secs, verbose=args.verbose)
    label = name or "playbook"
    if args.playbook is None:
        label += " (the default playbook)"
    chat.say("tinyyes chat with %s" % label)
    chat.say("Virtual clock: %s (UTC%s). %s" % (
        chat.clock(start), "" if not offset_secs else datetime.datetime.fromtimestamp(start, chat.tz).strftime("%z"),
        HELP))
    chat.say("")
    interactive = stdin.isatty()
    while True:
        if interactive:
            try:
                line = input("> ")
            except EOFError:
                chat.say("")
                break
            except KeyboardInterrupt:
                chat.say("")
                break
        else:
            line = stdin.readline()
            if not line:
                break
            line = line.rstrip("\r\n")
            if line.strip() and not line.lstrip().startswith("/note"):
                chat.say("> " + line)
        if not chat.handle(line):
            break
    return 0


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
