'use strict';
// audit.test.js — the chat audit (docs/audit.md; node/audit.js) and
// `npx tinyyes audit` (node/audit_cli.js), node:test.
//
// examples/audit/ holds fifty invented WhatsApp chats of a bike workshop
// (chats/), and ten of them again as CSV and JSON lines; the shared vectors
// (tests/vectors/audit.json) give exact results of the core, which Python
// checks too. When a Python with tinyyes is at hand, `python -m tinyyes
// audit` must print what `npx tinyyes audit` prints.

const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const util = require('node:util');

const repo = path.resolve(__dirname, '..', '..');
const tinyyes = require(path.join(repo, 'node'));
const { assertTyError } = require('./helpers');

const { audit, AuditResult, Playbook, TinyyesError, _native: native } = tinyyes;

const CLI = path.join(repo, 'node', 'cli.js');
const EXAMPLES = path.join(repo, 'examples', 'audit');
const CHATS = path.join(EXAMPLES, 'chats');
const CSV = path.join(EXAMPLES, 'chats.csv');
const JSONL = path.join(EXAMPLES, 'chats.jsonl');
const HOURS = 'mon-sat 09:00-18:00';
const BUSINESS = 'Northbank Bike Workshop';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tinyyes-audit-'));
// a CSV export whose third line has a time that is not one
const badFile = path.join(dir, 'bad.csv');
fs.writeFileSync(badFile, 'chat_id,timestamp,from,message\n' +
  'c1,2026-03-02T08:52:00+00:00,Tom,do you fix punctures?\n' +
  'c1,yesterday,Shop,x\n' +
  'c1,2026-03-02T09:02:00+00:00,Shop,We do: £12. Today or tomorrow?\n');

// Each conversation's id and finding codes.
function codes(result) {
  return result.conversations.map((c) => [c.id, c.findings.map((f) => f.code)]);
}

// The rows of a JSON-lines file.
function rowsOf(file) {
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
}

describe('audit() of the example chats', () => {
  const result = audit(CHATS, { hours: HOURS });

  test('fifty conversations of the workshop, every line read', () => {
    assert.ok(result instanceof AuditResult);
    assert.equal(result.business, BUSINESS);
    assert.equal(result.conversations.length, 50);
    assert.equal(result.summary.conversations, 50);
    assert.deepEqual(result.problems, []);
    assert.deepEqual(result.conversations.map((c) => c.id).slice(0, 2), ['chat-01.txt', 'chat-02.txt']);
  });

  test('the fields are own enumerable properties; toJSON is a plain copy', () => {
    assert.deepEqual(Object.keys(result), ['business', 'conversations', 'summary', 'problems']);
    const plain = result.toJSON();
    assert.equal(Object.getPrototypeOf(plain), Object.prototype);
    assert.equal(JSON.stringify(result), JSON.stringify(plain));
    assert.deepEqual(plain, JSON.parse(JSON.stringify(result)));
    plain.conversations[0].id = 'changed';
    assert.equal(result.conversations[0].id, 'chat-01.txt', 'toJSON() copies');
    assert.deepEqual(new AuditResult(plain).toJSON(), plain);
    assert.match(util.inspect(result), /^<tinyyes\.AuditResult: 50 conversations, \d+ findings, 0 lines not read>$/);
  });

  test('report() is the readable report of the core', () => {
    const report = result.report();
    assert.ok(report.startsWith(`Audit of 50 conversations (${result.summary.messages} messages, 50 customers); ` +
      `the business is "${BUSINESS}".\n`), report.slice(0, 200));
    assert.equal(report, native._auditReport(JSON.stringify(result)));
    assert.equal(new AuditResult(JSON.parse(JSON.stringify(result))).report(), report);
  });

  test('the same with the business named, and an array of paths', () => {
    assert.deepEqual(audit(CHATS, { hours: HOURS, business: BUSINESS }).toJSON(), result.toJSON());
    const files = ['chat-01.txt', 'chat-02.txt', 'chat-03.txt'].map((n) => path.join(CHATS, n));
    const some = audit(files, { hours: HOURS, business: BUSINESS });
    assert.deepEqual(some.conversations, result.conversations.slice(0, 3));
    assert.deepEqual(audit(new Set(files), { hours: HOURS, business: BUSINESS }).toJSON(), some.toJSON());
  });

  test('unanswered questions grouped by a playbook', () => {
    const grouped = audit(CHATS, { hours: HOURS, playbook: Playbook.default() });
    assert.deepEqual(codes(grouped), codes(result));
    for (const u of grouped.summary.unanswered) {
      assert.ok(u.intent === null || typeof u.intent === 'string');
      assert.ok(u.examples.length >= 1 && u.examples.length <= Math.min(3, u.count));
    }
  });
});

describe('CSV, JSON lines and rows', () => {
  const fromCsv = audit(CSV);
  const fromJsonl = audit(JSONL);

  test('chats.csv and chats.jsonl give the same conversations and findings', () => {
    assert.equal(fromCsv.conversations.length, 10);
    assert.deepEqual(codes(fromCsv), codes(fromJsonl));
    assert.equal(fromCsv.business, BUSINESS);
  });

  test('rows given as objects are the .jsonl file', () => {
    const rows = rowsOf(JSONL);
    assert.deepEqual(audit(rows).toJSON(), fromJsonl.toJSON());
    // Dates become ISO 8601 text, bigints their digits
    const dated = rows.map((r) => ({ ...r, time: new Date(r.time) }));
    assert.deepEqual(audit(dated).toJSON(), fromJsonl.toJSON());
    const unix = rows.map((r) => ({ ...r, time: BigInt(Date.parse(r.time) / 1000) }));
    assert.deepEqual(audit(unix).toJSON(), fromJsonl.toJSON());
  });

  test('rows under other key names, with columns', () => {
    const rows = rowsOf(JSONL).map((r) => ({ thread: r.conversation, sent: r.time, who: r.sender, body: r.text }));
    const got = audit(rows, { columns: { conversation: 'thread', time: 'sent', sender: 'who', text: 'body' } });
    assert.deepEqual(got.toJSON(), fromJsonl.toJSON());
    assertTyError(() => audit(rows), { reason: 'arg', message: /^no message could be read: line 1: no time/ },
      TinyyesError);
  });

  test('a row that cannot be read is a problem on its line', () => {
    const rows = rowsOf(JSONL);
    rows[2] = { ...rows[2], time: new Date(NaN) };
    const got = audit(rows);
    assert.deepEqual(got.problems, [{ input: 'rows', line: 3, message: 'line 3: no time' }]);
  });

  test('the format: by suffix, else guessed, or given; a BOM is dropped', () => {
    const text = fs.readFileSync(path.join(CHATS, 'chat-01.txt'), 'utf8');
    const want = audit(path.join(CHATS, 'chat-01.txt'), { business: BUSINESS }).conversations[0];
    for (const [name, body, options] of [
      ['chat-01.log', text, {}],
      ['chat-01.log', text, { format: 'whatsapp' }],
      ['chat-01.txt', `\ufeff${text}`, {}],
    ]) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, body);
      const got = audit(file, { business: BUSINESS, ...options }).conversations[0];
      assert.deepEqual({ ...got, id: 'chat-01.txt' }, want, `${name} ${JSON.stringify(options)}`);
      assert.equal(got.id, name);
    }
  });
});

describe('problems and errors', () => {
  test('a line that cannot be read is reported with its line', () => {
    const got = audit(badFile);
    assert.deepEqual(got.problems, [{
      input: 'bad.csv', line: 3, message: 'line 3: time "yesterday" is neither ISO 8601 nor Unix seconds',
    }]);
    assert.equal(got.summary.messages, 2);
    assert.match(got.report(), /\nLines not read \(1\)\n {2}bad\.csv: line 3: time "yesterday"/);
  });

  test('bad options throw argument errors', () => {
    const cases = [
      [{ bogus: 1 }, TypeError, /unknown audit\(\) option 'bogus'/],
      ['hours', TypeError, /options must be an object/],
      [{ business: 5 }, TypeError, /business must be a string or null, not a number/],
      [{ hours: ['mon'] }, TypeError, /hours must be a string or null/],
      [{ format: 'xml' }, RangeError, /format must be 'whatsapp', 'csv', 'jsonl' or null, not "xml"/],
      [{ format: 1 }, TypeError, /format must be a string/],
      [{ dateOrder: 'ymd' }, RangeError, /dateOrder must be 'dmy', 'mdy' or null/],
      [{ utcOffset: 'soon' }, RangeError, /utcOffset must look like/],
      [{ utcOffset: 1.5 }, TypeError, /utcOffset must be/],
      [{ columns: ['chat_id'] }, TypeError, /columns must be an object/],
      [{ columns: { chat: 'chat_id' } }, TypeError, /unknown audit\(\) columns key 'chat'/],
      [{ columns: { time: 3 } }, TypeError, /columns\.time must be a string or null/],
      [{ lateAfter: 1.5 }, TypeError, /lateAfter must be whole seconds/],
      [{ lateAfter: '1h' }, TypeError, /lateAfter must be whole seconds/],
      [{ lateAfter: -1 }, RangeError, /lateAfter must be positive seconds/],
      [{ playbook: {} }, TypeError, /playbook must be a tinyyes Playbook or null/],
    ];
    for (const [options, Kind, message] of cases) {
      assertTyError(() => audit(CSV, options), { code: 'TY_ERROR', reason: 'arg', message }, Kind);
    }
  });

  test('bad sources throw', () => {
    assertTyError(() => audit(42), { code: 'TY_ERROR', message: /takes a path, a folder/ }, TypeError);
    assertTyError(() => audit([{ conversation: 'c' }, 'x']),
      { message: /rows must be objects, not a string \(row 1\)/ }, TypeError);
    const empty = fs.mkdtempSync(path.join(dir, 'empty-'));
    fs.writeFileSync(path.join(empty, 'notes.md'), 'hi');
    assertTyError(() => audit(empty), { message: /has no \.txt, \.csv or \.jsonl files/ }, RangeError);
    assert.throws(() => audit(path.join(dir, 'missing.txt')), { code: 'ENOENT' });
    const latin1 = path.join(dir, 'latin1.txt');
    fs.writeFileSync(latin1, Buffer.from('02/03/2026, 08:52 - Tom: ol\xe1\n', 'latin1'));
    assertTyError(() => audit(latin1), { code: 'TY_ERROR', reason: 'utf8', message: /is not UTF-8 text/ },
      TinyyesError);
  });

  test('inputs the core cannot audit throw TinyyesErrors', () => {
    assertTyError(() => audit([]), { reason: 'arg', message: 'no messages in the input' }, TinyyesError);
    assertTyError(() => audit(CHATS, { business: 'Nobody' }), { reason: 'arg', path: 'business' }, TinyyesError);
    assertTyError(() => audit(CHATS, { hours: 'weekdays 9-5' }), { reason: 'arg', path: 'hours' }, TinyyesError);
    assertTyError(() => audit(CSV, { format: 'whatsapp' }), { reason: 'arg', message: /no message could be read/ },
      TinyyesError);
  });
});

// ---- the shared vectors ----------------------------------------------------------------

const VECTORS = path.join(repo, 'tests', 'vectors', 'audit.json');
const OPTION_KEYS = ['business', 'date_order', 'utc_offset', 'columns', 'hours', 'late_after'];

describe('vectors: tests/vectors/audit.json', () => {
  if (!fs.existsSync(VECTORS)) {
    test('the vectors', { skip: `${path.relative(repo, VECTORS)} is not there yet` }, () => {});
    return;
  }
  for (const c of JSON.parse(fs.readFileSync(VECTORS, 'utf8')).cases) {
    test(c.name, () => {
      const o = c.options || {};
      for (const key of Object.keys(o)) assert.ok(OPTION_KEYS.includes(key), `unknown vector option ${key}`);
      const run = () => native._audit(c.inputs.map((i) => [i.name, i.text, i.format]), o.business ?? null,
        o.date_order ?? 0, o.utc_offset ?? null, o.columns ?? null, o.hours ?? null, o.late_after ?? null, null);
      if (c.error) {
        assertTyError(run, c.error, TinyyesError);
        return;
      }
      const got = run();
      assert.equal(JSON.stringify(got), JSON.stringify(c.expect)); // key order too
      assert.equal(typeof new AuditResult(got).report(), 'string');
    });
  }
});

// ---- the CLI ----------------------------------------------------------------------------

function runCli(args) {
  const r = spawnSync(process.execPath, [CLI, 'audit', ...args], { encoding: 'utf8', cwd: repo, timeout: 60000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npx tinyyes audit', () => {
  test('prints the report and exits 0', () => {
    const r = runCli(['examples/audit/chats', '--hours', HOURS]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, audit(CHATS, { hours: HOURS }).report());
    assert.ok(r.stdout.startsWith('Audit of 50 conversations'));
  });

  test('--json prints the result, with every option', () => {
    const options = ['--business', BUSINESS, '--format', 'csv', '--date-order', 'dmy', '--utc-offset', '+01:00',
      '--late-after', '1800', '--playbook', path.join(repo, 'examples', 'playbooks', 'salon.json')];
    const r = runCli([CSV, '--json', ...options]);
    assert.equal(r.code, 0, r.stderr);
    const want = audit(CSV, {
      business: BUSINESS, format: 'csv', dateOrder: 'dmy', utcOffset: 3600, lateAfter: 1800,
      playbook: Playbook.load(path.join(repo, 'examples', 'playbooks', 'salon.json')),
    });
    assert.deepEqual(JSON.parse(r.stdout), want.toJSON());
    assert.ok(r.stdout.startsWith('{\n  "business": '));
  });

  test('exits 1 after printing the lines not read', () => {
    const r = runCli([badFile]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /Lines not read \(1\)\n {2}bad\.csv: line 3: /);
    const j = runCli([badFile, '--json']);
    assert.equal(j.code, 1);
    assert.equal(JSON.parse(j.stdout).problems.length, 1);
  });

  test('exits 2 with one line for an input error', () => {
    const missing = path.join(dir, 'missing.txt');
    const cases = [
      [[missing], `tinyyes audit: cannot read ${missing}: No such file or directory\n`],
      [[CHATS, '--business', 'Nobody'], /^tinyyes audit: business "Nobody" sent no message/],
      [[CHATS, '--hours', 'weekdays'], /^tinyyes audit: hours: cannot read "weekdays"/],
      [[CHATS, '--utc-offset', 'soon'], /^tinyyes audit: utcOffset must look like/],
      [[CHATS, '--playbook', path.join(dir, 'missing.json')],
        /^tinyyes audit: cannot read .*missing\.json: No such file/],
      [[CHATS, '--playbook', badFile], /^tinyyes audit: invalid JSON at line 1, column 1: /],
      [[CSV, '--format', 'whatsapp'], /^tinyyes audit: no message could be read/],
    ];
    for (const [args, want] of cases) {
      const r = runCli(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stdout, '');
      if (typeof want === 'string') assert.equal(r.stderr, want);
      else assert.match(r.stderr, want);
      assert.equal(r.stderr.split('\n').length, 2, r.stderr);
    }
  });

  test('a malformed command line is a usage error (2)', () => {
    for (const [args, want] of [
      [[], 'the following arguments are required: PATH'],
      [[CSV, '--format', 'xml'], "argument --format: invalid choice: 'xml' (choose from 'whatsapp', 'csv', 'jsonl')"],
      [[CSV, '--date-order', 'ymd'], "argument --date-order: invalid choice: 'ymd' (choose from 'dmy', 'mdy')"],
      [[CSV, '--late-after', '1h'], "argument --late-after: invalid int value: '1h'"],
    ]) {
      const r = runCli(args);
      assert.equal(r.code, 2);
      assert.ok(r.stderr.startsWith('usage: npx tinyyes audit [-h]'), r.stderr);
      assert.ok(r.stderr.endsWith(`npx tinyyes audit: error: ${want}\n`), r.stderr);
    }
    const help = runCli(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^usage: npx tinyyes audit/);
  });
});

// ---- the same command lines through python -m tinyyes audit -----------------------------

// A Python with a tinyyes that has the audit command (TINYYES_PYTHON, else
// the repository's .venv), or a reason to skip.
function findPython() {
  const python = process.env.TINYYES_PYTHON || path.join(repo, '.venv', 'bin', 'python');
  if (!fs.existsSync(python)) return { skip: `no Python at ${python} (make deps, or set TINYYES_PYTHON)` };
  const r = spawnSync(python, ['-c', 'import tinyyes; tinyyes.audit; import tinyyes.cli as c; c.run_audit'],
    { encoding: 'utf8', cwd: os.tmpdir() });
  if (r.status !== 0) return { skip: `the tinyyes Python package for ${python} has no audit yet (make build-python)` };
  return { python };
}

describe('the same output from python -m tinyyes audit', () => {
  const found = findPython();
  const cases = [
    [CHATS, '--hours', HOURS],
    [CHATS, '--json'],
    [CSV, JSONL, '--late-after', '600', '--utc-offset', '+01:00'],
    [CHATS, '--playbook', path.join(repo, 'examples', 'playbooks', 'salon.json'), '--date-order', 'mdy'],
    [badFile],
    [badFile, '--json'],
    [path.join(dir, 'missing.txt')],
    [CHATS, '--business', 'Nobody'],
  ];
  for (const args of cases) {
    test(args.map((a) => path.relative(repo, a) || a).join(' '), found.skip ? { skip: found.skip } : {}, () => {
      const node = runCli(args);
      const py = spawnSync(found.python, ['-m', 'tinyyes', 'audit', ...args],
        { encoding: 'utf8', cwd: os.tmpdir(), env: { ...process.env, PYTHONIOENCODING: 'utf-8', COLUMNS: '80' } });
      assert.equal(node.code, py.status, py.stderr);
      assert.equal(node.stdout, py.stdout);
      assert.equal(node.stderr, py.stderr);
    });
  }
});
