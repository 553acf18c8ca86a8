// playbook.test.js — Node binding tests for playbooks (node:test): loading,
// matching and recognisers.
//
// Runs the shared vectors (tests/vectors/playbook_errors.json, match/*.json,
// recognize/*.json) exactly as the Python and C runners do, then the API:
// sources (string, Buffer, Uint8Array, ArrayBuffer, object, file), the
// default playbook, options and their errors, `at` and `utcOffset` forms,
// how JS values convert (the value-tape rules: paths in errors, depth,
// cycles, other realms), bad input (invalid UTF-8, NUL, lone surrogates,
// 1 MiB messages, limits), canonical JSON, worker threads and finalizers.
'use strict';

const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const url = require('node:url');
const util = require('node:util');
const v8 = require('node:v8');
const vm = require('node:vm');
const { Worker } = require('node:worker_threads');

const repo = path.resolve(__dirname, '..', '..');
const ty = require(path.join(repo, 'node'));
const { Playbook } = ty;
const vectorsDir = path.join(repo, 'tests', 'vectors');

const AT = 1795000000; // 2026-11-18 (a Wednesday) 08:26:40 UTC

// V8's gc(), exposed at run time when node was not started with --expose-gc.
function exposedGc() {
  if (typeof global.gc === 'function') return global.gc;
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc');
}

const MINI = {
  tinyyes: 1,
  name: 'Mini',
  utc_offset: '+01:00',
  intents: {
    pricing: { examples: ['how much is a clean', 'what are your prices', 'price list please'] },
    booking: { examples: ['can I book a cleaning', 'I want to schedule a visit', 'book me in'] },
    stop: { examples: ['stop'], keywords: ['stop', 'unsubscribe'] },
  },
  slots: {
    service: {
      type: 'choice',
      options: [
        { id: 'standard', title: 'Standard clean', synonyms: ['regular', 'basic'] },
        { id: 'deep', title: 'Deep clean', synonyms: ['thorough', 'full'] }],
    },
    day: { type: 'date' },
    visit: { type: 'choice', options_from: 'times' },
  },
};

const { assertTyError, heldTape } = require('./helpers');
const { onTape } = require('../../node/tape.js');

// JSON with every object's keys sorted (an order-free comparison, as the
// Python runner's json.dumps(sort_keys=True)).
function sortedJson(v) {
  return JSON.stringify(v, (k, x) => (x && typeof x === 'object' && !Array.isArray(x)
    ? Object.fromEntries(Object.keys(x).sort().map((key) => [key, x[key]])) : x));
}

function readVectors(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

// The playbook of a match/recognize/conversation vector file.
function vectorPlaybook(doc) {
  return doc.playbook === 'default' ? Playbook.default() : new Playbook(doc.playbook);
}

// ---- shared vectors ------------------------------------------------------------

describe('vectors: tests/vectors/playbook_errors.json', () => {
  const doc = readVectors(path.join(vectorsDir, 'playbook_errors.json'));
  assert.ok(doc.tests.length > 0);
  // the vectors name limits as ty_playbook_opts fields
  const OPTION_NAMES = { max_bytes: 'maxBytes', max_intents: 'maxIntents', max_examples: 'maxExamples',
    max_message: 'maxMessage' };
  for (const v of doc.tests) {
    test(v.name, () => {
      const source = 'source' in v ? v.source : v.playbook;
      const options = {};
      for (const [k, x] of Object.entries(v.options || {})) {
        assert.ok(OPTION_NAMES[k], `unknown vector option ${k}`);
        options[OPTION_NAMES[k]] = x;
      }
      let caught;
      try {
        new Playbook(source, options); // eslint-disable-line no-new
      } catch (e) {
        caught = e;
      }
      assert.ok(caught, 'loaded, but must fail');
      const got = { code: caught.code, reason: caught.reason, path: caught.path || '', message: caught.message };
      for (const [key, want] of Object.entries(v.error)) {
        assert.deepEqual(got[key], want, `error ${key} (message: ${caught.message})`);
      }
    });
  }
});

// Each case of every tests/vectors/<folder>/*.json, with the file's playbook
// loaded once; `run(pb, case)` returns the result to compare.
function vectorFiles(folder, run) {
  const dir = path.join(vectorsDir, folder);
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort() : [];
  describe(`vectors: tests/vectors/${folder}`, () => {
    if (!files.length) {
      test('vectors', { skip: `no vectors in tests/vectors/${folder} yet` }, () => {});
      return;
    }
    for (const file of files) {
      const doc = readVectors(path.join(dir, file));
      describe(file, () => {
        let pb = null;
        doc.tests.forEach((v, i) => {
          test(v.name || String(i), () => {
            pb = pb || vectorPlaybook(doc);
            const got = run(pb, v);
            assert.deepEqual(got, v.expected);
            // the same keys in the same order, the same numbers
            assert.equal(JSON.stringify(got), JSON.stringify(v.expected));
            assert.equal(sortedJson(got), sortedJson(v.expected));
          });
        });
      });
    }
  });
}

// The private call passes "no time" through when a vector gives none (the
// public one would read the clock), exactly as the C and Python runners do;
// when the vector has a time, the public call must agree.
function vectorInput(v) {
  return [v.at === undefined ? null : v.at, ty._offsetSeconds(v.utc_offset), v.data === undefined ? null : v.data];
}

vectorFiles('match', (pb, v) => {
  const [at, offset, data] = vectorInput(v);
  const expect = v.expect === undefined ? null : v.expect;
  const got = data === null ? pb._pb._match(v.text, expect, at, offset)
    : onTape(data, (...tape) => pb._pb._match(v.text, expect, at, offset, ...tape));
  if (at !== null) {
    const options = { at, data, utcOffset: offset };
    if (v.expect !== undefined) options.expect = v.expect;
    assert.deepEqual(pb.match(v.text, options), got);
  }
  return got;
});

vectorFiles('recognize', (pb, v) => {
  const [at, offset, data] = vectorInput(v);
  const got = data === null ? pb._pb._recognize(v.text, v.slot, at, offset)
    : onTape(data, (...tape) => pb._pb._recognize(v.text, v.slot, at, offset, ...tape));
  if (at !== null) assert.deepEqual(pb.recognize(v.text, v.slot, { at, data, utcOffset: offset }), got);
  return got;
});

// ---- sources ---------------------------------------------------------------------------

describe('sources', () => {
  test('every kind of source loads the same playbook', () => {
    const text = JSON.stringify(MINI);
    const bytes = Buffer.from(text);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tinyyes-'));
    const file = path.join(dir, 'mini.json');
    fs.writeFileSync(file, text);
    try {
      const ab = new ArrayBuffer(bytes.length);
      new Uint8Array(ab).set(bytes);
      const variants = [
        new Playbook(text),
        new Playbook(bytes),
        new Playbook(new Uint8Array(bytes)),
        new Playbook(ab),
        new Playbook(Buffer.concat([Buffer.from('xx'), bytes]).subarray(2)), // an offset view
        new Playbook(MINI),
        new Playbook(Object.assign(Object.create(null), MINI)),
        Playbook.load(file),
        Playbook.load(url.pathToFileURL(file)),
      ];
      const want = variants[0].match('deep clean tomorrow please', { at: AT });
      for (const pb of variants) {
        assert.deepEqual(pb.stats(), variants[0].stats());
        assert.deepEqual(pb.match('deep clean tomorrow please', { at: AT }), want);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('an object source keeps non-ASCII text', () => {
    const pb = new Playbook({ tinyyes: 1, name: 'Café Niño', intents: {
      precio: { examples: ['¿cuánto cuesta?', 'precio por favor'] },
      reserva: { examples: ['quiero reservar', 'una cita mañana'] } } });
    assert.match(util.inspect(pb), /Café Niño/);
    assert.equal(pb.match('cuanto cuesta', { at: AT }).intent, 'precio');
  });

  test('an object source that is not JSON', () => {
    assertTyError(() => new Playbook({ tinyyes: 1, x: NaN }), { code: 'TY_PLAYBOOK', reason: 'json' });
    assertTyError(() => new Playbook({ tinyyes: 1, x: [Infinity] }), { code: 'TY_PLAYBOOK', reason: 'json' });
    const cyclic = { tinyyes: 1 };
    cyclic.self = cyclic;
    assertTyError(() => new Playbook(cyclic), { code: 'TY_PLAYBOOK', reason: 'json' });
    assert.throws(() => new Playbook({ tinyyes: 1, x: 1n }), TypeError);
    // what JSON.stringify makes of the rest is then validated like any text
    assertTyError(() => new Playbook({ tinyyes: 1, intents: { a: { examples: [new Set([1])] } } }),
      { code: 'TY_PLAYBOOK', path: 'intents.a.examples[0]' });
  });

  for (const bad of [undefined, null, 1, true, ['tinyyes'], new Date(), new Uint16Array(4), Symbol('x')]) {
    test(`source ${typeof bad === 'symbol' ? 'symbol' : util.inspect(bad)} is a TypeError`, () => {
      assert.throws(() => new Playbook(bad), (e) => e instanceof TypeError && /JSON text/.test(e.message));
    });
  }

  test('load of a missing file', () => {
    assert.throws(() => Playbook.load(path.join(os.tmpdir(), 'tinyyes-no-such-file.json')), { code: 'ENOENT' });
  });

  test('the default playbook', () => {
    const pb = Playbook.default();
    const s = pb.stats();
    assert.ok(s.intents >= 10 && s.flows >= 5 && s.bytes > 0);
    assert.deepEqual(Object.keys(s).sort(), ['bytes', 'examples', 'features', 'flows', 'intents', 'slots', 'templates']);
    assert.match(util.inspect(pb), /Northbank/);
    assert.equal(pb.match('stop', { at: AT }).intent, 'stop');
    const again = new Playbook(Playbook.defaultSource());
    assert.equal(again.stats().intents, s.intents);
    assert.deepEqual(again.match('how much is a tune-up', { at: AT }), pb.match('how much is a tune-up', { at: AT }));
    assert.equal(JSON.parse(Playbook.defaultSource()).tinyyes, 1);
    assert.equal(Playbook.defaultSource(), ty._native._defaultPlaybook());
    assert.throws(() => Playbook.default({ maxBytes: 1 }), TypeError); // only a secret applies
  });

  test('inspect, exports, limits', () => {
    const pb = new Playbook(MINI);
    assert.equal(util.inspect(pb), '<tinyyes.Playbook "Mini": 3 intents, 3 slots, 0 flows, 0 templates>');
    assert.equal(String(pb), util.inspect(pb));
    assert.match(util.inspect(new Playbook(MINI, { secret: 'k' })), /, signed>$/);
    assert.match(util.inspect(new Playbook({ tinyyes: 1 })), /^<tinyyes\.Playbook: 0 intents/);
    assert.equal(typeof ty.Playbook, 'function');
    assert.equal(ty.limits.messageMaxBytes, 65536);
    assert.equal(ty.limits.playbookMaxIntents, 4096);
    assert.ok(Object.isFrozen(ty.limits));
    // the native class wants its own objects as `this`
    assert.throws(() => ty._native.Playbook.prototype._stats.call({}), TypeError);
    assert.throws(() => ty._native.Playbook.prototype._stats.call(new ty.Template('x')), TypeError);
    assert.throws(() => ty._native.Playbook(JSON.stringify(MINI)), TypeError);
  });
});

// ---- load errors -----------------------------------------------------------------------

describe('load errors', () => {
  test('invalid UTF-8 in a Buffer', () => {
    const bytes = Buffer.concat([Buffer.from('{"tinyyes": 1, "name": "'), Buffer.from([0xff]), Buffer.from('"}')]);
    assertTyError(() => new Playbook(bytes), { code: 'TY_PLAYBOOK', reason: 'utf8', offset: 24 });
  });

  test('a lone surrogate in a string source', () => {
    assertTyError(() => new Playbook('{"tinyyes": 1, "name": "\ud800"}'),
      { code: 'TY_PLAYBOOK', reason: 'utf8' });
  });

  test('NUL in the source', () => {
    assertTyError(() => new Playbook(Buffer.from('{"tinyyes": 1,\0 "name": "x"}')), { code: 'TY_PLAYBOOK' });
  });

  test('examples that are not strings name the path', () => {
    const e = assertTyError(() => new Playbook({ tinyyes: 1, intents: { a: { examples: ['x', 3] } } }),
      { code: 'TY_PLAYBOOK', path: 'intents.a.examples[1]' });
    assert.ok(e.message.startsWith('intents.a.examples[1]:'), e.message);
  });

  test('unknown keys are errors', () => {
    assertTyError(() => new Playbook({ tinyyes: 1, intentz: {} }), { path: 'intentz', reason: 'schema' });
    assertTyError(() => new Playbook({ tinyyes: 1, intents: { a: { examples: ['x'], flw: 'b' } } }),
      { path: 'intents.a.flw' });
  });

  test('JSON errors have line and column', () => {
    const e = assertTyError(() => new Playbook('{"tinyyes": 1,\n  "name": }'), { reason: 'json', line: 2 });
    assert.equal(typeof e.col, 'number');
  });

  test('limits are settable', () => {
    const intents = { a: { examples: ['x', 'y'] }, b: { examples: ['z'] } };
    new Playbook({ tinyyes: 1, intents }, { maxIntents: 2, maxExamples: 3 }); // eslint-disable-line no-new
    for (const o of [{ maxIntents: 1 }, { maxExamples: 2 }, { maxBytes: 20 }]) {
      assertTyError(() => new Playbook({ tinyyes: 1, intents }, o), { code: 'TY_PLAYBOOK', reason: 'limit' });
    }
    const pb = new Playbook(MINI, { maxMessage: 10 });
    pb.match('a'.repeat(10), { at: AT });
    assertTyError(() => pb.match('a'.repeat(11), { at: AT }), { code: 'TY_EVENT', reason: 'limit' });
    assert.throws(() => new Playbook(MINI, { maxMessage: '10' }), TypeError);
    assert.throws(() => new Playbook(MINI, { maxMessage: 1.5 }), TypeError);
    assert.throws(() => new Playbook(MINI, { maxMessage: -1 }), RangeError);
    assert.throws(() => new Playbook(MINI, { maxMesage: 10 }), /unknown Playbook option 'maxMesage'/);
    assert.throws(() => new Playbook(MINI, 'secret'), TypeError);
    new Playbook(MINI, { maxMessage: null, maxBytes: 0 }); // eslint-disable-line no-new
  });

  test('too many intents is a limit error', () => {
    const intents = {};
    for (let i = 0; i <= ty.limits.playbookMaxIntents; i++) intents[`i${i}`] = { keywords: [`k${i}`] };
    assertTyError(() => new Playbook({ tinyyes: 1, intents }), { code: 'TY_PLAYBOOK', reason: 'limit' });
  });

  test('duplicate intent names in text', () => {
    assertTyError(() => new Playbook('{"tinyyes": 1, "intents": {"a": {"keywords": ["x"]}, "a": {"keywords": ["y"]}}}'),
      { code: 'TY_PLAYBOOK', path: 'intents.a' });
  });
});

// ---- match and recognize ------------------------------------------------------------------

describe('match and recognize', () => {
  const mini = new Playbook(MINI);

  test('the result of match', () => {
    const text = 'I want a deep clean tomorrow';
    const r = mini.match(text, { at: AT });
    assert.deepEqual(Object.keys(r), ['intent', 'score', 'oos', 'ranking', 'entities']);
    assert.equal(r.intent, 'booking');
    assert.equal(r.oos, false);
    assert.ok(r.score > 0 && r.score <= 1);
    assert.deepEqual(r.ranking[0], { intent: 'booking', score: r.score });
    const ents = Object.fromEntries(r.entities.map((e) => [e.slot, e]));
    assert.equal(ents.service.value, 'deep');
    assert.equal(ents.day.value, '2026-11-19');
    const cps = Array.from(text);
    for (const e of r.entities) assert.equal(cps.slice(e.start, e.end).join(''), e.text);
  });

  test('offsets are code points, not UTF-16 units', () => {
    const text = '😀😀 deep clean tomorrow';
    const r = mini.match(text, { at: AT });
    const deep = r.entities.find((e) => e.slot === 'service');
    assert.equal(Array.from(text).slice(deep.start, deep.end).join(''), deep.text);
  });

  test('keywords win', () => {
    const r = mini.match('STOP', { at: AT });
    assert.equal(r.intent, 'stop');
    assert.equal(r.score, 1);
  });

  test('expect', () => {
    assert.equal(mini.match('the second one', { expect: 'service', at: AT }).answer.value, 'deep');
    assert.ok(!('answer' in mini.match('the second one', { at: AT })));
  });

  test('out of scope', () => {
    const r = mini.match('my cat likes fish', { at: AT });
    assert.equal(r.intent, null);
    assert.equal(r.oos, true);
  });

  test('recognize', () => {
    assert.equal(mini.recognize('B', 'service', { at: AT }).value, 'deep');
    assert.equal(mini.recognize('regular please', 'service', { at: AT }).value, 'standard');
    assert.deepEqual(mini.recognize('tomorrow', 'day', { at: AT }),
      { value: '2026-11-19', text: 'tomorrow', start: 0, end: 8 });
    assert.equal(mini.recognize('banana', 'service', { at: AT }), null);
    const data = { times: ['Tue 10:00', 'Tue 15:00'] };
    assert.equal(mini.recognize('the second one', 'visit', { at: AT, data }).value, 'Tue 15:00');
  });

  test('an unknown slot', () => {
    assertTyError(() => mini.recognize('x', 'nope', { at: AT }), { reason: 'notfound' });
  });

  test('forms of at', () => {
    const want = mini.recognize('tomorrow', 'day', { at: AT }).value;
    assert.equal(mini.recognize('tomorrow', 'day', { at: new Date(AT * 1000) }).value, want);
    assert.equal(mini.recognize('tomorrow', 'day', { at: new Date(AT * 1000 + 999) }).value, want);
    assert.equal(mini.recognize('tomorrow', 'day', { at: AT + 0.999 }).value, want);
    assert.throws(() => mini.recognize('tomorrow', 'day', { at: '2026-11-18' }), TypeError);
    assert.throws(() => mini.recognize('tomorrow', 'day', { at: true }), TypeError);
    assert.throws(() => mini.recognize('tomorrow', 'day', { at: NaN }), RangeError);
    assert.throws(() => mini.recognize('tomorrow', 'day', { at: new Date('nope') }), RangeError);
    assert.throws(() => mini.recognize('tomorrow', 'day', { at: 2 ** 60 }), RangeError);
  });

  test('at undefined means now', () => {
    const local = (ms) => new Date(ms + 3600e3).toISOString().slice(0, 10); // the playbook's +01:00
    const before = Date.now();
    const got = mini.recognize('today', 'day').value;
    assert.ok([local(before), local(Date.now())].includes(got), got);
    assert.equal(mini.recognize('today', 'day', { at: null }).value, got);
  });

  test('forms of utcOffset', () => {
    const late = 1795035600; // 2026-11-18 15:00 UTC: already the 19th at +10:00
    assert.equal(mini.recognize('today', 'day', { at: late }).value, '2026-11-18'); // the playbook's +01:00
    for (const off of ['+10:00', '+1000', 36000]) {
      assert.equal(mini.recognize('today', 'day', { at: late, utcOffset: off }).value, '2026-11-19', String(off));
    }
    assert.equal(mini.recognize('today', 'day', { at: late, utcOffset: 'Z' }).value, '2026-11-18');
    for (const bad of ['+25:00', '1:00', '+01:61', 15 * 3600]) {
      assert.throws(() => mini.recognize('today', 'day', { at: late, utcOffset: bad }), RangeError, String(bad));
    }
    assert.throws(() => mini.recognize('today', 'day', { at: late, utcOffset: 1.5 }), TypeError);
    assert.throws(() => mini.recognize('today', 'day', { at: late, utcOffset: {} }), TypeError);
  });

  test('argument types', () => {
    assert.throws(() => mini.match(Buffer.from('hi'), { at: AT }), /text must be a string/);
    assert.throws(() => mini.match(undefined, { at: AT }), /text must be a string/);
    assert.throws(() => mini.match('hi', { expect: 3, at: AT }), /expect must be a string/);
    assert.throws(() => mini.recognize('hi', null, { at: AT }), /slot must be a string/);
    assert.throws(() => mini.match('hi', { at: AT, data: [1] }), /data must be a plain object/);
    assert.throws(() => mini.match('hi', { at: AT, data: 'x' }), /data must be a plain object/);
    assert.throws(() => mini.match('hi', { at: AT, bogus: 1 }), /unknown match\(\) option 'bogus'/);
    assert.throws(() => mini.match('hi', 'service'), /options must be an object/);
    assert.throws(() => mini.recognize('hi', 'service', { expect: 'x' }), /unknown recognize\(\) option/);
    // the raw calls check what the JS layer would have
    assert.throws(() => mini._pb._match('hi', null, 1.5, null, null), RangeError);
    assert.throws(() => mini._pb._match('hi', null, '1', null, null), TypeError);
    assert.throws(() => mini._pb._match('hi', null, AT, 86400, null), RangeError);
    assert.throws(() => mini._pb._match(), TypeError);
  });

  test('NUL in text', () => {
    assertTyError(() => mini.match('a\0b', { at: AT }), { code: 'TY_EVENT', reason: 'nul' });
  });

  test('a lone surrogate in text', () => {
    assertTyError(() => mini.match('hi \udc80', { at: AT }), { code: 'TY_EVENT', reason: 'utf8' });
    assertTyError(() => mini.match('hi', { expect: 'serv\ud800', at: AT }), { code: 'TY_EVENT', reason: 'utf8' });
    // a real U+FFFD is text like any other
    assert.equal(mini.match('hi \ufffd', { at: AT }).oos, true);
    assert.equal(mini.match('\u{1F600} deep clean', { at: AT }).entities[0].value, 'deep');
  });

  test('a message over the limit', () => {
    const e = assertTyError(() => mini.match('a'.repeat(1 << 20), { at: AT }), { code: 'TY_EVENT', reason: 'limit' });
    assert.match(e.message, /65536/);
    mini.match('a '.repeat(ty.limits.messageMaxBytes / 2), { at: AT }); // exactly at the limit
  });

  test('empty text', () => {
    const r = mini.match('', { at: AT });
    assert.equal(r.intent, null);
    assert.equal(r.oos, true);
    assert.equal(mini.recognize('', 'service', { at: AT }), null);
  });
});

// ---- JS values as data (value tapes) ------------------------------------------------------

describe('data conversion', () => {
  const mini = new Playbook(MINI);
  const match = (data) => mini.match('hi', { at: AT, data });

  class Point { constructor() { this.x = 1; } }
  const typeCases = [
    [{ times: [1, { b: () => 1 }] }, 'data.times[1].b', /a function/],
    [{ x: Symbol('s') }, 'data.x', /a symbol/],
    [{ x: 1n }, 'data.x', /a bigint/],
    [{ x: new Date(0) }, 'data.x', /instance of Date/],
    [{ x: new Map() }, 'data.x', /instance of Map/],
    [{ x: [new Point()] }, 'data.x[0]', /instance of Point/],
    [{ x: Buffer.from('a') }, 'data.x', /instance of Buffer/],
    [{ 'a b': { 'é': [0, [new Set()]] } }, 'data.a b.é[1][0]', /instance of Set/],
  ];
  for (const [data, where, kind] of typeCases) {
    test(`TypeError at ${where}`, () => {
      const e = assertTyError(() => match(data), { path: where }, TypeError);
      assert.ok(e.message.startsWith(`${where}: `), e.message);
      assert.match(e.message, kind);
    });
  }

  const valueCases = [
    [{ x: { y: NaN } }, 'data.x.y', 'event'],
    [{ x: Infinity }, 'data.x', 'event'],
    [{ x: [-Infinity] }, 'data.x[0]', 'event'],
    [{ x: 'ok \ud800' }, 'data.x', 'utf8'],
    [{ ['k\udc00']: 1 }, 'data.k\ufffd', 'utf8'],
    [{ a: { ['\u{1F600}x\ud800y']: [1] } }, 'data.a.\u{1F600}x\ufffdy', 'utf8'], // index 3, as Python
  ];
  for (const [data, where, reason] of valueCases) {
    test(`TY_EVENT at ${where}`, () => {
      const e = assertTyError(() => match(data), { code: 'TY_EVENT', reason, path: where });
      assert.ok(e.message.startsWith(`${where}: `), e.message);
    });
  }

  test('depth limit and cycles', () => {
    let deep = 'x';
    for (let i = 0; i < 70; i++) deep = [deep];
    assertTyError(() => match({ d: deep }), { code: 'TY_EVENT', reason: 'depth' });
    const cyclic = {};
    cyclic.self = cyclic;
    assertTyError(() => match(cyclic), { code: 'TY_EVENT', reason: 'depth' });
    const list = [];
    list.push(list);
    assertTyError(() => match({ list }), { code: 'TY_EVENT', reason: 'depth' });
    let ok = 'x';
    for (let i = 0; i < 60; i++) ok = [ok];
    match({ d: ok });
  });

  test('kinds of objects accepted', () => {
    const times = ['Tue 10:00', 'Tue 15:00'];
    const nullProto = Object.assign(Object.create(null), { times });
    const otherRealm = vm.runInNewContext('({times: ["Tue 10:00", "Tue 15:00"]})');
    const withGetter = { get times() { return times; } };
    const proxy = new Proxy({ times }, {});
    const withUndefined = { times, skipped: undefined };
    for (const data of [{ times }, nullProto, otherRealm, withGetter, proxy, withUndefined]) {
      assert.equal(mini.recognize('B', 'visit', { at: AT, data }).value, 'Tue 15:00');
    }
    // undefined properties are skipped; holes and undefined in arrays are
    // null: what JSON.stringify writes
    // eslint-disable-next-line no-sparse-arrays
    const sparse = { a: [1, , undefined, 2], b: undefined, c: { d: undefined } };
    assert.equal(ty._canonicalJson(sparse).toString(), '{"a":[1,null,null,2],"c":{}}');
    assert.equal(ty._canonicalJson(sparse).toString(), JSON.stringify(sparse));
  });

  test('exceptions thrown by getters propagate', () => {
    const data = { get times() { throw new RangeError('boom'); } };
    assert.throws(() => match(data), { name: 'RangeError', message: 'boom' });
    const proxy = new Proxy({}, { ownKeys() { throw new Error('keys boom'); } });
    assert.throws(() => match(proxy), /keys boom/);
  });

  test('a __proto__ key round-trips as data, never as a prototype', () => {
    const rt = ty._jsonRoundtrip('{"__proto__": {"polluted": 1}, "a": 2}');
    assert.deepEqual(Object.keys(rt), ['__proto__', 'a']);
    assert.equal(Object.getPrototypeOf(rt), Object.prototype);
    assert.equal(rt.polluted, undefined);
    assert.deepEqual(rt.__proto__, { polluted: 1 }); // eslint-disable-line no-proto
  });
});

// ---- value tapes: the JS walk against the native one -----------------------------------------

describe('value tapes', () => {
  // the whole value held: the native walk converts it instead of the JS one
  const nativeCj = (v) => ty._native._canonicalJson(...heldTape(v)).toString('utf8');
  const cj = (v) => ty._canonicalJson(v).toString('utf8');

  test('the JS walk and the native walk give the same bytes', () => {
    const values = [
      {}, [], null, true, false, 0, -0, 1.5, -1e-7, 1e300, 'é😀\u2028"\\\n\u0001',
      { b: 1, a: [true, null, 1.5, 'é'], c: { z: [], y: {} } },
      { '\uffff': 1, '\u{1F600}': 2, a: 3, 'é': 4, e: 5, 10: 6, 9: 7 },
      Object.assign(Object.create(null), { k: 'v', n: [1, [2, [3]]] }),
      JSON.parse('{"__proto__": {"x": 1}, "a": "b"}'),
      // eslint-disable-next-line no-sparse-arrays
      { skipped: undefined, list: [1, , undefined, 'x'] },
      { long: 'x'.repeat(100000), many: Array.from({ length: 3000 }, (_, i) => ({ i, s: `s${i}é` })) },
    ];
    let deep = 'x';
    for (let i = 0; i < 64; i++) deep = [deep];
    values.push(deep);
    for (const v of values) assert.equal(cj(v), nativeCj(v), JSON.stringify(v).slice(0, 80));
  });

  test('what the JS walk holds gets the native errors, at its place', () => {
    class Point { constructor() { this.x = 1; } }
    let tooDeep = 'x';
    for (let i = 0; i < 65; i++) tooDeep = [tooDeep];
    const cases = [
      [{ a: new Date(0) }, TypeError, { path: 'state.a' }],
      [{ a: [new Point()] }, TypeError, { path: 'state.a[0]' }],
      [{ a: () => 1 }, TypeError, { path: 'state.a' }],
      [{ a: NaN }, Error, { code: 'TY_STATE', path: 'state.a' }],
      [{ a: 'x\ud800' }, Error, { code: 'TY_STATE', reason: 'utf8', path: 'state.a' }],
      [{ ['\udc00']: 1 }, Error, { code: 'TY_STATE', reason: 'utf8' }],
      [tooDeep, Error, { code: 'TY_STATE', reason: 'depth' }],
    ];
    for (const [v, Kind, want] of cases) {
      const a = assertTyError(() => cj(v), want, Kind);
      const b = assertTyError(() => nativeCj(v), want, Kind);
      assert.equal(a.message, b.message);
    }
    // other realms and subclassed arrays are left to the native rules, which take them
    const other = vm.runInNewContext('({a: [1, {b: "c"}]})');
    assert.equal(cj(other), '{"a":[1,{"b":"c"}]}');
    class List extends Array {}
    assert.equal(cj({ l: List.from([1, 2]) }), '{"l":[1,2]}');
  });

  test('a malformed tape is a TypeError, never a wild read', () => {
    const tape = (...tokens) => new Float64Array(tokens).buffer;
    const bad = [
      [tape(99, 0), 1, ''], // unknown tag
      [tape(8, 0), 1, ''], // a held value, none held
      [tape(8, 1), 1, '', [1]], // a held index past the held values
      [tape(8, 0.5), 1, '', [1]],
      [tape(8, 0), 1, '', { 0: 1, length: 1 }], // held values not an array
      [tape(9, 0), 1, '', ['k']], // a held key where a value belongs
      [tape(6, 1, 9, 0, 0, 0), 3, '', [5]], // a held key that is not a string
      [tape(4, 5), 1, 'abc'], // a string longer than the joined text
      [tape(4, 1), 1, 'abc'], // joined text left over
      [tape(5, 3, 0, 0), 2, ''], // a list longer than its tokens
      [tape(6, 1, 4, 1, 0, 0), 3, 'k'], // a map entry without a KEY token
      [tape(3, NaN), 1, ''],
      [tape(4, 1.5), 1, 'ab'],
      [tape(5, -1), 1, ''],
      [tape(0, 0), 5, ''], // more tokens claimed than the buffer holds
      [tape(0, 0, 0, 0), 2, ''], // a second root
      [new ArrayBuffer(0), 0, ''], // no root
      [new Float64Array([0, 0]), 1, ''], // not an ArrayBuffer
      [tape(0, 0), 1, 5],
    ];
    for (const [meta, n, joined, held] of bad) {
      assert.throws(() => ty._native._canonicalJson(meta, n, joined, held), TypeError,
        `${new Float64Array(meta.buffer || meta)}`);
    }
    // a forged lone surrogate is read as U+FFFD, as V8 writes it
    assert.equal(ty._native._canonicalJson(tape(4, 2), 1, 'é😀'.slice(0, 2)).toString(), '"é\ufffd"');
    // held values are converted at their place, a held key as the entry's key
    assert.equal(ty._native._canonicalJson(tape(6, 2, 7, 1, 8, 0, 9, 1, 0, 0), 5, 'a', [[true], 'b']).toString(),
      '{"a":[true],"b":null}');
    const pb = new Playbook(MINI);
    assert.throws(() => pb._pb._step(tape(0, 0, 3, 1), 2, '', null), TypeError); // an event that is not an object
    assert.throws(() => pb._pb._step(tape(0, 0), 1, '', null), TypeError);
  });

  test('a getter that re-enters the library during a walk', () => {
    const pb = Playbook.default();
    const event = { type: 'message', at: AT, conversation: 'c' };
    Object.defineProperty(event, 'text', {
      enumerable: true,
      get() { return pb.step(null, { type: 'message', text: 'hi', at: AT, conversation: 'inner' }).state.conversation; },
    });
    const r = pb.step(null, event);
    assert.equal(r.state.turns[0].text, 'inner');
    assert.equal(cj({ get a() { return cj({ z: 1, y: 2 }); } }), '{"a":"{\\"y\\":2,\\"z\\":1}"}');
  });

  test('a getter runs once, even beside a value the native walk converts', () => {
    let runs = 0;
    const v = { get a() { runs += 1; return 1; }, when: new Date(0) };
    assert.throws(() => cj(v), TypeError);
    assert.equal(runs, 1);
    const w = { get a() { runs += 1; return [1, 'x\ud800']; } };
    assertTyError(() => cj(w), { code: 'TY_STATE', reason: 'utf8', path: 'state.a[1]' });
    assert.equal(runs, 2);
  });
});

// ---- canonical JSON (what state signatures cover) --------------------------------------

describe('canonical JSON', () => {
  const cj = (v) => ty._canonicalJson(v).toString('utf8');

  test('the same bytes as Python', () => {
    assert.ok(Buffer.isBuffer(ty._canonicalJson({})));
    assert.equal(cj({ b: 1, a: [true, null, 1.5, 'é'] }), '{"a":[true,null,1.5,"é"],"b":1}');
    assert.equal(cj({ b: { z: 1, y: 2 }, a: 0 }), '{"a":0,"b":{"y":2,"z":1}}');
    // keys sort by UTF-8 bytes (code points), not UTF-16 units as JS sorts
    assert.equal(cj({ '\uffff': 1, '\u{1F600}': 2, a: 3 }), '{"a":3,"\uffff":1,"\u{1F600}":2}');
    assert.equal(cj({ a: 1.0 }), '{"a":1}');
    assert.equal(cj({ a: 0.1 }), '{"a":0.1}');
    assert.equal(cj({ a: 1e21, b: -0, c: 5e-324 }), '{"a":1e+21,"b":0,"c":5e-324}');
    assert.equal(cj({ s: 'a"b\\c\n\u0001' }), JSON.stringify({ s: 'a"b\\c\n\u0001' }));
    // integer-like keys too (JS enumerates them first, in numeric order)
    assert.equal(cj({ b: 1, 10: 2, 9: 3 }), '{"10":2,"9":3,"b":1}');
    assert.throws(() => cj({ a: new Set() }), TypeError);
    assertTyError(() => cj({ a: NaN }), { code: 'TY_STATE', path: 'state.a' });
  });
});

// ---- threads and GC ---------------------------------------------------------------------

describe('runtime', () => {
  test('playbooks load, match and step in two workers at once', async () => {
    const code = `
      const { parentPort, workerData } = require('node:worker_threads');
      const { Playbook } = require(workerData.entry);
      const pb = new Playbook(workerData.mini);
      const dflt = Playbook.default({ secret: 'k' });
      const out = [];
      for (let i = 0; i < 300; i++) {
        for (const t of workerData.texts) {
          const m = pb.match(t, { at: workerData.at });
          const r = pb.recognize(t, 'service', { at: workerData.at });
          if (i === 0) out.push([m, r]);
        }
      }
      let state = null;
      const steps = [];
      for (const text of ['hi', 'A', 'a tune-up', 'friday', 'morning', 'Sam', 'yes']) {
        const res = dflt.step(state, { type: 'message', text, at: workerData.at, conversation: 'c-w' });
        state = JSON.parse(JSON.stringify(res.state));
        steps.push(res.actions);
      }
      parentPort.postMessage({ out, steps });`;
    const texts = ['I want a deep clean tomorrow', 'how much is it', 'stop', 'B', 'regular on friday'];
    const entry = path.join(repo, 'node');
    const run = (who) => new Promise((resolve, reject) => {
      const w = new Worker(code, { eval: true, workerData: { entry, who, mini: MINI, texts, at: AT } });
      w.once('message', resolve);
      w.once('error', reject);
      w.once('exit', (c) => { if (c !== 0) reject(new Error(`worker exit ${c}`)); });
    });
    const [a, b] = await Promise.all([run('w1'), run('w2')]);
    const mini = new Playbook(MINI);
    const want = texts.map((t) => [mini.match(t, { at: AT }), mini.recognize(t, 'service', { at: AT })]);
    assert.deepEqual(a.out, want);
    assert.deepEqual(b.out, want);
    assert.deepEqual(a.steps, b.steps);
    assert.ok(a.steps.flat().some((x) => x.type === 'close'), 'the booking completed');
  });

  test('playbooks are freed by GC (finalizers run, nothing crashes)', async () => {
    const gc = exposedGc();
    const live = ty._native._livePlaybooks;
    const tick = () => new Promise((resolve) => setTimeout(resolve, 1));
    const before = live();
    const text = JSON.stringify(MINI);
    for (let i = 0; i < 300; i++) {
      const pb = new Playbook(text);
      if (i % 50 === 0) {
        pb.match('deep clean tomorrow', { at: AT });
        await tick();
      }
    }
    assert.ok(live() > before);
    for (let k = 0; k < 20 && live() > before + 10; k++) {
      gc();
      await tick();
    }
    assert.ok(live() <= before + 10, `${live() - before} of 300 playbooks were never finalized`);
  });

  test('repeated calls do not grow memory', async () => {
    // the playbooks of the test before are finalized first: their freeing
    // is not this test's growth
    const gc = exposedGc();
    for (let k = 0; k < 5; k++) {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    const pb = new Playbook(MINI);
    const exercise = () => {
      pb.match('I want a deep clean tomorrow', { at: AT });
      pb.match('the second one', { expect: 'visit', at: AT, data: { times: ['10:00', '15:00'] } });
      pb.recognize('B', 'service', { at: AT });
      for (const bad of [() => pb.match('a\0', { at: AT }), () => pb.recognize('x', 'nope', { at: AT }),
        () => pb.match('x', { at: AT, data: { a: new Set() } }), () => pb.match('x', { at: AT, data: { a: NaN } })]) {
        try { bad(); } catch (_) { /* expected */ }
      }
    };
    // rss after 20000 more calls, the JS garbage collected; a leak grows
    // every window alike, while the heap may take one step of 16 MiB
    // (seen on a busy machine), so only a second window that grows too fails
    const window = () => {
      const rss0 = process.memoryUsage.rss();
      for (let i = 0; i < 20000; i++) exercise();
      gc();
      return process.memoryUsage.rss() - rss0;
    };
    for (let i = 0; i < 2000; i++) exercise();
    gc();
    const grown = window();
    const again = grown < 16 << 20 ? 0 : window();
    assert.ok(grown < 16 << 20 || again < 16 << 20, `rss grew by ${grown} bytes, then by ${again}`);
  });
});
