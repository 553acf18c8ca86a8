// recognizers_text.test.js — the Recognizers-Text conformance run through the
// Node binding (node:test): the reply-shaped cases that
// tests/conformance/recognizers_cases.py selects from the shared directory
// (TINYYES_SHARED, else <repo>/../shared). Every case passes unless
// tests/conformance/recognizers_known.json lists it, and every listed case
// still fails — the same rules the C and Python suites apply.
'use strict';

const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const repo = path.resolve(__dirname, '..', '..');
const ty = require(path.join(repo, 'node'));

const sharedDir = process.env.TINYYES_SHARED || path.resolve(repo, '..', 'shared');
const selector = path.join(repo, 'tests', 'conformance', 'recognizers_cases.py');

// The selection, written by the one selector all three suites share.
function loadSelection() {
  const out = execFileSync(process.env.PYTHON || 'python3', [selector, sharedDir, '-'],
    { maxBuffer: 64 << 20 });
  return JSON.parse(out.toString('utf8'));
}

// Strings equal, numbers within 1e-9 relative, maps member by member.
function same(got, want) {
  if (typeof want === 'number') {
    return typeof got === 'number' && Math.abs(got - want) <= 1e-9 * Math.max(1, Math.abs(want));
  }
  if (want !== null && typeof want === 'object') {
    if (got === null || typeof got !== 'object') return false;
    const keys = Object.keys(want);
    return Object.keys(got).length === keys.length && keys.every((k) => same(got[k], want[k]));
  }
  return got === want;
}

describe('Recognizers-Text conformance', () => {
  const doc = loadSelection();
  if (doc.skip) {
    test('spec files', { skip: doc.skip }, () => {});
    return;
  }
  const playbooks = {};
  for (const [loc, json] of Object.entries(doc.playbooks)) playbooks[loc] = new ty.Playbook(json);
  for (const c of doc.cases) {
    test(c.id, () => {
      const r = playbooks[c.locale].recognize(c.input, c.type, { at: c.at, utcOffset: 0 });
      const got = r === null ? null : r.value;
      const ok = c.expect === null ? got === null : got !== null && c.expect.some((w) => same(got, w));
      const shown = got === null ? 'nothing' : JSON.stringify(got);
      if (c.known) {
        assert.ok(!ok, `${c.id} ${JSON.stringify(c.input)} now passes (read ${shown}): remove it from recognizers_known.json`);
      } else {
        assert.ok(ok, `${c.id} ${JSON.stringify(c.input)}: read ${shown}, want ${JSON.stringify(c.expect)}`);
      }
    });
  }
});
