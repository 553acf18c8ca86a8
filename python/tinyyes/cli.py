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
import re
import sys

from . import CHANNELS, Error, Playbook, __version__, _offset_seconds
from . import lint as lint_text

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
        self.due = None  # the state's "due": when a tick has something to do (follow-up, close, reminder)
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
                self.say("--- conversation closed: %s ---" % action.get("outcome", "closed"))
            else:
                self.say("--- %s: %s ---" % (kind, json.dumps(action, ensure_ascii=False)))
        for event in result["events"]:
            if event.get("type") == "opt_out":
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
        self.due = self.state.get("due")
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


# ---- lint -------------------------------------------------------------------------

QUOTE_MAX = 60  # code points of a finding's span quoted in a line


def _quote(text, start, end):
    span = text[start:end].replace("\n", " ")
    if len(span) > QUOTE_MAX:
        span = span[:QUOTE_MAX - 1].rstrip() + "\u2026"
    return '"%s"' % span


def _source_text(meta, finding):
    """The template text a playbook finding's path names, or None when it
    cannot be read from the playbook or has tags (then a message finding's
    offsets, which index the rendered text, do not index it)."""
    name, path = finding["template"], finding["path"]
    templates = meta.get("templates") if isinstance(meta, dict) else None
    tpl = templates.get(name) if isinstance(templates, dict) and name is not None else None
    rest = path[len("templates.%s" % name):]
    src = None
    if rest == "":
        src = tpl
    elif isinstance(tpl, dict) and rest == ".text":
        src = tpl.get("text")
    elif isinstance(tpl, dict) and rest.startswith(".variants["):
        variants, i = tpl.get("variants"), finding["variant"]
        src = variants[i] if isinstance(variants, list) and 0 <= i < len(variants) else None
    elif isinstance(tpl, dict) and rest.startswith(".channels."):
        chans = tpl.get("channels")
        src = chans.get(rest[len(".channels."):]) if isinstance(chans, dict) else None
    if not isinstance(src, str) or "{{" in src:
        return None
    return src


def _finding_line(label, where, channel, f, text):
    """One finding as a line: where (a JSON path, or "" for --text), the
    channel when there is one, code, severity and message; then, for a
    message finding, the part found (quoted from text, the message or the
    template's source) or its code points in the rendered text. Findings
    about the playbook (TY101 and on) name their tag in the message."""
    line = "%s: %s%s%s %s: %s" % (label, where + " " if where else "", "[%s] " % channel if channel else "",
                                  f["code"], f["severity"], f["message"])
    if f["code"] >= "TY100":
        return line
    if text is not None:
        line += ": " + _quote(text, f["start"], f["end"])
    else:
        line += " (code points %d-%d of the rendered text)" % (f["start"], f["end"])
    return line


def run_lint(args, out=None):
    """The `lint` subcommand; returns the exit status."""
    out = sys.stdout if out is None else out
    channel = args.channel or "webchat"
    if args.text is not None:
        if args.playbook is not None:
            print("tinyyes lint: give a PLAYBOOK or --text, not both", file=sys.stderr)
            return 2
        try:
            findings = lint_text(args.text, channel, args.locale)
        except Error as exc:
            print("tinyyes lint: %s" % exc, file=sys.stderr)
            return 2
        lines = [_finding_line("message", "", channel, f, args.text) for f in findings]
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
        except OSError as exc:
            print("tinyyes lint: cannot read %s: %s" % (args.playbook, exc.strerror or exc), file=sys.stderr)
            return 2
        except Error as exc:
            print("tinyyes lint: %s: %s" % (label, exc), file=sys.stderr)
            return 2
        try:
            findings = pb.lint(channel)
        except Error as exc:
            print("tinyyes lint: %s: %s" % (label, exc), file=sys.stderr)
            return 2
        try:
            meta = json.loads(source)
        except ValueError:
            meta = {}
        lines = [_finding_line(label, f["path"], f["channel"], f, _source_text(meta, f)) for f in findings]
    errors = sum(1 for f in findings if f["severity"] == "error")
    if args.json:
        print(json.dumps(findings, ensure_ascii=False, indent=2), file=out)
    else:
        for line in lines:
            print(line, file=out)
        warnings = len(findings) - errors
        print("%d error%s, %d warning%s" % (errors, "" if errors == 1 else "s", warnings,
                                            "" if warnings == 1 else "s"), file=out)
    return 1 if errors else 0


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
