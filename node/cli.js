#!/usr/bin/env node
/*
 * cli.js — the tinyyes command line for Node: `npx tinyyes chat [PLAYBOOK]`.
 *
 * The twin of python/tinyyes/cli.py: the same commands and the same output,
 * byte for byte, because the core writes it: the chat session (the virtual
 * clock, the commands, how messages print) is ty_chat_* (csrc/src/chat.c)
 * and this file only parses arguments, reads lines and writes what the
 * session returns (tests/node/flow.test.js checks the transcripts).
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
 * and moves on 15 seconds (TY_CHAT_STEP_SECONDS) before each customer message. When stdin is not a
 * terminal, replies are read line by line and echoed as `> text`, so
 * `printf 'hi\nB\n' | npx tinyyes chat` prints a readable transcript.
 *
 * Argument errors are worded as Python's argparse words them (pyRepr).
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
const { onTape } = require(path.join(__dirname, 'tape.js'));

const { version } = tinyyes;

const VIRTUAL_EPOCH = 1795514400; // the core's TY_CHAT_EPOCH: Tue 2026-11-24 10:00:00 UTC
const ECHO_NONE = 0; // TY_CHAT_ECHO_NONE: a terminal shows what is typed
const ECHO_LINES = 1; // TY_CHAT_ECHO_LINES: "> line" for each line read from a pipe

const native = tinyyes._native; // the core's chat session and reports (node/nb_cli.c)

const HELP = 'Type replies as the customer. Commands: /wait 4h (also 90s, 15m, 2d) lets time pass, ' +
  '/resume hands back from a person, /state prints the state, /quit ends.';

// A tinyyes error (the ones the chat reports and carries on after).
function isTyError(e) {
  return e instanceof Error && typeof e.code === 'string' && e.code.startsWith('TY_');
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

/**
 * The `chat` subcommand; resolves to the exit status. `io` replaces the
 * process's streams (tests, demos): {input: a Readable, or a string of
 * lines; write: (text) => void; error: (text) => void}.
 */
async function runChat(args, io = {}) {
  const write = io.write || ((s) => process.stdout.write(s));
  const error = io.error || ((s) => process.stderr.write(s));
  let pb;
  try {
    pb = (args.playbook === undefined ? tinyyes.Playbook.default()
      : new tinyyes.Playbook(fs.readFileSync(args.playbook)))._pb;
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
  let utcOffset;
  let data = null;
  let start;
  try {
    if (args.utcOffset !== undefined) utcOffset = tinyyes._offsetSeconds(args.utcOffset);
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
  const input = io.input !== undefined ? io.input : process.stdin;
  const interactive = typeof input !== 'string' && Boolean(input.isTTY);
  const opts = {
    start, conversation: args.conversation, channel: args.channel,
    utcOffset, verbose: args.verbose, echo: interactive ? ECHO_NONE : ECHO_LINES, isDefault: args.playbook === undefined,
  };
  const [chat, header] = data === null ? native._chatNew(pb, opts)
    : onTape(data, (m, n, joined, held) => native._chatNew(pb, opts, m, n, joined, held));
  write(header);
  // one line to the session: false when the chat ends
  const feed = (line) => {
    const [goOn, text] = native._chatFeed(chat, line);
    if (text) write(text);
    return goOn;
  };
  if (typeof input === 'string') {
    const lines = input.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    for (const raw of lines) if (!feed(raw)) break;
    return 0;
  }
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
      quit = !feed(raw);
      if (quit) break;
      if (interactive) rl.prompt();
    }
    if (interactive && !quit) write('\n'); // end of input (Ctrl-D, Ctrl-C)
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
    prog: PROG, strerror: STRERROR, repr: pyRepr, dumps: (v, indent) => onTape(v, (m, n, joined, held) => native._jsonPretty(m, n, joined, held, indent)),
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

module.exports = { main, runChat, pyRepr, VIRTUAL_EPOCH, HELP };

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
