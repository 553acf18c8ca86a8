'use strict';
/**
 * tape.js — the one way a JS value reaches the core: a value tape.
 *
 * A walk in JS, where reading a property costs a fraction of a Node-API
 * call, writes the value as tokens of two doubles [tag, x] in one
 * Float64Array, every string and key joined into ONE string, and what the
 * walk does not judge itself (a Date, NaN, a lone surrogate, a class
 * instance, a function, nesting past TAPE_DEPTH, undefined at the root) in
 * `held`. nb_tape_docs (node/nb_marshal.c) decodes it into the core's
 * checked builder and walks each held value through Node-API at its place,
 * so every value meets JSON's rules, one error path and one wording there.
 * Tags and the depth come from tags.json (node/tags.js).
 *
 * As JSON.stringify sees a value: a property whose value is undefined is
 * skipped, an undefined array item is null, getters run once.
 */

const {
  TAPE_NULL, TAPE_FALSE, TAPE_TRUE, TAPE_NUMBER, TAPE_STRING, TAPE_LIST, TAPE_MAP, TAPE_KEY, TAPE_HELD,
  TAPE_HELD_KEY, TAPE_DEPTH,
} = require('./tags');

const { isArray } = Array;
const { getPrototypeOf, keys: objectKeys } = Object;
const ArrayPrototype = Array.prototype;
const ObjectPrototype = Object.prototype;
const isWellFormed = typeof String.prototype.isWellFormed === 'function'
  ? (str) => str.isWellFormed()
  : (str) => !/[\ud800-\udfff]/.test(str); // Node 18: any surrogate is held

class Tape {
  constructor() {
    this.buf = new Float64Array(1024);
    this.n = 0;
    this.joined = '';
    this.held = null; // an array once something is held
    this.busy = false;
  }

  // Appends token [tag, x]; its index.
  push(tag, x) {
    let i = this.n * 2;
    if (i + 2 > this.buf.length) {
      const grown = new Float64Array(this.buf.length * 2);
      grown.set(this.buf);
      this.buf = grown;
    }
    this.buf[i++] = tag;
    this.buf[i] = x;
    return this.n++;
  }

  // Appends a token naming v in the held values (tag TAPE_HELD or TAPE_HELD_KEY).
  hold(tag, v) {
    if (this.held === null) this.held = [];
    this.push(tag, this.held.length);
    this.held.push(v);
  }

  // Appends v (depth: the containers around it).
  value(v, depth) {
    switch (typeof v) {
      case 'string':
        if (!isWellFormed(v)) break;
        this.push(TAPE_STRING, v.length);
        this.joined += v;
        return;
      case 'number':
        if (v - v !== 0) break; // NaN, infinities
        this.push(TAPE_NUMBER, v);
        return;
      case 'boolean':
        this.push(v ? TAPE_TRUE : TAPE_FALSE, 0);
        return;
      case 'object':
        if (v === null) {
          this.push(TAPE_NULL, 0);
          return;
        }
        if (depth < TAPE_DEPTH && this.container(v, depth)) return;
        break;
      default:
        break;
    }
    this.hold(TAPE_HELD, v);
  }

  // Appends array or plain object v; false (nothing appended) for other objects.
  container(v, depth) {
    const proto = getPrototypeOf(v);
    if (isArray(v)) {
      if (proto !== ArrayPrototype) return false;
      const n = v.length;
      this.push(TAPE_LIST, n);
      for (let i = 0; i < n; i++) {
        const item = v[i];
        if (item === undefined) this.push(TAPE_NULL, 0);
        else this.value(item, depth + 1);
      }
      return true;
    }
    if (proto !== ObjectPrototype && proto !== null) return false; // other realms: the native rules
    const at = this.push(TAPE_MAP, 0);
    const keys = objectKeys(v);
    let count = 0;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      const item = v[key];
      if (item === undefined) continue;
      if (isWellFormed(key)) {
        this.push(TAPE_KEY, key.length);
        this.joined += key;
      } else {
        this.hold(TAPE_HELD_KEY, key);
      }
      this.value(item, depth + 1);
      count++;
    }
    this.buf[at * 2 + 1] = count;
    return true;
  }

  reset() {
    this.n = 0;
    this.joined = '';
    this.held = null;
    this.busy = false;
  }
}

// One tape, reused (a getter or a hook can re-enter a call: then a new one).
const sharedTape = new Tape();

// A tape to write on; give it back with reset().
function takeTape() {
  if (sharedTape.busy) return new Tape();
  sharedTape.busy = true;
  return sharedTape;
}

/**
 * fn(buffer, n, joined, held) with `value` written on a tape: the four
 * arguments every native function that reads a JS value takes first.
 */
function onTape(value, fn) {
  const tape = takeTape();
  try {
    tape.value(value, 0);
    return fn(tape.buf.buffer, tape.n, tape.joined, tape.held);
  } finally {
    tape.reset();
  }
}

module.exports = { Tape, takeTape, onTape };
