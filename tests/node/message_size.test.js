// message_size.test.js — the message size limit (tests/vectors/message_size.json):
// match, recognize and step refuse a customer message over maxMessage with
// the core's own error, counted in UTF-8 bytes, before the addon copies the
// text; a getter for event.text and a non-plain event take the same limit.
'use strict';

const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const repo = path.resolve(__dirname, '..', '..');
const { Playbook } = require(path.join(repo, 'node'));
const cases = JSON.parse(fs.readFileSync(path.join(repo, 'tests', 'vectors', 'message_size.json'), 'utf8')).tests;
const AT = 1795000000;

function playbook(c) {
  if (c.max_message === undefined) return Playbook.default();
  return new Playbook(Playbook.defaultSource(), { maxMessage: c.max_message });
}

function call(pb, c, text) {
  if (c.call === 'match') return pb.match(text, { at: AT });
  if (c.call === 'recognize') return pb.recognize(text, c.slot, { at: AT });
  return pb.step(null, { type: 'message', text, at: AT });
}

describe('vectors: tests/vectors/message_size.json', () => {
  for (const c of cases) {
    test(c.name, () => {
      const text = c.text.repeat.repeat(c.text.times);
      const pb = playbook(c);
      if (!c.error) {
        call(pb, c, text);
        return;
      }
      assert.throws(() => call(pb, c, text), (e) => {
        assert.deepEqual({ code: e.code, reason: e.reason, path: e.path, message: e.message }, c.error);
        return true;
      });
    });
  }
});

test('event.text behind a getter or in a class instance takes the same limit', () => {
  const pb = Playbook.default();
  const text = 'é'.repeat(40000);
  const want = { code: 'TY_EVENT', reason: 'limit', path: 'event.text',
    message: 'event.text is 80000 bytes, over the limit of 65536 bytes' };
  const viaGetter = { type: 'message', at: AT, get text() { return text; } };
  class Ev { constructor() { this.type = 'message'; this.text = text; this.at = AT; } }
  for (const ev of [viaGetter, new Ev()]) {
    assert.throws(() => pb.step(null, ev), (e) => {
      assert.deepEqual({ code: e.code, reason: e.reason, path: e.path, message: e.message }, want);
      return true;
    });
  }
});
