/*
 * index.js — the thin JS layer over the native addon (node/tinyyes_node.c).
 *
 * It loads build/Release/tinyyes.node (or build/Debug), and adds what is
 * better done in JS than in C:
 *
 *  - Template#render pre-extraction. Reading a property from C costs a full
 *    Node-API call; reading it in JS is about ten times cheaper. So render()
 *    walks the data here first: breadth-first from the root, reading the
 *    template's names (ty_template_name) from the root object, from plain
 *    objects and from list items below it, within bounds (depth 8, 4096
 *    values). It hands C a Float64Array of records plus every string value
 *    joined into ONE string, so C needs two Node-API calls for all of them,
 *    and reads JS objects itself only for what the walk left out (class
 *    instances, Dates, functions, containers past the bounds). The walk
 *    learns: the first render reads every name everywhere; the native side
 *    then reports which names were looked up at the root and in nested
 *    objects, and later walks read only those (anything else the template
 *    asks for is read natively, and learnt). The result is byte for byte
 *    what the plain native render produces (the tests check).
 *
 * What counts as data (the same rules as the native reader): a name is
 * looked up with obj[name]; undefined means "not there" (strict mode reports
 * it missing), null is a value that renders as nothing; own function
 * properties are an error (lambdas are not supported) while inherited
 * methods are ignored; arrays are lists; Dates render as toISOString();
 * bigints as their digits; lone surrogates in strings become U+FFFD.
 * One observable difference of the fast path: a getter of a name the
 * template uses may run (once) even where the template would not reach it,
 * e.g. inside a section that turns out false. A getter that throws during
 * the walk is read again lazily, so its exception surfaces only when the
 * template really needs the value.
 */
'use strict';

const path = require('path');

function loadNative() {
  const root = path.join(__dirname, '..');
  const candidates = [
    path.join(root, 'build', 'Release', 'tinyyes.node'),
    path.join(root, 'build', 'Debug', 'tinyyes.node'),
  ];
  const errors = [];
  for (const file of candidates) {
    try {
      return require(file);
    } catch (e) {
      if (e && e.code === 'MODULE_NOT_FOUND' && String(e.message).includes(file)) {
        errors.push(`${file}: not built`);
        continue;
      }
      throw e; // it exists but fails to load: that error is the useful one
    }
  }
  const err = new Error(
    'tinyyes: the native addon is not built. Run `npm install` in the tinyyes ' +
    'package directory (it builds it with node-gyp; needs a C compiler, ' +
    'pkg-config, libcjson-dev and libutf8proc-dev).\n  ' + errors.join('\n  '));
  err.code = 'TY_NOT_BUILT';
  throw err;
}

const native = loadNative();

// Record tags and layout: keep in step with NB_PRE_* in tinyyes_node.c.
const PRE_ABSENT = 0;
const PRE_STRING = 1;
const PRE_NUMBER = 2;
const PRE_TRUE = 3;
const PRE_FALSE = 4;
const PRE_NULL = 5;
const PRE_HOST = 6;
const PRE_MAP = 7;
const PRE_LIST = 8;
// The native side caches at most this many names per template (NB_KEYS_MAX).
const PRE_NAMES_MAX = 64;
// Bounds of the walk: past them values are read lazily by the native side.
const PRE_RECORDS_MAX = 4096;
const PRE_DEPTH_MAX = 8;

const nativeRender = native.Template.prototype.render;
const renderPre = native._renderPre;
const ObjectPrototype = Object.prototype;
const getPrototypeOf = Object.getPrototypeOf;
const isArray = Array.isArray;
const isDate = require('util').types.isDate;

function isPlainObject(v) {
  const p = getPrototypeOf(v);
  return p === ObjectPrototype || p === null;
}

// Scratch memory of one render: reused by the next render of the template
// (a getter can re-enter render(), so a busy one is never shared).
class Walk {
  constructor(nrecords) {
    // records, plus one spare record for what the native side learnt
    this.meta = new Float64Array((Math.max(16, nrecords) + 1) * 4);
    this.objs = null; // the objects the records name (fresh per render)
    this.joined = '';
    this.busy = false;
  }
}

// Which names a walk reads, per kind of object: every name until the first
// render has shown which ones the template looks up at the root and in
// nested objects; after that, those (and any the native side had to read
// itself, which it reports, so the sets only grow). A name left unread is a
// HOST record: correct, just read through Node-API.
class Reads {
  constructor(k) {
    this.root = new Uint8Array(k).fill(1);
    this.nested = new Uint8Array(k).fill(1);
    this.learnt = false;
    this.bits = [-1, -1, -1, -1]; // last report: root lo/hi, nested lo/hi
  }

  // Takes the native side's report (four 32-bit masks) from meta[at..at+3].
  learn(meta, at, plain) {
    const b = this.bits;
    if (this.learnt && meta[at] === b[0] && meta[at + 1] === b[1] &&
        meta[at + 2] === b[2] && meta[at + 3] === b[3]) return;
    const k = this.root.length;
    for (let i = 0; i < k; i++) {
      const word = i < 32 ? 0 : 1;
      const bit = 2 ** (i & 31);
      const inRoot = Math.floor(meta[at + word] / bit) % 2 === 1;
      const inNested = Math.floor(meta[at + 2 + word] / bit) % 2 === 1;
      if (!this.learnt) {
        this.root[i] = 0;
        this.nested[i] = 0;
      }
      if (inRoot && plain[i]) this.root[i] = 1;
      if (inNested && plain[i]) this.nested[i] = 1;
    }
    this.learnt = true;
    for (let j = 0; j < 4; j++) b[j] = meta[at + j];
  }
}

// Describes `data` as records (see tinyyes_node.c, section 4): a
// breadth-first walk, so records are filled in index order and the strings,
// joined in that order, line up with them. Returns the record count; the
// joined strings are left in walk.joined, the objects in walk.objs.
function preExtract(walk, data, names, reads) {
  const k = names.length;
  let meta = walk.meta;
  const objs = [data];
  const queue = [data, 1, 0, false]; // [object, first record of its block, depth, is a list]...
  let n = 1 + k;
  let joined = '';
  if (meta.length < (n + 1) * 4) meta = walk.meta = new Float64Array((n + 1) * 8);
  meta[0] = PRE_MAP; meta[1] = 0; meta[2] = 1; meta[3] = k;
  for (let q = 0; q < queue.length; q += 4) {
    const obj = queue[q];
    const block = queue[q + 1];
    const depth = queue[q + 2];
    const isList = queue[q + 3];
    const count = isList ? obj.length : k;
    const read = depth === 0 ? reads.root : reads.nested;
    for (let i = 0; i < count; i++) {
      const r = (block + i) * 4;
      let v;
      if (isList) {
        v = obj[i];
      } else if (read[i] === 1) {
        try {
          v = obj[names[i]];
        } catch (_) {
          meta[r] = PRE_HOST; // read again lazily: it throws only if needed
          continue;
        }
      } else {
        meta[r] = PRE_HOST; // not read (yet): the native side reads it if asked
        continue;
      }
      if (typeof v === 'string') {
        meta[r] = PRE_STRING; meta[r + 1] = v.length; joined += v;
      } else if (typeof v === 'number') {
        meta[r] = PRE_NUMBER; meta[r + 1] = v;
      } else if (v === undefined) {
        meta[r] = PRE_ABSENT;
      } else if (typeof v === 'boolean') {
        meta[r] = v ? PRE_TRUE : PRE_FALSE;
      } else if (v === null) {
        meta[r] = PRE_NULL;
      } else if (typeof v === 'object') {
        const list = isArray(v);
        const size = list ? v.length : k;
        // plain objects and arrays only; class instances, Dates, Maps...
        // keep the native rules
        if (depth >= PRE_DEPTH_MAX || n + size > PRE_RECORDS_MAX || (!list && !isPlainObject(v))) {
          meta[r] = PRE_HOST;
          continue;
        }
        meta[r] = list ? PRE_LIST : PRE_MAP;
        meta[r + 1] = objs.length;
        meta[r + 2] = n;
        meta[r + 3] = size;
        objs.push(v);
        queue.push(v, n, depth + 1, list);
        n += size;
        if (meta.length < (n + 1) * 4) {
          const grown = new Float64Array((Math.min(PRE_RECORDS_MAX, n * 2) + 1) * 4);
          grown.set(meta);
          meta = walk.meta = grown;
        }
      } else {
        meta[r] = PRE_HOST; // functions, symbols, bigints
      }
    }
  }
  walk.joined = joined;
  walk.objs = objs;
  return n;
}

class Template extends native.Template {
  #id; // how native._renderPre knows this template
  #names; // the names the walk reads, keys[0..npre) on the native side
  #plain; // per name: false for __proto__ (left to the native rules)
  #reads;
  #walk;

  /**
   * @param {string} source Mustache template text
   * @param {{partials?: Record<string,string>, escape?: 'none'|'html'|'telegram_html'|'telegram_md',
   *          strict?: boolean, guard?: boolean}} [options]
   */
  constructor(source, options) {
    super(source, options);
    this.#id = super._id;
    const names = super.names;
    this.#names = names.length > PRE_NAMES_MAX ? names.slice(0, PRE_NAMES_MAX) : names;
    this.#plain = this.#names.map((name) => name !== '__proto__');
    this.#reads = new Reads(this.#names.length);
    for (let i = 0; i < this.#names.length; i++) {
      if (!this.#plain[i]) this.#reads.root[i] = this.#reads.nested[i] = 0;
    }
    this.#walk = new Walk(1 + this.#names.length);
  }

  /**
   * Renders the template with `data` (objects, arrays, strings, numbers,
   * booleans, null). Throws an Error with code 'TY_TEMPLATE' on a missing
   * name (strict mode), a placeholder left in the output (guard), etc.
   * @param {unknown} data
   * @returns {string}
   */
  render(data) {
    const names = this.#names;
    if (typeof data !== 'object' || data === null || names.length === 0 ||
        (!isPlainObject(data) && (isArray(data) || isDate(data)))) {
      return nativeRender.call(this, data);
    }
    let walk = this.#walk;
    if (walk.busy) walk = new Walk(1 + names.length);
    walk.busy = true;
    let n = 0;
    try {
      n = preExtract(walk, data, names, this.#reads);
      walk.meta[n * 4] = -1; // no report yet
      return renderPre(this.#id, walk.objs, walk.joined, walk.meta.buffer, n);
    } finally {
      if (n && walk.meta[n * 4] >= 0) this.#reads.learn(walk.meta, n * 4, this.#plain);
      walk.objs = null; // do not keep the caller's data alive
      walk.joined = '';
      walk.busy = false;
    }
  }
}

// `_id` is the fast path's private door; hide it from the public class.
Object.defineProperty(Template.prototype, '_id', { value: undefined });

module.exports = {
  Template,
  version: native.version,
  /** @internal converts JSON text through the core's ty_doc and back (tests) */
  _jsonRoundtrip: native._jsonRoundtrip,
  /** @internal the raw native module (tests, benchmarks) */
  _native: native,
};
