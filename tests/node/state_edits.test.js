// state_edits.test.js — states saved before an edit of their playbook
// (tests/vectors/state_edits.json, docs/playbook.md "Editing a live
// playbook"): stepping them on the edited playbook, and migrating them,
// give exactly the vector's result or error; plus state expiry (stateTtl)
// and migrating a signed state.
'use strict';

const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const repo = path.resolve(__dirname, '..', '..');
const { Playbook } = require(path.join(repo, 'node'));
const doc = JSON.parse(fs.readFileSync(path.join(repo, 'tests', 'vectors', 'state_edits.json'), 'utf8'));

function errorOf(fn) {
  try {
    fn();
  } catch (e) {
    return { code: e.code, reason: e.reason, path: e.path, message: e.message };
  }
  assert.fail('no error');
}

test('the saved state is what the base playbook leaves', () => {
  const pb = new Playbook(doc.before.playbook);
  let state = null;
  for (const ev of doc.before.events) state = pb.step(state, ev).state;
  assert.deepEqual(state, doc.state);
});

describe('vectors: tests/vectors/state_edits.json', () => {
  for (const c of doc.tests) {
    test(c.name, () => {
      const pb = new Playbook(c.after);
      if (c.step.error) assert.deepEqual(errorOf(() => pb.step(doc.state, doc.next)), c.step.error);
      else assert.deepEqual(pb.step(doc.state, doc.next), c.step.expected);
      if (c.migrate.error) assert.deepEqual(errorOf(() => pb.migrate(doc.state, { at: c.migrate.at })), c.migrate.error);
      else assert.deepEqual(pb.migrate(doc.state, { at: c.migrate.at }), c.migrate.expected);
    });
  }
});

test('stateTtl: states carry "expires" and are refused from then on', () => {
  const pb = new Playbook(doc.before.playbook, { stateTtl: 3600 });
  const [first] = doc.before.events;
  const { state } = pb.step(null, first);
  assert.equal(state.expires, first.at + 3600);
  pb.step(state, { ...doc.next, at: first.at + 3599 });
  const e = errorOf(() => pb.step(state, { ...doc.next, at: first.at + 3600 }));
  assert.deepEqual([e.code, e.reason, e.path], ['TY_STATE', 'expired', 'state.expires']);
  assert.throws(() => new Playbook(doc.before.playbook, { stateTtl: -1 }), RangeError);
});

test('a signed state migrates: the old signature is checked, the new state signed', () => {
  const secret = 'shop-secret';
  const before = new Playbook(doc.before.playbook, { secret });
  let state = null;
  for (const ev of doc.before.events) state = before.step(state, ev).state;
  const edit = doc.tests.find((c) => c.name === 'remove_pending_step');
  const after = new Playbook(edit.after, { secret });
  const r = after.migrate(state, { at: edit.migrate.at });
  assert.equal(typeof r.state.sig, 'string');
  after.step(r.state, { type: 'tick', at: edit.migrate.at + 1 }); // the new signature verifies
  const tampered = { ...state, slots: {} };
  assert.equal(errorOf(() => after.migrate(tampered, { at: edit.migrate.at })).reason, 'signature');
  // another playbook with the same secret refuses the state
  const other = new Playbook(doc.tests.find((c) => c.name === 'another_playbook').after, { secret });
  assert.equal(errorOf(() => other.step(state, doc.next)).path, 'state.playbook');
});
