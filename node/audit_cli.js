/*
 * audit_cli.js — `npx tinyyes audit PATH... [--business NAME] [--format F]
 * [--date-order dmy|mdy] [--utc-offset +01:00] [--hours HOURS]
 * [--late-after SECONDS] [--playbook FILE] [--json]`: the chat audit
 * (docs/audit.md) of past chat exports, the twin of `python -m tinyyes
 * audit`.
 *
 * Each PATH is a WhatsApp "Export chat" file, a CSV or JSON-lines export,
 * or a folder of them. It prints the readable report (the core writes it,
 * so Python prints the same text), or the result as JSON with --json.
 * Exit status: 0; 1 when lines could not be read (the report lists them,
 * the JSON has them in "problems"); 2 when an input cannot be audited at
 * all (a missing file, a bad option value, an export with no readable
 * message), with one line on stderr: `tinyyes audit: ...`, and for a
 * malformed command line (no PATH, an unknown --format), with the usage
 * and argparse's message, as Python's.
 *
 * cli.js holds the command table; auditCommand() makes this command's entry.
 */
'use strict';

const path = require('path');

const tinyyes = require(path.join(__dirname, 'index.js'));

const { Playbook } = tinyyes;

const FORMATS = ['whatsapp', 'csv', 'jsonl'];
const DATE_ORDERS = ['dmy', 'mdy'];
const PY_INT = /^\s*[-+]?[0-9]+(?:_[0-9]+)*\s*$/; // what Python's int() reads (ASCII digits)

// A tinyyes error (bad arguments included): its message is the one to show.
function isTyError(e) {
  return e instanceof Error && typeof e.code === 'string' && e.code.startsWith('TY_');
}

// An error of the file system (ENOENT...), named by its errno code.
function isFsError(e) {
  return e instanceof Error && typeof e.code === 'string' && typeof e.syscall === 'string';
}

/**
 * The `audit` subcommand; returns the exit status. args: {paths, business,
 * format, dateOrder, utcOffset, hours, lateAfter (seconds), playbook (a
 * file), json}, undefined when not given; io:
 * {write, error}; strerror: errno code -> the C library's message; dumps:
 * (value, indent) -> JSON text (Python's json.dumps, so --json matches).
 */
function runAudit(args, io = {}, strerror = {}, dumps = (v, indent) => JSON.stringify(v, null, indent)) {
  const write = io.write || ((s) => process.stdout.write(s));
  const error = io.error || ((s) => process.stderr.write(s));
  const fail = (message) => {
    error(`tinyyes audit: ${message}\n`);
    return 2;
  };
  let result;
  try {
    const playbook = args.playbook === undefined ? null : Playbook.load(args.playbook);
    result = tinyyes.audit(args.paths, {
      business: args.business, playbook, format: args.format, dateOrder: args.dateOrder, utcOffset: args.utcOffset,
      hours: args.hours, lateAfter: args.lateAfter,
    });
  } catch (e) {
    if (isTyError(e)) return fail(e.message);
    if (isFsError(e)) return fail(`cannot read ${e.path || args.paths.join(', ')}: ${strerror[e.code] || e.message}`);
    throw e;
  }
  write(args.json ? `${dumps(result.toJSON(), 2)}\n` : result.report());
  return result.problems.length ? 1 : 0;
}

/**
 * The entry of cli.js's command table for `audit`: the arguments, help and
 * usage errors of `python -m tinyyes audit`'s argparse parser. prog: how
 * the command is called ("npx tinyyes"); strerror: errno code -> message;
 * repr: a value as Python's repr writes it; dumps: as for runAudit.
 */
function auditCommand({ prog, strerror, repr, dumps }) {
  // wrapped as argparse wraps it in an 80-column terminal
  const indent = ' '.repeat(`usage: ${prog} audit `.length);
  const usage = `usage: ${prog} audit [-h] [--business NAME]\n` +
    `${indent}[--format {${FORMATS.join(',')}}]\n` +
    `${indent}[--date-order {${DATE_ORDERS.join(',')}}] [--utc-offset OFFSET]\n` +
    `${indent}[--hours HOURS] [--late-after SECONDS]\n` +
    `${indent}[--playbook FILE] [--json]\n` +
    `${indent}PATH [PATH ...]`;
  return {
    help: 'find where momentum died in past chats',
    usage,
    description: "Audits past chats: WhatsApp 'Export chat' files (one conversation each), CSV or JSON-lines " +
      'exports, or folders of them. Prints where each conversation stopped and why, and the totals ' +
      '(docs/audit.md). Exit status 1 when some lines could not be read (they are listed), 2 for an input error.',
    positional: [['PATH', 'export files or folders']],
    options: {
      business: { type: 'string', meta: 'NAME', help: "the business's sender name (default: guessed)" },
      format: { type: 'string', meta: `{${FORMATS.join(',')}}`,
        help: "the exports' format (default: by suffix, else guessed)" },
      'date-order': { type: 'string', meta: `{${DATE_ORDERS.join(',')}}`,
        help: 'WhatsApp dates (default: told by the dates)' },
      'utc-offset': { type: 'string', meta: 'OFFSET', help: "the exports' local time, e.g. +01:00 (default UTC)" },
      hours: { type: 'string', meta: 'HOURS', help: 'opening hours, e.g. "mon-sat 09:00-18:00" (default: always)' },
      'late-after': { type: 'string', meta: 'SECONDS',
        help: 'open seconds after which an answer is late (default 3600)' },
      playbook: { type: 'string', meta: 'FILE', help: "group unanswered questions by this playbook's intents" },
      json: { type: 'boolean', help: 'print the result as JSON' },
    },
    maxPositionals: Infinity,
    run: (values, positionals, io = {}) => {
      const usageError = (message) => {
        (io.error || ((s) => process.stderr.write(s)))(`${usage}\n${prog} audit: error: ${message}\n`);
        return 2;
      };
      if (!positionals.length) return usageError('the following arguments are required: PATH');
      for (const [opt, choices] of [['format', FORMATS], ['date-order', DATE_ORDERS]]) {
        if (values[opt] !== undefined && !choices.includes(values[opt])) {
          return usageError(`argument --${opt}: invalid choice: ${repr(values[opt])} ` +
            `(choose from ${choices.map(repr).join(', ')})`);
        }
      }
      const late = values['late-after'];
      if (late !== undefined && !PY_INT.test(late)) {
        return usageError(`argument --late-after: invalid int value: ${repr(late)}`);
      }
      return runAudit({
        paths: positionals,
        business: values.business,
        format: values.format,
        dateOrder: values['date-order'],
        utcOffset: values['utc-offset'],
        hours: values.hours,
        lateAfter: late === undefined ? undefined : Number(late.replace(/_/g, '')),
        playbook: values.playbook,
        json: Boolean(values.json),
      }, io, strerror, dumps);
    },
  };
}

module.exports = { auditCommand, runAudit };
