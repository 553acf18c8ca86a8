/*
 * lint_cli.js — `npx tinyyes lint [PLAYBOOK] [--text MESSAGE] [--channel CH]
 * [--json]`: message lint (docs/playbook.md) for a business's own CI.
 *
 * The twin of `python -m tinyyes lint` (python/tinyyes/cli.py, run_lint):
 * the same arguments, lines, JSON and exit statuses, byte for byte. It lints
 * every template of a playbook (the default one when no file is given; `-`
 * reads stdin) and what the playbook does at run time (TY101 and on), or
 * one message with --text. One line per finding, named by its JSON path:
 *
 *   shop.json: templates.ask_day [whatsapp] TY004 warning: more than one question ...: "Or shall I ...?"
 *   shop.json: flows.booking.steps[6] TY105 warning: step "undo" never runs: ...
 *
 * then "N errors, M warnings". For a message finding (TY001-TY008) the
 * quoted span is the part found, when the template's source renders as
 * itself (no tags); else the line says which code points of the rendered
 * text it is. --json prints the findings as a JSON list instead. Exit
 * status: 1 when any finding is an error (TY005, TY008, TY006 over a hard
 * limit, TY101), else 0; 2 when the playbook cannot be read or does not
 * load, or an argument is bad (the message on stderr). The lines, the JSON
 * and the status come from the core (ty_lint_report, csrc/src/lint_report.c),
 * as Python's do: this file reads arguments and files and writes the result.
 *
 * cli.js holds the command table; lintCommand() makes this command's entry.
 */
'use strict';

const fs = require('fs');
const path = require('path');

const tinyyes = require(path.join(__dirname, 'index.js'));
const { onTape } = require(path.join(__dirname, 'tape.js'));

const { Playbook, CHANNELS } = tinyyes;

function isTyError(e) {
  return e instanceof Error && typeof e.code === 'string' && e.code.startsWith('TY_');
}

/**
 * The `lint` subcommand; returns the exit status. args: {playbook, text,
 * channel, locale, json}; io: {write, error, input (stdin's text for `-`)};
 * strerror: errno code -> the C library's message.
 */
function runLint(args, io = {}, strerror = {}) {
  const write = io.write || ((s) => process.stdout.write(s));
  const error = io.error || ((s) => process.stderr.write(s));
  const channel = args.channel || 'webchat';
  let findings;
  const report = { json: args.json, channel, text: args.text }; // ty_lint_report's options
  if (args.text !== undefined && args.text !== null) {
    if (args.playbook !== undefined) {
      error('tinyyes lint: give a PLAYBOOK or --text, not both\n');
      return 2;
    }
    try {
      findings = tinyyes.lint(args.text, { channel, locale: args.locale });
    } catch (e) {
      if (!isTyError(e)) throw e;
      error(`tinyyes lint: ${e.message}\n`);
      return 2;
    }
  } else {
    if (args.locale !== undefined && args.locale !== null) {
      error('tinyyes lint: --locale applies to --text; a playbook is linted in its own locale\n');
      return 2;
    }
    let label = args.playbook === undefined ? 'default playbook' : args.playbook;
    let pb;
    let source;
    try {
      if (args.playbook === undefined) {
        pb = Playbook.default(); // the core quotes the default playbook's source itself
      } else {
        let raw;
        if (args.playbook === '-') {
          label = '<stdin>';
          raw = typeof io.input === 'string' ? Buffer.from(io.input, 'utf8') : fs.readFileSync(0);
        } else {
          raw = fs.readFileSync(args.playbook);
        }
        source = raw.toString('utf8');
        pb = new Playbook(raw);
      }
      findings = pb.lint({ channel });
    } catch (e) {
      if (isTyError(e)) {
        error(`tinyyes lint: ${label}: ${e.message}\n`);
        return 2;
      }
      if (e && typeof e.code === 'string' && e.syscall) {
        error(`tinyyes lint: cannot read ${args.playbook}: ${strerror[e.code] || e.message}\n`);
        return 2;
      }
      throw e;
    }
    report.label = label;
    report.source = source;
  }
  const [status, out] = onTape(findings, (m, n, joined, held) => tinyyes._native._lintReport(m, n, joined, held, report));
  write(out);
  return status;
}

/**
 * The entry of cli.js's command table for `lint`. prog: how the command is
 * called ("npx tinyyes"); strerror: errno code -> message; repr: a value as
 * Python's repr writes it (for argparse's messages).
 */
function lintCommand({ prog, strerror, repr }) {
  // wrapped as argparse wraps it in an 80-column terminal
  const indent = ' '.repeat(`usage: ${prog} lint `.length);
  const usage = `usage: ${prog} lint [-h] [--text MESSAGE] [--channel CHANNEL]\n${indent}[--locale LOCALE] [--json]\n` +
    `${indent}[PLAYBOOK]`;
  return {
    help: 'check messages against the method (for CI)',
    usage,
    description: 'Lints every template of a playbook (the default one when none is given), or one message with ' +
      '--text: open-ended closers, missing asks, too many options or questions, placeholders, length, links, ' +
      'pressure (TY001-TY008); and in a playbook what breaks at run time: names a message may miss, options ' +
      'that are not there, too many options, steps and flows nothing reaches (TY101-TY106). Exit status 1 when ' +
      'any finding is an error, 0 otherwise, 2 when the playbook does not load.',
    positional: [['PLAYBOOK', 'playbook JSON file, - for stdin (default: the built-in one)']],
    options: {
      text: { type: 'string', meta: 'MESSAGE', help: 'lint this one message instead of a playbook' },
      channel: { type: 'string', meta: 'CHANNEL',
        help: `channel the messages go out on: ${CHANNELS.join(', ')} (default webchat)` },
      locale: { type: 'string', meta: 'LOCALE', help: 'phrase tables for --text (default en)' },
      json: { type: 'boolean', help: 'print the findings as a JSON list' },
    },
    maxPositionals: 1,
    run: (values, positionals, io = {}) => {
      if (values.channel !== undefined && !CHANNELS.includes(values.channel)) {
        const error = io.error || ((s) => process.stderr.write(s));
        error(`${usage}\n${prog} lint: error: argument --channel: invalid choice: ${repr(values.channel)} ` +
          `(choose from ${CHANNELS.map(repr).join(', ')})\n`);
        return 2;
      }
      return runLint({
        playbook: positionals[0],
        text: values.text,
        channel: values.channel,
        locale: values.locale,
        json: Boolean(values.json),
      }, io, strerror);
    },
  };
}

module.exports = { lintCommand, runLint };
