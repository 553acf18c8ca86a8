// flow.test.js — Node binding tests for conversation flows (node:test).
//
// Runs the shared conversation vectors (tests/vectors/conversations/*.json)
// exactly: each step fed the previous step's state, its actions, events and
// state compared byte for byte (key order included); again with the state
// stored as JSON text between steps and signed. Then state signing (round
// trip, key reordering, tampering, unsigned and foreign states, the
// signature pinned by the Python suite), TY_STATE / TY_EVENT errors with
// their paths, Dates as event times, long conversations, and the chat CLI
// (node/cli.js) through a pipe, including the same scripts through the
// Python CLI with the transcripts compared (skipped without the Python
// package).
'use strict';

const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const repo = path.resolve(__dirname, '..', '..');
const ty = require(path.join(repo, 'node'));
const cli = require(path.join(repo, 'node', 'cli.js'));
const { Playbook } = ty;
const conversationsDir = path.join(repo, 'tests', 'vectors', 'conversations');

const AT = 1795000000;
const SECRET = 'tinyyes-test-secret';

function load(doc, options) {
  return doc.playbook === 'default' ? Playbook.default(options) : new Playbook(doc.playbook, options);
}

const { assertTyError, heldTape } = require('./helpers');

const clone = (v) => JSON.parse(JSON.stringify(v));

// ---- shared vectors ---------------------------------------------------------------

describe('vectors: tests/vectors/conversations', () => {
  const files = fs.existsSync(conversationsDir)
    ? fs.readdirSync(conversationsDir).filter((f) => f.endsWith('.json')).sort() : [];
  if (!files.length) {
    test('vectors', { skip: 'no vectors in tests/vectors/conversations yet' }, () => {});
    return;
  }
  for (const file of files) {
    const doc = JSON.parse(fs.readFileSync(path.join(conversationsDir, file), 'utf8'));

    test(file, () => {
      const pb = load(doc);
      let state = null;
      doc.steps.forEach((step, i) => {
        const before = clone(state);
        const got = pb.step(state, step.event);
        assert.deepEqual(state, before, `step ${i} changed its input state`);
        assert.deepEqual(Object.keys(got), Object.keys(step.expected)); // "duplicate" only for a redelivered event
        for (const key of Object.keys(step.expected)) {
          assert.equal(JSON.stringify(got[key]), JSON.stringify(step.expected[key]), `step ${i}: ${key} differ`);
        }
        state = got.state;
      });
    });

    test(`${file} through the native converter`, () => {
      // the raw _step with both values held, so the native walk converts
      // them whole instead of the JS one: the same bytes
      const pb = load(doc);
      let state = null;
      doc.steps.forEach((step, i) => {
        const got = pb._pb._step(...heldTape(state, step.event));
        assert.equal(JSON.stringify(got), JSON.stringify(step.expected), `step ${i} differs`);
        state = got.state;
      });
    });

    test(`${file} through JSON and signing`, () => {
      // the state stored as JSON text between steps (as a web app does) and
      // signed: the same actions and events, and the same state plus its sig
      const pb = load(doc);
      const signed = load(doc, { secret: SECRET });
      let stored = null;
      doc.steps.forEach((step, i) => {
        const got = signed.step(stored === null ? null : JSON.parse(stored), step.event);
        const { sig } = got.state;
        assert.match(sig, /^[0-9a-f]{64}$/);
        delete got.state.sig;
        for (const key of ['actions', 'events', 'state']) {
          assert.equal(JSON.stringify(got[key]), JSON.stringify(step.expected[key]), `step ${i}: ${key} differ`);
        }
        got.state.sig = sig;
        stored = JSON.stringify(got.state);
      });
      assert.deepEqual(pb.stats(), signed.stats());
    });

    test(`${file} through stepJson`, () => {
      // the state kept as text by the core itself, plain and signed: the
      // same actions and events, the state text JSON.stringify(state) gives,
      // and a signed text that is the plain one plus its "sig"
      const pb = load(doc);
      const signed = load(doc, { secret: SECRET });
      let stored = null, storedSigned = null;
      doc.steps.forEach((step, i) => {
        const got = pb.stepJson(stored, step.event);
        const gotSigned = signed.stepJson(i % 2 ? Buffer.from(storedSigned) : storedSigned, step.event);
        assert.equal(typeof got.state, 'string');
        assert.equal(got.state, JSON.stringify(step.expected.state), `step ${i}: state text`);
        const withSig = JSON.parse(gotSigned.state);
        assert.match(withSig.sig, /^[0-9a-f]{64}$/);
        delete withSig.sig;
        assert.equal(JSON.stringify(withSig), got.state, `step ${i}: signed state text`);
        for (const key of Object.keys(step.expected)) {
          if (key === 'state') continue;
          assert.equal(JSON.stringify(got[key]), JSON.stringify(step.expected[key]), `step ${i}: ${key} differ`);
          assert.equal(JSON.stringify(gotSigned[key]), JSON.stringify(step.expected[key]), `step ${i}: signed ${key}`);
        }
        stored = got.state;
        storedSigned = gotSigned.state;
      });
    });
  }
});

describe('stepJson: tests/vectors/state_text.json', () => {
  const doc = JSON.parse(fs.readFileSync(path.join(repo, 'tests', 'vectors', 'state_text.json'), 'utf8'));
  const pb = Playbook.default();
  for (const c of doc.tests) {
    test(c.name, () => {
      for (const source of [c.source, Buffer.from(c.source, 'utf8')]) {
        if (c.status !== undefined) {
          assert.equal(JSON.parse(pb.stepJson(source, doc.event).state).status, c.status);
          continue;
        }
        assert.throws(() => pb.stepJson(source, doc.event), (e) => {
          assert.deepEqual([e.code, e.reason, e.path, e.message], [c.error.code, c.error.reason, c.error.path, c.error.message]);
          assert.deepEqual([e.line, e.col], [c.error.line, c.error.col]);
          return e instanceof ty.StateError;
        });
      }
    });
  }

  test('limits, types and signatures', () => {
    const signed = Playbook.default({ secret: SECRET });
    const event = { type: 'message', text: 'hi', at: AT, conversation: 't' };
    // over the state limit: refused before any copy (a string) or read (a Buffer)
    for (const big of [' '.repeat(ty.limits.stateMaxBytes + 1), Buffer.alloc(ty.limits.stateMaxBytes + 1, 32)]) {
      assert.throws(() => pb.stepJson(big, event), (e) => e.reason === 'limit' && /65537 bytes/.test(e.message));
    }
    for (const bad of [5, { v: 1 }, ['{}'], true]) {
      assert.throws(() => pb.stepJson(bad, event), (e) => e instanceof TypeError && /stepJson\(\) state must be the stored JSON text/.test(e.message));
    }
    assert.throws(() => pb.stepJson(Buffer.from([0x7b, 0x22, 0xff]), event), /not valid UTF-8/);
    assert.throws(() => pb.stepJson(null, null), /event must be an object/);
    const first = signed.stepJson(null, event).state;
    const plain = pb.stepJson(undefined, event).state;
    const again = { ...event, text: 'book a service', at: AT + 5 };
    assert.match(JSON.parse(signed.stepJson(first, again).state).sig, /^[0-9a-f]{64}$/);
    const sig = JSON.parse(first).sig;
    for (const [text, words] of [[plain, /missing/], [first.replace('"hi"', '"ho"'), /does not match/],
      [first.replace(sig, '0'.repeat(64)), /does not match/], [`${first.slice(0, -1)},"x":1}`, /does not match/],
      [JSON.stringify({ ...JSON.parse(first), sig: 5 }), /must be a hex string/]]) {
      assert.throws(() => signed.stepJson(text, again), (e) => words.test(e.message) && e.reason === 'signature' && e.path === 'state.sig');
    }
    // a text signed here verifies through step() and the other way round
    assert.ok(signed.step(JSON.parse(first), again).state.sig);
    const viaStep = JSON.stringify(signed.step(null, event).state);
    assert.equal(JSON.parse(signed.stepJson(viaStep, again).state).status, 'active');
    assert.equal(JSON.parse(signed.stepJson(first, { ...again, at: new Date((AT + 9) * 1000) }).state).last_at, AT + 9);
  });
});

// ---- signing ----------------------------------------------------------------------

// The Python suite pins the same state, canonical bytes and signature
// (tests/python/test_flow.py): a state signed in one language verifies in
// the other.
const PINNED_STATE = {
  v: 1, playbook: 'ac1cf997be986c91', conversation: 'c-42', channel: 'whatsapp', status: 'active',
  intent: 'book', flow: 'booking', step: 'pick',
  slots: { service: { id: 'color', title: 'Colour' }, day: '2026-11-19' },
  options: null, stack: [], asked_at: 1795000000, reprompts: 0, followups: 0, due: 1795014400,
  utc_offset: 3600, last_at: 1795000000,
  turns: [{ from: 'customer', text: 'Caf\u00e9 \u{1F600} at 3.5', at: 1795000000 }], score: 0.25,
};
const PINNED_CANONICAL =
  '{"asked_at":1795000000,"channel":"whatsapp","conversation":"c-42","due":1795014400,"flow":"booking",' +
  '"followups":0,"intent":"book","last_at":1795000000,"options":null,"playbook":"ac1cf997be986c91",' +
  '"reprompts":0,"score":0.25,"slots":{"day":"2026-11-19","service":{"id":"color","title":"Colour"}},' +
  '"stack":[],"status":"active","step":"pick","turns":[{"at":1795000000,"from":"customer",' +
  '"text":"Caf\u00e9 \u{1F600} at 3.5"}],"utc_offset":3600,"v":1}';
const PINNED_SIG = 'fb7ee46a52baa34c7f1458eca1acd4d1dbbef8710ca2fbc29d627ef34716e90e';

const hi = (at = AT, text = 'hi') => ({ type: 'message', text, at, conversation: 'c-1' });

describe('signing', () => {
  const signed = Playbook.default({ secret: SECRET });

  test('the pinned signature (the same as Python\'s)', () => {
    assert.equal(ty._canonicalJson(PINNED_STATE).toString('utf8'), PINNED_CANONICAL);
    const crypto = require('node:crypto');
    assert.equal(crypto.createHmac('sha256', SECRET).update(PINNED_CANONICAL).digest('hex'), PINNED_SIG);
    const pb = new Playbook({ tinyyes: 1 }, { secret: SECRET });
    assert.equal(pb.sign(PINNED_STATE).sig, PINNED_SIG);
    assert.equal(pb.sign({ ...PINNED_STATE, sig: 'stale' }).sig, PINNED_SIG); // an old sig is not covered
    assert.equal(new Playbook({ tinyyes: 1 }, { secret: Buffer.from(SECRET) }).sign(PINNED_STATE).sig, PINNED_SIG);
    // key order does not matter
    const reversed = Object.fromEntries(Object.entries(PINNED_STATE).reverse());
    assert.equal(pb.sign(reversed).sig, PINNED_SIG);
  });

  test('a signed round trip', () => {
    const r1 = signed.step(null, hi());
    const st = r1.state;
    assert.match(st.sig, /^[0-9a-f]{64}$/);
    assert.equal(Object.keys(st).at(-1), 'sig');
    const r2 = signed.step(st, hi(AT + 10, 'A'));
    assert.notEqual(r2.state.sig, st.sig);
    // the unsigned playbook gives the same result, minus the signature
    const plain = Playbook.default();
    const p1 = plain.step(null, hi());
    assert.ok(!('sig' in p1.state));
    const p2 = plain.step(p1.state, hi(AT + 10, 'A'));
    delete r2.state.sig;
    assert.deepEqual(r2, p2);
  });

  test('step signs the same bytes as sign() (native and JS canonical JSON agree)', () => {
    let state = null;
    const script = ["I'd like to book a full service for friday", 'how much is it? £', 'morning', 'Zoë 😀', 'yes'];
    script.forEach((text, i) => {
      const r = signed.step(state, { type: 'message', text, at: AT + 20 * i, conversation: 'c-é' });
      assert.equal(r.state.sig, signed.sign(r.state).sig, `step ${i}`);
      assert.equal(Object.keys(r.state).at(-1), 'sig');
      state = JSON.parse(JSON.stringify(r.state));
    });
    // a state from another realm takes the native converter, hooks included
    const vm = require('node:vm');
    const first = signed.step(null, hi());
    const foreign = vm.runInNewContext(`(${JSON.stringify(first.state)})`);
    const r = signed.step(foreign, hi(AT + 10, 'A'));
    assert.equal(r.state.sig, signed.sign(r.state).sig);
    foreign.status = 'closed';
    assertTyError(() => signed.step(foreign, hi(AT + 10, 'A')), { code: 'TY_STATE', reason: 'signature' });
  });

  test('the raw verify and sign hooks', () => {
    const raw = Playbook.default()._pb;
    const st = raw._step(...heldTape(null, hi())).state;
    let seen = null;
    let verified = null;
    const r = raw._step(...heldTape(st, hi(AT + 10, 'A')), (c) => { verified = c; },
      (c) => { seen = c; return 'abc'; });
    assert.ok(Buffer.isBuffer(verified) && Buffer.isBuffer(seen));
    assert.equal(verified.toString(), ty._canonicalJson(st).toString());
    assert.equal(r.state.sig, 'abc');
    const { sig, ...rest } = r.state;
    assert.equal(seen.toString(), ty._canonicalJson(rest).toString());
    // a throwing verify stops the step before the core sees the state
    const later = () => heldTape(st, hi(AT + 10, 'A'));
    assert.throws(() => raw._step(...later(), () => { throw new RangeError('no'); }), /^RangeError: no$/);
    assert.throws(() => raw._step(...later(), null, () => 5), /must return the signature as a string/);
    assert.throws(() => raw._step(...later(), 'x'), /must be functions/);
    assert.throws(() => raw._step(...later(), undefined, () => { throw new Error('sign boom'); }), /sign boom/);
    // a sig already in the state is not covered
    const again = raw._step(...heldTape({ ...st, sig: 'old' }, hi(AT + 10, 'A')), (c) => { verified = c; });
    assert.equal(verified.toString(), ty._canonicalJson(st).toString());
    assert.ok(!('sig' in again.state));
  });

  test('a signature survives key reordering', () => {
    const st = signed.step(null, hi()).state;
    // PostgreSQL jsonb (and others) give keys back in their own order
    const reordered = Object.fromEntries(Object.entries(st).sort(([a], [b]) => (a < b ? 1 : -1)));
    signed.step(reordered, hi(AT + 10, 'A'));
  });

  const tampers = {
    status: (s) => { s.status = 'closed'; },
    turns: (s) => { s.turns.push({ from: 'customer', text: 'x', at: AT }); },
    last_at: (s) => { s.last_at -= 1; },
    'sig digit': (s) => { s.sig = s.sig.slice(0, -1) + (s.sig.at(-1) !== '0' ? '0' : '1'); },
    'sig upper case': (s) => { s.sig = s.sig.toUpperCase(); },
    'extra key': (s) => { s.extra = 1; },
  };
  for (const [name, tamper] of Object.entries(tampers)) {
    test(`a tampered state is rejected: ${name}`, () => {
      const st = signed.step(null, hi()).state;
      tamper(st);
      const e = assertTyError(() => signed.step(st, hi(AT + 10, 'A')),
        { code: 'TY_STATE', reason: 'signature', path: 'state.sig' });
      assert.match(e.message, /altered/);
    });
  }

  test('unsigned or foreign-signed states are rejected', () => {
    const plain = Playbook.default().step(null, hi()).state;
    const e = assertTyError(() => signed.step(plain, hi(AT + 10, 'A')), { code: 'TY_STATE', reason: 'signature' });
    assert.match(e.message, /unsigned/);
    const other = Playbook.default({ secret: 'another secret' }).step(null, hi()).state;
    assertTyError(() => signed.step(other, hi(AT + 10, 'A')), { code: 'TY_STATE', reason: 'signature' });
    assertTyError(() => signed.step({ ...plain, sig: 12 }, hi(AT + 10, 'A')), { code: 'TY_STATE', reason: 'signature' });
    assertTyError(() => signed.step({ ...plain, sig: 'caf\u00e9' }, hi(AT + 10, 'A')), { code: 'TY_STATE' });
    assertTyError(() => signed.step({ ...plain, sig: null }, hi(AT + 10, 'A')), { code: 'TY_STATE' });
    assert.throws(() => signed.step('state', hi(AT + 10, 'A')), TypeError);
    assert.throws(() => signed.step([plain], hi(AT + 10, 'A')), TypeError);
  });

  test('an unsigned playbook passes states through', () => {
    const pb = Playbook.default();
    const st = pb.step(null, hi()).state;
    pb.step({ ...st, sig: 'whatever' }, hi(AT + 10, 'A')); // a sig from elsewhere is ignored, not checked
    assert.throws(() => pb.sign(st), /no secret/);
  });

  test('secret types', () => {
    for (const bad of [1, {}, [1], true]) assert.throws(() => new Playbook({ tinyyes: 1 }, { secret: bad }), TypeError);
    for (const empty of ['', Buffer.alloc(0)]) {
      assert.throws(() => new Playbook({ tinyyes: 1 }, { secret: empty }), RangeError);
    }
    assert.ok(new Playbook({ tinyyes: 1 }, { secret: new Uint8Array([1]) }).signed);
    assert.ok(new Playbook({ tinyyes: 1 }, { secret: 'k' }).signed);
    assert.ok(!new Playbook({ tinyyes: 1 }).signed);
    assert.ok(Playbook.default({ secret: 'k' }).signed && !Playbook.default().signed);
    // the secret is copied: changing the caller's buffer later changes nothing
    const key = Buffer.from(SECRET);
    const pb = new Playbook({ tinyyes: 1 }, { secret: key });
    key.fill(0);
    assert.equal(pb.sign(PINNED_STATE).sig, PINNED_SIG);
  });
});

// ---- state and event errors ----------------------------------------------------------

describe('state and event errors', () => {
  const pb = Playbook.default();
  const state1 = pb.step(null, hi()).state;

  const badEvents = [
    [{ text: 'hi', at: AT }, 'event.type'],
    [{ type: 'message', text: 'hi' }, 'event.at'],
    [{ type: 'message', at: AT }, 'event.text'],
    [{ type: 'shout', text: 'hi', at: AT }, 'event.type'],
    [{ type: 'message', text: 'hi', at: -5 }, 'event.at'],
    [{ type: 'message', text: 'hi', at: 1.5 }, 'event.at'],
    [{ type: 'message', text: 'hi', at: AT, data: [1] }, 'event.data'],
    [{ type: 'message', text: 'hi', at: AT, data: 'x' }, 'event.data'],
    [{ type: 'tick', text: 'hi', at: AT }, 'event.text'],
    [{ type: 'message', text: 'hi', at: AT, colour: 'red' }, 'event.colour'],
    [{ type: 'message', text: 5, at: AT }, 'event.text'],
    [{ type: 'message', text: 'hi', at: AT, utc_offset: '+25:00' }, 'event.utc_offset'],
    [{ type: 'message', text: 'hi', at: NaN }, 'event.at'],
  ];
  for (const [event, where] of badEvents) {
    test(`bad event: ${JSON.stringify(event)}`, () => {
      assertTyError(() => pb.step(null, event), { code: 'TY_EVENT', path: where });
    });
  }

  test('limits of event text', () => {
    assertTyError(() => pb.step(null, hi(AT, 'a\0b')), { code: 'TY_EVENT', reason: 'nul' });
    assertTyError(() => pb.step(null, hi(AT, 'x'.repeat(1 << 20))), { code: 'TY_EVENT', reason: 'limit' });
    assertTyError(() => pb.step(null, hi(AT, '\udcff')), { code: 'TY_EVENT', reason: 'utf8', path: 'event.text' });
  });

  test('argument types', () => {
    assert.throws(() => pb.step(null, 'hi'), /event must be an object/);
    assert.throws(() => pb.step(null, [hi()]), /event must be an object/);
    assert.throws(() => pb.step(null), /event must be an object/);
    assert.throws(() => pb.step([1], hi()), /state must be an object/);
    assert.throws(() => pb.step(5, hi()), /state must be an object/);
    assertTyError(() => pb.step(null, { ...hi(), data: { x: new Set() } }), { path: 'event.data.x' }, TypeError);
    assertTyError(() => pb.step(null, { ...hi(), at: 1n }), { path: 'event.at' }, TypeError);
  });

  test('an event time as a Date', () => {
    assert.deepEqual(pb.step(null, { ...hi(), at: new Date(AT * 1000) }), pb.step(null, hi()));
    assert.deepEqual(pb.step(null, { ...hi(), at: new Date(AT * 1000 + 999) }), pb.step(null, hi()));
    assert.throws(() => pb.step(null, { ...hi(), at: new Date('x') }), RangeError);
    const ev = { ...hi(), at: new Date(AT * 1000) };
    pb.step(null, ev);
    assert.ok(ev.at instanceof Date, 'the caller\'s event is left as it was');
  });

  test('time going backwards', () => {
    assertTyError(() => pb.step(state1, hi(AT - 1, 'A')), { code: 'TY_EVENT', path: 'event.at' });
  });

  const badStates = [
    [(s) => { s.v = 2; }, 'state.v'],
    [(s) => { delete s.status; }, 'state.status'],
    [(s) => { s.status = 'dancing'; }, 'state.status'],
    [(s) => { s.slots = []; }, 'state.slots'],
    [(s) => { s.bogus = 1; }, 'state.bogus'],
    [(s) => { s.playbook = '0000000000000000'; }, 'state.playbook'],
    [(s) => { s.turns = 'x'; }, 'state.turns'],
    [(s) => { s.check = 'maybe'; }, 'state.check'],
    [(s) => { s.check_intent = 'human'; }, 'state.check_intent'],
  ];
  for (const [change, where] of badStates) {
    test(`bad state: ${where}`, () => {
      const st = clone(state1);
      change(st);
      assertTyError(() => pb.step(st, hi(AT + 10, 'A')), { code: 'TY_STATE', path: where });
    });
  }

  test('a state from another playbook', () => {
    const other = new Playbook({ tinyyes: 1, intents: { hi: { examples: ['hi', 'hello'], say: 'hey' } },
      templates: { hey: 'Hello! Want to book?' } });
    assertTyError(() => other.step(state1, hi(AT + 10)), { code: 'TY_STATE', path: 'state.playbook' });
  });

  test('a huge state', () => {
    const st = clone(state1);
    st.turns = Array(400).fill({ from: 'customer', text: 'x'.repeat(400), at: AT });
    const e = assertTyError(() => pb.step(st, hi(AT + 10, 'A')), { code: 'TY_STATE' });
    assert.ok(['limit', 'state'].includes(e.reason), e.reason);
  });

  test('a state that is not JSON', () => {
    assertTyError(() => pb.step({ ...state1, due: NaN }, hi(AT + 10, 'A')), { code: 'TY_STATE', path: 'state.due' });
    assertTyError(() => pb.step({ ...state1, slots: new Map() }, hi(AT + 10, 'A')), { path: 'state.slots' }, TypeError);
    const deep = { ...state1 };
    let x = {};
    deep.slots = x;
    for (let i = 0; i < 80; i++) x = x.a = {};
    assertTyError(() => pb.step(deep, hi(AT + 10, 'A')), { code: 'TY_STATE', reason: 'depth' });
  });

  test('a long conversation (10,000 events)', () => {
    let state = null;
    let at = AT;
    const texts = ['A', 'tomorrow', 'maybe', 'what are your prices', 'hi'];
    for (let i = 0; i < 10000; i++) {
      at += 7;
      const ev = i % 3 ? hi(at, texts[i % 5]) : { type: 'tick', at };
      state = pb.step(state, ev).state;
    }
    assert.ok(JSON.stringify(state).length < ty.limits.stateMaxBytes);
    assert.ok(state.turns.length <= 10);
  });

  test('a JSON round trip of the state on every step changes nothing', () => {
    const script = ["I'd like to book a full service for friday", 'morning', 'what are your prices', 'Sam', 'yes'];
    let direct = null;
    let stored = null;
    script.forEach((text, i) => {
      const ev = { type: 'message', text, at: AT + 20 * i, conversation: 'rt' };
      const a = pb.step(direct, ev);
      const b = pb.step(stored === null ? null : JSON.parse(stored), ev);
      assert.equal(JSON.stringify(b), JSON.stringify(a));
      direct = a.state;
      stored = JSON.stringify(b.state);
    });
  });

  test('repeated steps do not grow memory', () => {
    const signed = Playbook.default({ secret: SECRET });
    const script = ["I'd like to book a full service for friday", 'morning', 'Sam', 'yes'];
    const run = () => {
      let state = null;
      script.forEach((text, i) => {
        state = signed.step(state, { type: 'message', text, at: AT + 20 * i, conversation: 'leak' }).state;
      });
      try { signed.step({ ...state, status: 'x' }, hi(AT + 999)); } catch (_) { /* expected */ }
      try { signed.step(null, { type: 'nope', at: AT }); } catch (_) { /* expected */ }
    };
    for (let i = 0; i < 300; i++) run();
    const rss0 = process.memoryUsage.rss();
    for (let i = 0; i < 3000; i++) run();
    const grown = process.memoryUsage.rss() - rss0;
    assert.ok(grown < 16 << 20, `rss grew by ${grown} bytes`);
  });
});

// ---- the chat CLI -----------------------------------------------------------------------

const cliPath = path.join(repo, 'node', 'cli.js');

function runCli(args, input = '') {
  const r = spawnSync(process.execPath, [cliPath, ...args], { input, encoding: 'utf8', timeout: 60000 });
  if (r.error) throw r.error;
  return r;
}

const TRANSCRIPT_SCRIPT = [
  '/note a booking',
  "I'd like to book a full service for friday",
  'B',
  'how much is a tune-up?',
  '/wait 4h',
  '/wait 1d',
  '/wait 2d',
  'stop',
  '/wait 1d',
  'hello?',
  '/quit',
  'never read',
].join('\n') + '\n';

const HANDOFF_SCRIPT = "I'd like to book a tune-up\ncan I talk to a person\nhello?\n/resume\n/state\n";

const SALON = {
  tinyyes: 1, name: 'Tiny Salon',
  intents: { book: { examples: ['book a haircut', 'I want an appointment'], flow: 'booking' } },
  slots: { visit: { type: 'choice', options_from: 'times' } },
  templates: { ask: 'I have {{#options}}{{title}}{{^last}} or {{/last}}{{/options}}. Which one?',
    done: 'Booked for {{visit.title}}. See you then!' },
  flows: { booking: { steps: [{ id: 'pick', ask: 'visit', say: 'ask' },
    { id: 'ok', say: 'done', end: 'completed' }] } },
};

describe('chat CLI', () => {
  test('--version', () => {
    const r = runCli(['--version']);
    assert.equal(r.status, 0);
    assert.equal(r.stdout.trim(), `tinyyes ${ty.version}`);
  });

  test('help, and no command', () => {
    let r = runCli([]);
    assert.equal(r.status, 2);
    assert.match(r.stdout, /chat/);
    r = runCli(['chat', '--help']);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /\/wait/);
    r = runCli(['nope']); // (lint and audit are commands now: tests/node/lint.test.js, audit.test.js)
    assert.equal(r.status, 2);
    assert.match(r.stderr, /invalid choice: 'nope' \(choose from 'chat', 'lint', 'audit'\)/);
    r = runCli(['chat', '--bogus']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /usage: /);
    r = runCli(['chat', 'a.json', 'b.json']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /unrecognized arguments: b\.json/);
  });

  test('a chat transcript', () => {
    const r = runCli(['chat'], TRANSCRIPT_SCRIPT);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.split('\n');
    assert.equal(lines[0], 'tinyyes chat with Northbank Bike Workshop (the default playbook)');
    assert.ok(lines.includes('# a booking'));
    assert.ok(lines.includes("> I'd like to book a full service for friday"));
    assert.ok(lines.includes('     [A] Morning  [B] Afternoon'));
    const i = lines.indexOf('> B');
    assert.ok(i > 0);
    assert.ok(lines[i + 1].startsWith('bot: ') && lines[i + 1].includes('name'), lines[i + 1]);
    assert.ok(lines.includes('... 4h later: Tue 24 Nov 14:00'));
    assert.ok(lines.includes('[Tue 24 Nov 14:00]'));
    assert.ok(lines.includes('--- conversation closed: no_response ---'));
    assert.ok(lines.includes('--- opted out: no more messages unless the customer sends START ---'));
    // after the opt-out the bot says nothing at all
    const tail = lines.slice(lines.indexOf('> hello?') + 1);
    assert.deepEqual(tail.filter((l) => l.startsWith('bot:')), []);
    assert.ok(!r.stdout.includes('never read'));
  });

  test('a handoff and /resume', () => {
    const r = runCli(['chat'], HANDOFF_SCRIPT);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.split('\n');
    const i = lines.indexOf('--- handed off to a person (requested) ---');
    assert.ok(i > 0);
    assert.ok(lines.slice(i + 1, i + 5).some((l) => l.trim().startsWith('Known:') || l.includes('Tune-up')));
    assert.ok(!lines[lines.indexOf('> hello?') + 1].startsWith('bot:'));
    assert.ok(lines.includes('--- a person hands the chat back to the bot ---'));
    const state = JSON.parse(r.stdout.slice(r.stdout.indexOf('> /state') + '> /state'.length));
    assert.equal(state.status, 'active');
    assert.equal(state.conversation, 'chat-1');
  });

  test('a playbook file, --data, and errors', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tinyyes-cli-'));
    try {
      const file = path.join(dir, 'pb.json');
      fs.writeFileSync(file, JSON.stringify(SALON));
      let r = runCli(['chat', file, '--data', '{"times": ["10:00", "15:30"]}'], 'book a haircut\nthe second one\n');
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /tinyyes chat with Tiny Salon/);
      assert.ok(r.stdout.includes('     [A] 10:00  [B] 15:30'));
      assert.ok(r.stdout.includes('bot: Booked for 15:30. See you then!'));
      assert.ok(r.stdout.includes('--- conversation closed: completed ---'));

      const bad = path.join(dir, 'bad.json');
      fs.writeFileSync(bad, '{"tinyyes": 1, "intentz": {}}');
      r = runCli(['chat', bad]);
      assert.equal(r.status, 1);
      assert.match(r.stderr, /intentz/);
      r = runCli(['chat', path.join(dir, 'missing.json')]);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /cannot read .*No such file or directory/);
      r = runCli(['chat', '--data', '[1]']);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /--data must be a JSON object/);
      r = runCli(['chat', '--utc-offset', '+99:00']);
      assert.equal(r.status, 2);
      r = runCli(['chat'], `/wait soon\n/frobnicate\n${'x'.repeat(70000)}\n`);
      assert.equal(r.status, 0);
      assert.ok(r.stdout.includes("error: not a duration: 'soon' (try 90s, 15m, 4h or 2d)"));
      assert.ok(r.stdout.includes('error: unknown command /frobnicate (try /help)'));
      assert.ok(r.stdout.includes('error: event.text'), r.stdout.slice(-300));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('in process', async () => {
    // durations, clock and Python's way of writing values are the core's
    // (csrc/src/chat.c, tests/c/test_cli.c, tests/vectors/cli.json)
    let said = '';
    await cli.main(['chat'], { input: '/wait 93784\n/wait 15 m\n/wait 4x\n/wait 4h x\n/q\n', write: (s) => { said += s; } });
    assert.ok(said.includes('... 1d2h3m4s later: Wed 25 Nov 12:03'), said);
    assert.ok(said.includes('... 15m later: Wed 25 Nov 12:18'), said);
    assert.ok(said.includes("error: not a duration: '4x' (try 90s, 15m, 4h or 2d)"), said);
    assert.ok(said.includes("error: not a duration: '4h x'"), said);
    assert.equal(cli.pyRepr("it's"), '"it\'s"');
    assert.equal(cli.pyRepr('a\tb\u0001'), "'a\\tb\\x01'");
    let out = '';
    const code = await cli.main(['chat'], { input: 'hi\n/quit\n', write: (s) => { out += s; } });
    assert.equal(code, 0);
    assert.ok(out.includes('> hi') && out.includes('bot: '), out);
  });
});

// ---- the same scripts through the Python CLI -------------------------------------------

// The Python interpreter with the tinyyes package (TINYYES_PYTHON, else the
// repository's .venv), or a reason to skip.
function findPython() {
  const python = process.env.TINYYES_PYTHON || path.join(repo, '.venv', 'bin', 'python');
  if (!fs.existsSync(python)) return { skip: `no Python at ${python} (make deps, or set TINYYES_PYTHON)` };
  const r = spawnSync(python, ['-c', 'import tinyyes._tinyyes as m; print(m.__file__)'], { encoding: 'utf8' });
  if (r.status !== 0) return { skip: `the tinyyes Python package is not installed for ${python} (make build-python)` };
  // a package built from an older core gives other transcripts: not a Node bug
  const built = fs.statSync(r.stdout.trim()).mtimeMs;
  const core = [path.join(repo, 'csrc', 'tinyyes.c'), path.join(repo, 'csrc', 'include', 'tinyyes.h'),
    ...fs.readdirSync(path.join(repo, 'csrc', 'src')).map((f) => path.join(repo, 'csrc', 'src', f))];
  const newest = Math.max(...core.map((f) => fs.statSync(f).mtimeMs));
  if (built < newest) return { skip: 'the installed Python package is older than csrc/ (make build-python)' };
  return { python };
}

describe('the same transcript from the Python and the Node CLI', () => {
  const found = findPython();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tinyyes-both-'));
  const salon = path.join(dir, 'salon.json');
  fs.writeFileSync(salon, JSON.stringify(SALON));
  const stopScript = 'what are your prices\nSTOP\n/wait 2d\nare you there?\nSTART\n';
  const oddScript = '/wait soon\n/\n/Help\n/wait  90s\n/wait 1h30m\n/resume\n/state\nhi\n/state\n\n   \n' +
    "  /note spaced\n/note\nI'd like to book a full service for saturday\ncan I talk to a person\n" +
    '/state\n/resume\n' + 'é'.repeat(40000) + '\n';
  const cases = [
    ['booking, follow-ups, opt-out', ['chat'], TRANSCRIPT_SCRIPT],
    ['handoff and resume', ['chat'], HANDOFF_SCRIPT],
    ['verbose, another clock', ['chat', '-v', '--utc-offset', '+05:30', '--start', '2026-12-01T08:00:00+01:00',
      '--conversation', 'zz', '--channel', 'sms'], HANDOFF_SCRIPT + TRANSCRIPT_SCRIPT],
    ['opt-out and START', ['chat', '--conversation', 'alex'], stopScript],
    ['odd input', ['chat', '-v'], oddScript],
    ['a playbook file with --data', ['chat', salon, '--data', '{"times": ["10:00", "15:30"]}', '-v'],
      'book a haircut\nthe fourth one\nthe second one\n/wait 1d\n'],
  ];
  for (const [name, args, input] of cases) {
    test(name, found.skip ? { skip: found.skip } : {}, () => {
      const node = runCli(args, input);
      const py = spawnSync(found.python, ['-m', 'tinyyes', ...args], {
        input, encoding: 'utf8', timeout: 60000, env: { ...process.env, PYTHONIOENCODING: 'utf-8' },
      });
      assert.equal(node.status, py.status, `${node.stderr}\n${py.stderr}`);
      assert.ok(node.stdout.split('\n').length > 4, node.stdout);
      assert.equal(node.stdout, py.stdout);
    });
  }
  test('cleanup', () => fs.rmSync(dir, { recursive: true, force: true }));
});

test('a late event is an EventError with reason late; a redelivered one is a duplicate', () => {
  const pb = ty.Playbook.default();
  const { state } = pb.step(null, { type: 'message', text: 'hi', at: 1795000100, id: 'm1' });
  assert.deepEqual(state.seen, ['m1']);
  const again = pb.step(state, { type: 'message', text: 'hi', at: 1795000000, id: 'm1' });
  assert.deepEqual(again, { state, actions: [], events: [], duplicate: true });
  assert.throws(() => pb.step(state, { type: 'message', text: 'hi', at: 1795000000, id: 'm2' }),
    (e) => e instanceof ty.EventError && e.code === 'TY_EVENT' && e.reason === 'late' && e.path === 'event.at');
});

describe('host options with a price', () => {
  const PRICED = {
    tinyyes: 1, name: 'Priced',
    intents: { join: { examples: ['i want to join', 'sign me up'], flow: 'join' } },
    slots: { plan: { type: 'choice', options_from: 'plans' } },
    templates: { ask: 'Which plan?', done: 'Done. Message us here to book your first class.' },
    flows: { join: { steps: [{ id: 'pick', ask: 'plan', say: 'ask' }, { id: 'ok', say: 'done', end: 'joined' }] } },
  };
  const AT = 1795000000;

  test('a price that is no number of 0 or more is an event error naming the option', () => {
    const pb = new ty.Playbook(JSON.stringify(PRICED));
    for (const price of ['9', -2, null, true]) {
      const ev = { type: 'message', text: 'i want to join', at: AT, data: { plans: [{ id: 'a', price }, { id: 'b', price: 5 }] } };
      assert.throws(() => pb.step(null, ev), (e) => e.code === 'TY_EVENT' && e.path === 'event.data.plans[0]' && /price/.test(e.message));
    }
  });

  test('the price kept in the state is checked when it comes back, and picks the cheaper one', () => {
    const pb = new ty.Playbook(JSON.stringify(PRICED));
    const ev = { type: 'message', text: 'i want to join', at: AT, data: { plans: [{ id: 'a', price: 3 }, { id: 'b', price: 5 }] } };
    const state = pb.step(null, ev).state;
    assert.deepEqual(state.options[0], { id: 'a', title: 'a', price: 3 });
    const r = pb.step(state, { type: 'message', text: 'the cheaper one', at: AT + 60 });
    assert.equal(r.state.slots.plan.id, 'a');
    const bad = structuredClone(state);
    bad.options[0].price = -1;
    assert.throws(() => pb.step(bad, { type: 'message', text: 'the cheaper one', at: AT + 60 }),
      (e) => e.code === 'TY_STATE' && e.path === 'state.options[0]');
  });
});
