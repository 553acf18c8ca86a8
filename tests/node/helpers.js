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

// The four value-tape arguments (node/tape.js) of a tape whose roots are all
// held, so the native walk converts each whole, as it does any value the JS
// walk leaves to it; a null root is the NULL token (none, where allowed).
function heldTape(...values) {
  const { TAPE_NULL, TAPE_HELD } = require('../../node/tags.js');
  const tokens = values.flatMap((v, i) => (v === null ? [TAPE_NULL, 0] : [TAPE_HELD, i]));
  return [new Float64Array(tokens).buffer, values.length, '', values];
}

module.exports = { assertTyError, heldTape };
