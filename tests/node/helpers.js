'use strict';
// helpers.js — small assertions shared by the node:test suites.
const assert = require('node:assert/strict');

// Asserts that fn throws an Error whose listed properties match `want`.
function assertTyError(fn, want, Kind = Error) {
  let caught;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught, `expected an error matching ${JSON.stringify(want)}`);
  assert.ok(caught instanceof Kind, `not a ${Kind.name}: ${caught && caught.stack}`);
  for (const [k, v] of Object.entries(want)) {
    if (v instanceof RegExp) assert.match(String(caught[k]), v, `error.${k}`);
    else assert.deepEqual(caught[k], v, `error.${k} (message: ${caught.message})`);
  }
  return caught;
}

module.exports = { assertTyError };
