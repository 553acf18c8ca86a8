#!/usr/bin/env node
/*
 * cli.js — the tinyyes command line for Node: `npx tinyyes chat [PLAYBOOK]`.
 *
 * The twin of python/tinyyes/cli.py: the same commands, the same virtual
 * clock and the same output, byte for byte, so a scripted transcript is
 * identical in both languages (tests/node/flow.test.js checks it).
 *
 * `chat` is a terminal conversation with a playbook (the default one when no
 * file is given), played by the same Playbook#step a web app would call:
 *
 * - each bot message is printed with its choices (`[A] Tune-up  [B] Full service`);
 * - `/wait 4h` (also `90s`, `15m`, `2d`, `1h30m`) lets time pass on a virtual
 *   clock: every follow-up that falls due on the way is sent by a tick at its
 *   due time, so nudges, quiet hours and the no-response close appear;
 * - `/resume` hands the conversation back from a person, `/state` prints the
 *   state, `/note text` prints a narrator's line (for scripts), `/quit` ends.
 *
 * Time is virtual so a transcript is reproducible: the clock starts at
 * VIRTUAL_EPOCH (Tuesday 24 November 2026, 10:00 UTC; `--start` changes it)
 * and moves on STEP_SECONDS before each customer message. When stdin is not a
 * terminal, replies are read line by line and echoed as `> text`, so
 * `printf 'hi\nB\n' | npx tinyyes chat` prints a readable transcript.
 *
 * Where the Python CLI prints Python values (json.dumps of an unknown
 * action, a %r in an error), this file writes them the Python way
 * (pyDumps, pyRepr), so the two transcripts stay equal.
 *
 * Subcommands live in COMMANDS; `lint` (message lint for CI) is in lint_cli.js,
 * `audit` (where momentum died in past chats) in audit_cli.js.
 */
'use strict';

const fs = require('fs');
const path = require('path');
const readline = require('readline');
const { parseArgs } = require('util');

const tinyyes = require(path.join(__dirname, 'index.js'));

const { Playbook, version } = tinyyes;

const VIRTUAL_EPOCH = 1795514400; // Tue 2026-11-24 10:00:00 UTC: opening hours, outside quiet hours
const STEP_SECONDS = 15; // the customer takes a few seconds to type each reply
const MAX_TICKS_PER_WAIT = 50; // a /wait never loops for ever, whatever the playbook schedules

const UNIT = { s: 1, m: 60, h: 3600, d: 86400 };
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const HELP = 'Type replies as the customer. Commands: /wait 4h (also 90s, 15m, 2d) lets time pass, ' +
  '/resume hands back from a person, /state prints the state, /quit ends.';

// A tinyyes error (the ones the chat reports and carries on after).
function isTyError(e) {
  return e instanceof Error && typeof e.code === 'string' && e.code.startsWith('TY_');
}

// ---- Python's way of writing values ------------------------------------------

// repr() of a float: the shortest round-trip digits, in fixed notation for
// exponents -4..15 and scientific (two exponent digits at least) otherwise.
function pyFloat(x) {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  const [mant, expPart] = x.toExponential().split('e');
  const exp = Number(expPart);
  const neg = mant.startsWith('-');
  const digits = mant.replace('-', '').replace('.', '');
  let out;
  if (exp >= -4 && exp < 16) {
    if (exp < 0) {
      out = `0.${'0'.repeat(-exp - 1)}${digits}`;
    } else if (digits.length > exp + 1) {
      out = `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
    } else {
      out = `${digits}${'0'.repeat(exp + 1 - digits.length)}.0`;
    }
  } else {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    out = `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return neg ? `-${out}` : out;
}

// A number as Python prints what the binding made of it: integral values up
// to 2^53 are ints, the rest floats.
function pyNumber(x) {
  if (Number.isInteger(x) && Math.abs(x) <= 2 ** 53) return String(x === 0 ? 0 : x);
  return pyFloat(x);
}

// str() of a JSON-shaped value, for "%s".
function pyStr(v) {
  if (v === null || v === undefined) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'number') return pyNumber(v);
  if (typeof v === 'string') return v;
  return pyDumps(v); // not reached for what the core returns
}

// json.dumps(v, ensure_ascii=False[, indent=n]) of a JSON-shaped value.
function pyDumps(v, indent, level = 0) {
  if (v === null || v === undefined) return 'null';
  if (v === true) return 'true';
  if (v === false) return 'false';
  if (typeof v === 'number') return pyNumber(v);
  if (typeof v === 'string') return JSON.stringify(v);
  const list = Array.isArray(v);
  const items = list ? v.map((x) => pyDumps(x, indent, level + 1))
    : Object.keys(v).map((k) => `${JSON.stringify(k)}: ${pyDumps(v[k], indent, level + 1)}`);
  const [open, close] = list ? ['[', ']'] : ['{', '}'];
  if (!items.length) return open + close;
  if (indent === undefined) return open + items.join(', ') + close;
  const pad = ' '.repeat(indent * (level + 1));
  return `${open}\n${pad}${items.join(`,\n${pad}`)}\n${' '.repeat(indent * level)}${close}`;
}

// Python's str.isprintable(), closely enough for repr().
const NOT_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

// repr() of a str.
function pyRepr(s) {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const cp = ch.codePointAt(0);
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch !== ' ' && NOT_PRINTABLE.test(ch)) {
      if (cp < 0x100) out += `\\x${cp.toString(16).padStart(2, '0')}`;
      else if (cp < 0x10000) out += `\\u${cp.toString(16).padStart(4, '0')}`;
      else out += `\\U${cp.toString(16).padStart(8, '0')}`;
    } else out += ch;
  }
  return out + quote;
}

// str.splitlines()
function splitLines(s) {
  const lines = s.split(/\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/);
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

// ---- durations and times ------------------------------------------------------

/** Seconds in "90s", "15m", "4h", "2d", "1h30m" or a bare number of seconds. */
function parseDuration(input) {
  const text = input.trim().toLowerCase();
  if (/^[0-9]+$/.test(text)) return Number(text);
  const re = /(\d+)\s*([smhd])/g;
  let pos = 0;
  let total = 0;
  for (const m of text.matchAll(re)) {
    if (text.slice(pos, m.index).trim()) break;
    total += Number(m[1]) * UNIT[m[2]];
    pos = m.index + m[0].length;
  }
  if (pos === 0 || text.slice(pos).trim()) {
    throw new RangeError(`not a duration: ${pyRepr(text)} (try 90s, 15m, 4h or 2d)`);
  }
  return total;
}

function humanDuration(secs) {
  let out = '';
  for (const [unit, n] of [['d', 86400], ['h', 3600], ['m', 60], ['s', 1]]) {
    if (secs >= n) {
      out += `${Math.floor(secs / n)}${unit}`;
      secs %= n;
    }
  }
  return out || '0s';
}

const pad2 = (n) => String(n).padStart(2, '0');

// strftime("%a %d %b %H:%M") of `at` at `offset` seconds east of UTC.
function clockText(at, offset) {
  const d = new Date((at + offset) * 1000);
  return `${DAYS[d.getUTCDay()]} ${pad2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ` +
    `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
}

// strftime("%z") of a fixed offset: "+0100", "-0530".
function offsetText(offset) {
  const a = Math.abs(offset);
  const s = a % 60;
  return `${offset < 0 ? '-' : '+'}${pad2(Math.floor(a / 3600))}${pad2(Math.floor((a % 3600) / 60))}${s ? pad2(s) : ''}`;
}

// --start: Unix seconds, or ISO 8601 (a time without an offset is UTC).
function startTime(text) {
  if (text === undefined) return VIRTUAL_EPOCH;
  if (/^[0-9]+$/.test(text)) return Number(text);
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2})(?::?(\d{2})(?::?(\d{2})(?:[.,]\d+)?)?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/
    .exec(text);
  const ms = m && Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] || 0), +(m[5] || 0), +(m[6] || 0));
  if (!m || !Number.isFinite(ms) || new Date(ms).getUTCDate() !== +m[3]) {
    throw new RangeError(`Invalid isoformat string: ${pyRepr(text)}`);
  }
  let off = 0;
  if (m[7] && m[7] !== 'Z') {
    const sign = m[7][0] === '-' ? -1 : 1;
    const digits = m[7].slice(1).replace(':', '');
    off = sign * (Number(digits.slice(0, 2)) * 3600 + Number(digits.slice(2, 4) || 0) * 60);
  }
  return Math.floor(ms / 1000) - off;
}

// ---- the conversation ---------------------------------------------------------

/** One conversation on a virtual clock, printing what a customer would see. */
class Chat {
  constructor(playbook, out, { start = VIRTUAL_EPOCH, conversation = 'chat-1', channel = null, data = null,
    utcOffset = 0, verbose = false } = {}) {
    this.pb = playbook;
    this.out = out; // (line) => void
    this.now = start;
    this.state = null;
    this.conversation = conversation;
    this.channel = channel;
    this.data = data;
    this.offset = utcOffset || 0;
    this.verbose = verbose;
    this.due = null; // the state's "due": when a tick has something to do (follow-up, close, reminder)
    this.started = false;
    this.blank = true; // the last line printed was blank
  }

  // ---- output

  say(line = '') {
    this.out(line);
    this.blank = !line;
  }

  clock(at) {
    return clockText(at, this.offset);
  }

  show(result) {
    for (const action of result.actions) {
      const kind = action.type;
      if (kind === 'send') {
        this.say(`bot: ${action.text.split('\n').join('\n     ')}`);
        const choices = action.choices || [];
        if (choices.length) {
          this.say(`     ${choices.map((c, i) => `[${i < 26 ? LETTERS[i] : i + 1}] ${pyStr(c.title)}`).join('  ')}`);
        }
      } else if (kind === 'schedule') {
        if (this.verbose) {
          const why = pyStr('why' in action ? action.why : 'followup').split('followup').join('follow-up');
          this.say(`     (${why} due ${this.clock(action.at)})`);
        }
      } else if (kind === 'handoff') {
        this.say(`--- handed off to a person (${pyStr('reason' in action ? action.reason : 'requested')}) ---`);
        const summary = action.summary;
        if (summary) {
          for (const line of splitLines(summary)) this.say(`    ${line}`);
        }
        this.say('    (the bot stays silent until /resume hands the chat back)');
      } else if (kind === 'close') {
        this.say(`--- conversation closed: ${pyStr('outcome' in action ? action.outcome : 'closed')} ---`);
      } else {
        this.say(`--- ${pyStr(kind)}: ${pyDumps(action)} ---`);
      }
    }
    for (const event of result.events) {
      if (event.type === 'opt_out') {
        this.say('--- opted out: no more messages unless the customer sends START ---');
      }
      if (this.verbose) this.say(`     event ${pyDumps(event)}`);
    }
  }

  // ---- events

  step(event) {
    let result;
    try {
      result = this.pb.step(this.state, event);
    } catch (e) {
      if (!isTyError(e)) throw e;
      this.say(`error: ${e.message}`);
      return null;
    }
    this.state = result.state;
    this.due = result.state.due === undefined ? null : result.state.due;
    this.show(result);
    return result;
  }

  event(kind, fields) {
    const ev = { type: kind, at: this.now, conversation: this.conversation };
    if (this.channel) ev.channel = this.channel;
    return Object.assign(ev, fields);
  }

  message(text) {
    if (this.started) this.now += STEP_SECONDS;
    this.started = true;
    const fields = { text };
    if (this.data !== null) fields.data = this.data;
    this.step(this.event('message', fields));
  }

  /** Lets seconds pass: a tick at each due time on the way, then the clock moves to the end. */
  wait(secs) {
    const end = this.now + secs;
    this.say(`... ${humanDuration(secs)} later: ${this.clock(end)}`);
    for (let i = 0; i < MAX_TICKS_PER_WAIT; i++) {
      if (this.state === null || this.due === null || this.due > end || this.due < this.now) break;
      const due = this.due;
      this.due = null;
      this.now = due;
      this.say(`[${this.clock(due)}]`);
      if (this.step(this.event('tick')) === null) break;
    }
    this.now = end;
  }

  resume() {
    this.say('--- a person hands the chat back to the bot ---');
    if (this.state === null) {
      this.say('error: nothing to resume yet');
      return;
    }
    this.step(this.event('resume'));
  }

  // ---- input

  /** Handles one line of input; false when the chat should end. */
  handle(line) {
    const text = line.trim();
    if (!text) return true;
    if (text.startsWith('/')) {
      const rest = text.slice(1);
      const sp = rest.indexOf(' ');
      const cmd = (sp < 0 ? rest : rest.slice(0, sp)).toLowerCase();
      const arg = sp < 0 ? '' : rest.slice(sp + 1);
      if (cmd === 'quit' || cmd === 'exit' || cmd === 'q') return false;
      if (cmd === 'wait') {
        try {
          this.wait(parseDuration(arg || '4h'));
        } catch (e) {
          if (!(e instanceof RangeError)) throw e;
          this.say(`error: ${e.message}`);
        }
      } else if (cmd === 'state') {
        this.say(pyDumps(this.state, 2));
      } else if (cmd === 'resume') {
        this.resume();
      } else if (cmd === 'note') {
        if (!this.blank) this.say('');
        this.say(`# ${arg}`);
      } else if (cmd === 'help') {
        this.say(HELP);
      } else {
        this.say(`error: unknown command /${cmd} (try /help)`);
      }
      return true;
    }
    this.message(text);
    return true;
  }

  /** A line read from a pipe: echoed as "> text" (narration excepted), then handled. */
  feed(raw) {
    const line = raw.replace(/[\r\n]+$/, '');
    if (line.trim() && !line.trimStart().startsWith('/note')) this.say(`> ${line}`);
    return this.handle(line);
  }
}

// ---- the chat command ---------------------------------------------------------------

// What strerror() says for the errors reading a file usually meets.
const STRERROR = {
  ENOENT: 'No such file or directory',
  EACCES: 'Permission denied',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  ELOOP: 'Too many levels of symbolic links',
  ENAMETOOLONG: 'File name too long',
};

/** [Playbook, source text] from a file, or the default playbook. */
function readPlaybook(file) {
  if (file === undefined) return [Playbook.default(), Playbook.defaultSource()];
  const raw = fs.readFileSync(file);
  return [new Playbook(raw), raw.toString('utf8')];
}

/**
 * The `chat` subcommand; resolves to the exit status. `io` replaces the
 * process's streams (tests, demos): {input: a Readable, or a string of
 * lines; write: (text) => void; error: (text) => void}.
 */
async function runChat(args, io = {}) {
  const write = io.write || ((s) => process.stdout.write(s));
  const error = io.error || ((s) => process.stderr.write(s));
  let pb;
  let source;
  try {
    [pb, source] = readPlaybook(args.playbook);
  } catch (e) {
    if (isTyError(e)) {
      error(`tinyyes chat: ${args.playbook}: ${e.message}\n`);
      return 1;
    }
    if (e && typeof e.code === 'string' && e.syscall) {
      error(`tinyyes chat: cannot read ${args.playbook}: ${STRERROR[e.code] || e.message}\n`);
      return 2;
    }
    throw e;
  }
  let meta;
  try {
    meta = JSON.parse(source);
  } catch (_) {
    meta = {};
  }
  if (meta === null || typeof meta !== 'object') meta = {};
  const name = typeof meta.name === 'string' ? meta.name : null;
  const offset = args.utcOffset !== undefined ? args.utcOffset : meta.utc_offset;
  let offsetSecs;
  let data = null;
  let start;
  try {
    offsetSecs = tinyyes._offsetSeconds(offset) || 0;
    if (args.data) {
      try {
        data = JSON.parse(args.data);
      } catch (e) {
        throw new RangeError(e.message);
      }
    }
    start = startTime(args.start);
  } catch (e) {
    if (!(e instanceof RangeError || e instanceof TypeError)) throw e;
    error(`tinyyes chat: ${e.message}\n`);
    return 2;
  }
  if (data !== null && (typeof data !== 'object' || Array.isArray(data))) {
    error('tinyyes chat: --data must be a JSON object\n');
    return 2;
  }

  const chat = new Chat(pb, (line) => write(`${line}\n`), {
    start, conversation: args.conversation, channel: args.channel || null, data, utcOffset: offsetSecs,
    verbose: args.verbose,
  });
  let label = name || 'playbook';
  if (args.playbook === undefined) label += ' (the default playbook)';
  chat.say(`tinyyes chat with ${label}`);
  chat.say(`Virtual clock: ${chat.clock(start)} (UTC${offsetSecs ? offsetText(offsetSecs) : ''}). ${HELP}`);
  chat.say('');

  const input = io.input !== undefined ? io.input : process.stdin;
  if (typeof input === 'string') {
    const lines = input.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    for (const raw of lines) if (!chat.feed(raw)) break;
    return 0;
  }
  const interactive = Boolean(input.isTTY);
  const rl = readline.createInterface({
    input,
    output: interactive ? process.stdout : undefined,
    terminal: interactive,
    crlfDelay: Infinity,
  });
  try {
    if (interactive) {
      rl.setPrompt('> ');
      rl.on('SIGINT', () => rl.close());
      rl.prompt();
    }
    let quit = false;
    for await (const raw of rl) {
      quit = !(interactive ? chat.handle(raw) : chat.feed(raw));
      if (quit) break;
      if (interactive) rl.prompt();
    }
    if (interactive && !quit) chat.say(''); // end of input (Ctrl-D, Ctrl-C)
  } finally {
    rl.close();
  }
  return 0;
}

// ---- argument parsing -----------------------------------------------------------------

const PROG = 'npx tinyyes';

const COMMANDS = {
  chat: {
    help: 'talk to a playbook in the terminal',
    usage: `usage: ${PROG} chat [-h] [--conversation ID] [--channel CHANNEL] [--data JSON] [--start TIME]\n` +
      '                        [--utc-offset OFFSET] [-v] [PLAYBOOK]',
    description: `A terminal conversation with a playbook (the default one when none is given). ${HELP} ` +
      'When stdin is not a terminal, replies are read line by line and echoed, so a script gives a ' +
      'readable transcript.',
    positional: [['PLAYBOOK', 'playbook JSON file (default: the built-in one)']],
    options: {
      conversation: { type: 'string', default: 'chat-1', meta: 'ID',
        help: 'conversation id sent with every event (default chat-1)' },
      channel: { type: 'string', meta: 'CHANNEL', help: 'channel the customer writes on (whatsapp, sms, webchat, ...)' },
      data: { type: 'string', meta: 'JSON', help: 'event data sent with every message (options_from lists)' },
      start: { type: 'string', meta: 'TIME',
        help: 'virtual start time: Unix seconds or ISO 8601 (default 2026-11-24T10:00:00Z)' },
      'utc-offset': { type: 'string', meta: 'OFFSET',
        help: "how the clock is shown, e.g. +01:00 (default: the playbook's)" },
      verbose: { type: 'boolean', short: 'v', help: 'also print schedules and metric events' },
    },
    maxPositionals: 1,
    run: (values, positionals, io) => runChat({
      playbook: positionals[0],
      conversation: values.conversation,
      channel: values.channel,
      data: values.data,
      start: values.start,
      utcOffset: values['utc-offset'],
      verbose: Boolean(values.verbose),
    }, io),
  },
  lint: require('./lint_cli.js').lintCommand({ prog: PROG, strerror: STRERROR, repr: pyRepr }), // node/lint_cli.js
  audit: require('./audit_cli.js').auditCommand({ // node/audit_cli.js
    prog: PROG, strerror: STRERROR, repr: pyRepr, dumps: pyDumps,
  }),
};

function mainHelp() {
  const cmds = Object.entries(COMMANDS).map(([n, c]) => `    ${n.padEnd(18)}${c.help}`).join('\n');
  return `usage: ${PROG} [-h] [--version] COMMAND ...\n\n` +
    'tinyyes: micro-commitment customer messaging (every message earns one small yes).\n\n' +
    `positional arguments:\n  COMMAND\n${cmds}\n\n` +
    'options:\n  -h, --help          show this help message and exit\n' +
    '  --version           show program\'s version number and exit\n';
}

function commandHelp(name, cmd) {
  let out = `${cmd.usage}\n\n${cmd.description}\n\npositional arguments:\n`;
  for (const [p, h] of cmd.positional) out += `  ${p.padEnd(20)}${h}\n`;
  out += '\noptions:\n  -h, --help          show this help message and exit\n';
  for (const [opt, o] of Object.entries(cmd.options)) {
    const flag = `${o.short ? `-${o.short}, ` : ''}--${opt}${o.type === 'string' ? ` ${o.meta}` : ''}`;
    out += flag.length < 18 ? `  ${flag.padEnd(18)}${o.help}\n` : `  ${flag}\n                      ${o.help}\n`;
  }
  return out;
}

/**
 * Runs the command line `argv` (without node and the script); resolves to
 * the exit status. `io` as for runChat, plus `out` for help and version.
 */
async function main(argv, io = {}) {
  const out = io.out || ((s) => process.stdout.write(s));
  const err = io.error || ((s) => process.stderr.write(s));
  const usageError = (usage, msg) => {
    err(`${usage}\n${PROG}: error: ${msg}\n`);
    return 2;
  };
  const first = argv[0];
  if (first === undefined) {
    out(mainHelp());
    return 2;
  }
  if (first === '-h' || first === '--help') {
    out(mainHelp());
    return 0;
  }
  if (first === '--version') {
    out(`tinyyes ${version}\n`);
    return 0;
  }
  const cmd = Object.prototype.hasOwnProperty.call(COMMANDS, first) ? COMMANDS[first] : null;
  if (!cmd) {
    return usageError(`usage: ${PROG} [-h] [--version] COMMAND ...`,
      `argument COMMAND: invalid choice: ${pyRepr(first)} (choose from ${Object.keys(COMMANDS).map(pyRepr).join(', ')})`);
  }
  const rest = argv.slice(1);
  if (rest.includes('-h') || rest.includes('--help')) {
    out(commandHelp(first, cmd));
    return 0;
  }
  const options = {};
  for (const [opt, o] of Object.entries(cmd.options)) {
    options[opt] = { type: o.type };
    if (o.short) options[opt].short = o.short;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options, allowPositionals: true, strict: true });
  } catch (e) {
    return usageError(cmd.usage, e.message);
  }
  if (parsed.positionals.length > cmd.maxPositionals) {
    return usageError(cmd.usage, `unrecognized arguments: ${parsed.positionals.slice(cmd.maxPositionals).join(' ')}`);
  }
  const values = { ...parsed.values };
  for (const [opt, o] of Object.entries(cmd.options)) {
    if (values[opt] === undefined && o.default !== undefined) values[opt] = o.default;
  }
  return cmd.run(values, parsed.positionals, io);
}

module.exports = { main, runChat, Chat, parseDuration, humanDuration, pyDumps, pyRepr, pyFloat,
  VIRTUAL_EPOCH, STEP_SECONDS, HELP };

if (require.main === module) {
  process.stdout.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(0); // `| head`: the reader has seen enough
    throw e;
  });
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  }, (e) => {
    process.stderr.write(`${e && e.stack ? e.stack : e}\n`);
    process.exitCode = 1;
  });
}
