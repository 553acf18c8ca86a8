// quality.test.js — the quality vectors (tests/vectors/conversations/
// quality/*.json) through the Node binding (node:test), one test per
// customer, named by the customer. The twin of tests/python/test_quality.py
// and quality_runner.py (which documents the format): the same virtual
// clock (START, then 15 s before every customer message but the first),
// waits that tick at each state.due inside them (at most 50), the same
// expectations and counters. A customer passes when every expectation holds
// and it has no false or missed opt-out, no false handoff, no off-topic
// message acted on and no verbatim repeat. The vectors directory is
// $TINYYES_VECTORS when set (as for the C suite), else tests/vectors.
'use strict';

const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { isDeepStrictEqual } = require('node:util');

const repo = path.resolve(__dirname, '..', '..');
const { Playbook } = require(path.join(repo, 'node'));
const qualityDir = path.join(process.env.TINYYES_VECTORS || path.join(repo, 'tests', 'vectors'),
  'conversations', 'quality');

const START = 1795514400; // Tue 2026-11-24 10:00 UTC, as the chat CLI
const STEP_SECONDS = 15;
const MAX_TICKS_PER_WAIT = 50;
const EXPECT_KEYS = ['status', 'ask', 'slots', 'opt_out', 'handoff', 'check', 'sent', 'intent'];

const js = (v) => JSON.stringify(v === undefined ? null : v);
const askOf = (s) => (s && s.flow && s.step ? `${s.flow}.${s.step}` : null);
// What an off-topic message must not change (a new conversation is empty).
const roundOf = (s) => (s ? [s.intent ?? null, askOf(s), s.slots || {}, s.status ?? null] : [null, null, {}, 'active']);

// Whether an off-topic message was acted on: it changed the intent, the
// pending ask, the slots or the status. A closed conversation left as it
// was is untouched; one reopened to answer is empty, so there only starting
// something (an intent or an ask) or changing the slots counts.
function acted(before, after) {
  if (before[3] === 'closed') {
    return !isDeepStrictEqual(after, before) &&
      (after[0] !== null || after[1] !== null || !isDeepStrictEqual(after[2], before[2]));
  }
  return !isDeepStrictEqual(after, before);
}

function slotMatches(got, want) {
  if (got && typeof got === 'object' && 'id' in got && (want === null || typeof want !== 'object')) got = got.id;
  return isDeepStrictEqual(got ?? null, want);
}

// The expectations that do not hold, as "key: got X, want Y".
function check(expect, state, seen) {
  const s = state || {};
  const got = { status: s.status ?? null, ask: askOf(s), check: s.check ?? null, intent: s.intent ?? null, ...seen };
  const bad = [];
  for (const [key, want] of Object.entries(expect)) {
    if (!EXPECT_KEYS.includes(key)) {
      bad.push(`unknown expect key ${js(key)}`);
    } else if (key === 'slots') {
      const slots = s.slots || {};
      for (const [slot, w] of Object.entries(want)) {
        if (!slotMatches(slots[slot], w)) bad.push(`slots.${slot}: got ${js(slots[slot])}, want ${js(w)}`);
      }
    } else if (!isDeepStrictEqual(got[key], want)) {
      bad.push(`${key}: got ${js(got[key])}, want ${js(want)}`);
    }
  }
  return bad;
}

// Steps one customer; returns { problems (in turn order), counts }.
function runCustomer(pb, customer) {
  const counts = { falseOptOuts: 0, missedOptOuts: 0, falseHandoffs: 0, offtopicActedOn: 0, verbatimRepeats: 0 };
  const problems = [];
  let state = null;
  let now = START;
  let started = false;
  let lastSent = [];
  let repeats = [];
  const step = (event) => {
    const r = pb.step(state, event);
    state = r.state;
    const sent = r.actions.filter((a) => a.type === 'send').map((a) => a.text);
    repeats.push(...sent.filter((t) => lastSent.includes(t)));
    lastSent = sent;
    return r;
  };
  for (const [i, turn] of (customer.turns || []).entries()) {
    const where = `turn ${i} (${'say' in turn ? `say ${js(turn.say)}` : `wait ${js(turn.wait)}s`})`;
    const fail = (what) => problems.push(`${where}: ${what}`);
    if (!('say' in turn) && !(Number.isInteger(turn.wait) && turn.wait >= 0)) {
      fail('a turn needs "say" or a "wait" of whole seconds >= 0');
      break;
    }
    const before = roundOf(state);
    repeats = [];
    const results = [];
    try {
      if ('say' in turn) {
        if (started) now += STEP_SECONDS;
        started = true;
        const event = { type: 'message', text: turn.say, at: now, conversation: customer.name };
        if ('choice' in turn) event.choice = turn.choice; // a button tap: the title shown, and the option id
        results.push(step(event));
      } else {
        const end = now + turn.wait;
        for (let k = 0; k < MAX_TICKS_PER_WAIT; k++) {
          const due = state ? state.due ?? null : null;
          if (due === null || due > end || due < now) break;
          now = due;
          results.push(step({ type: 'tick', at: due }));
        }
        now = end;
      }
    } catch (e) {
      fail(`step failed: ${e.message}`);
      break;
    }
    const seen = {
      sent: results.some((r) => r.actions.some((a) => a.type === 'send')),
      opt_out: results.some((r) => r.events.some((e) => e.type === 'opt_out')),
      handoff: results.some((r) => r.actions.some((a) => a.type === 'handoff')),
    };
    const expect = turn.expect || {};
    for (const bad of check(expect, state, seen)) fail(bad);
    if (seen.opt_out && expect.opt_out !== true) {
      counts.falseOptOuts++;
      if (!('opt_out' in expect)) fail('false opt-out');
    }
    if (expect.opt_out === true && !seen.opt_out) counts.missedOptOuts++;
    if (seen.handoff && expect.handoff !== true) {
      counts.falseHandoffs++;
      if (!('handoff' in expect)) fail('false handoff');
    }
    if (turn.offtopic === true && 'say' in turn && acted(before, roundOf(state))) {
      counts.offtopicActedOn++;
      fail(`off-topic acted on: ${js(before)} -> ${js(roundOf(state))}`);
    }
    for (const t of repeats) {
      counts.verbatimRepeats++;
      fail(`verbatim repeat: ${js(t)}`);
    }
  }
  return { problems, counts };
}

const playbooks = new Map();
function playbook(name) {
  if (!playbooks.has(name)) {
    playbooks.set(name, name === 'default' ? Playbook.default()
      : new Playbook(fs.readFileSync(path.join(qualityDir, 'playbooks', name), 'utf8')));
  }
  return playbooks.get(name);
}

describe('vectors: tests/vectors/conversations/quality', () => {
  const files = fs.existsSync(qualityDir)
    ? fs.readdirSync(qualityDir).filter((f) => f.endsWith('.json')).sort() : [];
  if (!files.length) {
    test('quality vectors', { skip: `no vectors in ${qualityDir} yet` }, () => {});
    return;
  }
  for (const file of files) {
    const doc = JSON.parse(fs.readFileSync(path.join(qualityDir, file), 'utf8'));
    describe(file, () => {
      for (const customer of doc.customers) {
        test(customer.name, () => {
          const { problems, counts } = runCustomer(playbook(doc.playbook), customer);
          const clean = !problems.length && Object.values(counts).every((n) => n === 0);
          // "known_gap" documents a failure we know of: it must still fail
          if (customer.known_gap) assert.ok(!clean, `${file}: ${customer.name} is marked known_gap but passes now`);
          else assert.ok(clean, `${file}: ${customer.name}\n  ${problems.join('\n  ')}`);
        });
      }
    });
  }
});
