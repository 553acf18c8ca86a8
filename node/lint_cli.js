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
 * load, or an argument is bad (the message on stderr).
 *
 * cli.js holds the command table; lintCommand() makes this command's entry.
 */
'use strict';

const fs = require('fs');
const path = require('path');

const tinyyes = require(path.join(__dirname, 'index.js'));

const { Playbook, CHANNELS } = tinyyes;

const QUOTE_MAX = 60; // code points of a finding's span quoted in a line
// Python's str.isspace(), so a cut quote ends exactly as python -m tinyyes lint's does
const TRAILING_SPACE = /[\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/u;

function isObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The code points [start, end) of text, quoted (cut to QUOTE_MAX with "…"). */
function quote(text, start, end) {
  let span = Array.from(text).slice(start, end).join('').replace(/\n/g, ' ');
  const cps = Array.from(span);
  if (cps.length > QUOTE_MAX) span = cps.slice(0, QUOTE_MAX - 1).join('').replace(TRAILING_SPACE, '') + '\u2026';
  return `"${span}"`;
}

/**
 * The template text a playbook finding's path names, or null when it cannot
 * be read from the playbook or has tags (then a message finding's offsets,
 * which index the rendered text, do not index it).
 */
function sourceText(meta, finding) {
  const name = finding.template;
  const templates = isObject(meta) ? meta.templates : undefined;
  const tpl = name !== null && isObject(templates) && Object.hasOwn(templates, name) ? templates[name] : undefined;
  const rest = finding.path.slice(`templates.${name}`.length);
  let src = null;
  if (rest === '') {
    src = tpl;
  } else if (isObject(tpl) && rest === '.text') {
    src = tpl.text;
  } else if (isObject(tpl) && rest.startsWith('.variants[')) {
    const variants = tpl.variants;
    const i = finding.variant;
    src = Array.isArray(variants) && i >= 0 && i < variants.length ? variants[i] : null;
  } else if (isObject(tpl) && rest.startsWith('.channels.')) {
    const chans = tpl.channels;
    const ch = rest.slice('.channels.'.length);
    src = isObject(chans) && Object.hasOwn(chans, ch) ? chans[ch] : null;
  }
  if (typeof src !== 'string' || src.includes('{{')) return null;
  return src;
}

/**
 * One finding as a line: where (a JSON path, or '' for --text), the channel
 * when there is one, code, severity and message; then, for a message
 * finding, the part found (quoted from text, the message or the template's
 * source) or its code points in the rendered text. Findings about the
 * playbook (TY101 and on) name their tag in the message.
 */
function findingLine(label, where, channel, f, text) {
  let line = `${label}: ${where ? `${where} ` : ''}${channel ? `[${channel}] ` : ''}${f.code} ${f.severity}: ` +
    f.message;
  if (f.code >= 'TY100') return line;
  if (text !== null) line += `: ${quote(text, f.start, f.end)}`;
  else line += ` (code points ${f.start}-${f.end} of the rendered text)`;
  return line;
}

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
  let lines;
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
    lines = findings.map((f) => findingLine('message', '', channel, f, args.text));
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
        pb = Playbook.default();
        source = Playbook.defaultSource();
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
    let meta;
    try {
      meta = JSON.parse(source);
    } catch (_) {
      meta = {};
    }
    lines = findings.map((f) => findingLine(label, f.path, f.channel, f, sourceText(meta, f)));
  }
  const errors = findings.filter((f) => f.severity === 'error').length;
  if (args.json) {
    write(`${JSON.stringify(findings, null, 2)}\n`);
  } else {
    const warnings = findings.length - errors;
    let out = '';
    for (const line of lines) out += `${line}\n`;
    out += `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}\n`;
    write(out);
  }
  return errors ? 1 : 0;
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

module.exports = { lintCommand, runLint, sourceText, findingLine, quote };
