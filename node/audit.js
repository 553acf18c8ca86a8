/*
 * audit.js — the chat audit (docs/audit.md): where momentum died in the
 * chats a business already has. The twin of python/tinyyes/audit.py.
 *
 * index.js calls install() once and exports what it returns:
 *
 *   audit(source, {business, playbook, format, dateOrder, utcOffset, columns, hours, lateAfter})
 *   class AuditResult {business, conversations, summary, problems; report(), toJSON()}
 *
 * The core reads the exports and finds (nb_channels.c, _audit and
 * _auditReport); what is done here: gathering the inputs (a file, a
 * folder, a list of paths, or row objects written as JSON lines), reading
 * files as UTF-8, and the option names.
 */
'use strict';

const fs = require('fs');
const path = require('path');
const util = require('util');
const { tyError, typeError, rangeError } = require('./errors');

// file suffix -> export format; others are guessed from the text
const SUFFIX_FORMATS = { '.txt': 'whatsapp', '.csv': 'csv', '.jsonl': 'jsonl', '.ndjson': 'jsonl' };
const FORMATS = ['whatsapp', 'csv', 'jsonl'];
const DATE_ORDERS = { dmy: 1, mdy: 2 };
const COLUMNS = ['conversation', 'time', 'sender', 'text'];
const AUDIT_OPTIONS = ['business', 'playbook', 'format', 'dateOrder', 'utcOffset', 'columns', 'hours', 'lateAfter'];
const RESULT_KEYS = ['business', 'conversations', 'summary', 'problems'];

/**
 * Returns {audit, AuditResult} for index.js to export. `internals` are
 * index.js's own helpers, so options are read one way everywhere.
 */
function install(internals) {
  const { native, Playbook, readOptions, describe, offsetSeconds } = internals;

  // The text of a file: UTF-8 (invalid bytes are an error), a leading BOM dropped.
  function readText(file) {
    const bytes = fs.readFileSync(file);
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch (e) {
      throw tyError('TY_ERROR', 'utf8', null, `audit(): ${file} is not UTF-8 text (${e.message})`);
    }
  }

  // The export format a file name's suffix says, else null (guessed).
  function suffixFormat(name) {
    return SUFFIX_FORMATS[path.extname(name).toLowerCase()] || null;
  }

  // [name, text, format] for a file, or for each export in a folder (sorted by name).
  function inputsFromPath(file, format) {
    if (fs.statSync(file).isDirectory()) {
      const names = fs.readdirSync(file).filter((n) => suffixFormat(n) !== null).sort();
      if (!names.length) throw rangeError(`audit(): ${file} has no .txt, .csv or .jsonl files`);
      return names.map((n) => [n, readText(path.join(file, n)), format || suffixFormat(n)]);
    }
    const name = path.basename(file);
    return [[name, readText(file), format || suffixFormat(name)]];
  }

  // One JSON-lines input from row objects (a Date becomes its ISO string, a bigint its digits).
  function inputsFromRows(rows) {
    const lines = rows.map((row, i) => {
      if (row === null || typeof row !== 'object' || Array.isArray(row)) {
        throw typeError(`audit() rows must be objects, not ${describe(row)} (row ${i})`);
      }
      return JSON.stringify(row, (key, v) => (typeof v === 'bigint' ? String(v) : v));
    });
    return [['rows', lines.join('\n'), 'jsonl']];
  }

  // The [name, text, format] inputs of a source: a path, a list of paths, or rows.
  function inputsOf(source, format) {
    if (typeof source === 'string') return inputsFromPath(source, format);
    if (source !== null && typeof source === 'object' && typeof source[Symbol.iterator] === 'function') {
      const items = Array.from(source);
      if (items.every((x) => typeof x === 'string')) return items.flatMap((x) => inputsFromPath(x, format));
      return inputsFromRows(items);
    }
    throw typeError('audit() takes a path, a folder, an array of paths or an array of row objects, ' +
      `not ${describe(source)}`);
  }

  // An optional string option: undefined/null pass as null.
  function optString(v, name) {
    if (v === undefined || v === null) return null;
    if (typeof v !== 'string') throw typeError(`audit() ${name} must be a string or null, not ${describe(v)}`);
    return v;
  }

  // An optional choice among `allowed` (strings): undefined/null pass as null.
  function optChoice(v, name, allowed) {
    const s = optString(v, name);
    if (s !== null && !allowed.includes(s)) {
      throw rangeError(`audit() ${name} must be ${allowed.map((a) => `'${a}'`).join(', ')} or null, ` +
        `not ${JSON.stringify(s)}`);
    }
    return s;
  }

  // columns: {conversation?, time?, sender?, text?} -> the core's four names (null: the usual ones).
  function readColumns(columns) {
    if (columns === undefined || columns === null) return null;
    if (typeof columns !== 'object' || Array.isArray(columns)) {
      throw typeError(`audit() columns must be an object mapping some of ${COLUMNS.join(', ')} to names, ` +
        `not ${describe(columns)}`);
    }
    for (const key of Object.keys(columns)) {
      if (!COLUMNS.includes(key)) {
        throw typeError(`unknown audit() columns key '${key}' (allowed: ${COLUMNS.join(', ')})`);
      }
    }
    return COLUMNS.map((k) => optString(columns[k], `columns.${k}`));
  }

  // lateAfter: whole seconds of opening hours (0 or null: the default, an hour).
  function readLateAfter(v) {
    if (v === undefined || v === null) return null;
    if (typeof v !== 'number' || !Number.isSafeInteger(v)) {
      throw typeError(`audit() lateAfter must be whole seconds (a number) or null, not ${describe(v)}`);
    }
    if (v < 0) throw rangeError(`audit() lateAfter must be positive seconds (0 or null: the default), not ${v}`);
    return v;
  }

  /**
   * Audits past chats (docs/audit.md): where each conversation stopped and
   * why, and the totals. Returns an AuditResult.
   *
   * `source`: a WhatsApp "Export chat" file, a CSV or JSON-lines export, a
   * folder of them (each .txt one conversation), an array of paths, or an
   * array of row objects with conversation, time, sender and text (any key
   * names: `columns`). Options: `business`, the business's sender name
   * (null: guessed); `playbook`, a Playbook whose intents group the
   * unanswered questions (null: grouped by wording); `format`, 'whatsapp',
   * 'csv' or 'jsonl' (null: by file suffix, else guessed); `dateOrder`,
   * WhatsApp dates 'dmy' or 'mdy' (null: told by the dates, day first when
   * they never tell); `utcOffset`, the exports' local time ('+01:00' or
   * seconds); `columns`, CSV/JSON names ({conversation: 'chat_id', text:
   * 'message'}); `hours`, opening hours ('mon-fri 09:00-17:30, sat
   * 10:00-14:00'; null: always open); `lateAfter`, seconds of opening hours
   * after which an answer is late (default 3600). Lines that cannot be read
   * are in `result.problems`; an unreadable source throws a TinyyesError.
   */
  function audit(source, options) {
    const o = readOptions(options, AUDIT_OPTIONS, 'audit()');
    const business = optString(o.business, 'business');
    const format = optChoice(o.format, 'format', FORMATS);
    const dateOrder = optChoice(o.dateOrder, 'dateOrder', Object.keys(DATE_ORDERS));
    const columns = readColumns(o.columns);
    const hours = optString(o.hours, 'hours');
    const lateAfter = readLateAfter(o.lateAfter);
    const playbook = o.playbook === undefined ? null : o.playbook;
    if (playbook !== null && !(playbook instanceof Playbook)) {
      throw typeError(`audit() playbook must be a tinyyes Playbook or null, not ${describe(playbook)}`);
    }
    const offset = offsetSeconds(o.utcOffset);
    const data = native._audit(inputsOf(source, format), business, dateOrder === null ? 0 : DATE_ORDERS[dateOrder],
      offset, columns, hours, lateAfter, playbook === null ? null : playbook._pb);
    return new AuditResult(data);
  }

  /**
   * What audit() found (docs/audit.md): the core's result {business,
   * conversations, summary, problems} as own enumerable properties, so
   * JSON.stringify(result) is its JSON. report() is the readable report the
   * command line prints.
   */
  class AuditResult {
    // Takes a result object (audit()'s, or one parsed from its JSON).
    constructor(data) {
      if (data === null || typeof data !== 'object' || Array.isArray(data)) {
        throw typeError(`AuditResult() data must be an object (an audit result), not ${describe(data)}`);
      }
      for (const key of RESULT_KEYS) this[key] = data[key];
    }

    /** The readable report (what `npx tinyyes audit` prints). */
    report() {
      return native._auditReport(JSON.stringify(this));
    }

    /** A plain, JSON-ready copy. */
    toJSON() {
      const plain = {};
      for (const key of RESULT_KEYS) plain[key] = this[key];
      return structuredClone(plain);
    }

    // console.log shows the counts, as Python's repr does.
    [util.inspect.custom]() {
      const s = this.summary;
      const findings = s.findings.reduce((n, f) => n + f.count, 0);
      return `<tinyyes.AuditResult: ${s.conversations} conversations, ${findings} findings, ` +
        `${this.problems.length} lines not read>`;
    }
  }

  return { audit, AuditResult };
}

module.exports = { install };
