/*
 * index.js — the thin JS layer over the native addon (node/nb_*.c, node/common.h).
 *
 * It loads the addon (a local build/Release/tinyyes.node, else the prebuilt
 * one in prebuilds/), and adds what is better done in JS than in C:
 *
 *  - Playbook policy (the twin of tinyyes/__init__.py): the clock (the core
 *    never reads it: `at` undefined means now), Dates and "+01:00" offsets,
 *    sources given as objects or files, and state signing with node:crypto
 *    (HMAC-SHA256 over the core's canonical JSON, so a state signed here
 *    verifies in Python and back).
 *
 *  - Value tapes: states and events walked here and handed to C as one
 *    Float64Array plus one string, instead of a Node-API call per property
 *    (see "value tapes" below).
 *
 *  - Template#render pre-extraction. Reading a property from C costs a full
 *    Node-API call; reading it in JS is about ten times cheaper. So render()
 *    walks the data here first: breadth-first from the root, reading the
 *    template's names (ty_template_name) from the root object, from plain
 *    objects and from list items below it, within bounds (depth 8, 4096
 *    values). It hands C a Float64Array of records plus every string value
 *    joined into ONE string, so C needs two Node-API calls for all of them,
 *    and reads JS objects itself only for what the walk left out (functions,
 *    containers past the bounds, strings holding U+FFFD, values that are not
 *    data, which it refuses). The walk
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
 * methods are ignored; arrays are lists; maps are plain objects (any other
 * object, e.g. a Date, Map, Set or class instance, is refused as not data,
 * as Python refuses sets and datetimes); bigints render as their digits; a
 * string with a lone surrogate is an error when it is rendered.
 * One observable difference of the fast path: a getter of a name the
 * template uses may run (once) even where the template would not reach it,
 * e.g. inside a section that turns out false. A getter that throws during
 * the walk is read again lazily, so its exception surfaces only when the
 * template really needs the value.
 */
'use strict';

const path = require('path');

// The addon, found by node-gyp-build in the package root: a local build
// (build/Release, build/Debug) when there is one, else the prebuilt
// prebuilds/<platform>-<arch>/ that fits (it carries its own utf8proc).
function loadNative() {
  const root = path.join(__dirname, '..');
  const nodeGypBuild = require('node-gyp-build');
  let file;
  try {
    file = nodeGypBuild.path(root);
  } catch (e) {
    const err = new Error(
      'tinyyes: no native addon for this machine (no prebuilt one fits and none ' +
      'was built). Run `npm rebuild tinyyes` (it builds it with node-gyp; needs a ' +
      'C compiler, pkg-config and libutf8proc-dev).\n  ' +
      String(e && e.message).trim());
    err.code = 'TY_NOT_BUILT';
    throw err;
  }
  return require(file); // it exists but fails to load: that error is the useful one
}

const native = loadNative();
const errors = require('./errors');
const tags = require('./tags');
const { takeTape, onTape } = require('./tape');
const { tyError, typeError, rangeError } = errors;
const {
  TinyyesError, TemplateError, PlaybookError, StateError, EventError, ArgumentTypeError, ArgumentRangeError,
  isTinyyesError,
} = errors;

// Native errors are made with the exported classes (per environment).
native._setErrorClasses(errors.TinyyesError, errors.TemplateError, errors.PlaybookError, errors.StateError,
  errors.EventError, errors.ArgumentTypeError, errors.ArgumentRangeError);

// ---- results ---------------------------------------------------------------
//
// Every result the addon returns comes through here: the native side writes
// the core's doc as an output tape (tokens in an ArrayBuffer, every string
// joined into one string; see "the output tape" in nb_marshal.c) and
// decodeResult builds the plain objects. A map is sent as a shape id (its
// keys came once, in a SHAPES token); each shape gets a maker that builds
// its objects with one object literal, so the objects are what JSON.parse
// would give (own data properties in the same order, `__proto__` an own
// key) at a fraction of the cost. Where code generation is disallowed the
// makers define the properties one by one instead.

// Token tags: NB_OUT_* on the native side, both generated from tags.json.
const {
  OUT_NULL, OUT_FALSE, OUT_TRUE, OUT_NUMBER, OUT_STRING, OUT_LIST, OUT_MAP, OUT_OBJECT, OUT_KEY, OUT_SHAPES,
} = tags;

const shapeMakers = []; // shape id -> (read) => object
let generateMakers = true;
let nativeBuffer = null; // the addon's token buffer, as last handed to decodeResult
let nativeTokens = null; // a Float64Array over nativeBuffer
let outTokens = null; // the tokens being decoded
let outText = '';
let outAt = 0; // next token
let outPos = 0; // next UTF-16 unit of outText

function defineData(o, key, value) {
  Object.defineProperty(o, key, { value, writable: true, enumerable: true, configurable: true });
}

// The maker of a shape's objects: read() gives each key's value in order.
function shapeMaker(keys) {
  if (generateMakers) {
    try {
      const props = keys.map((k) => `${k === '__proto__' ? '["__proto__"]' : JSON.stringify(k)}: read()`);
      // eslint-disable-next-line no-new-func
      return new Function('read', `return { ${props.join(', ')} };`);
    } catch (_) {
      generateMakers = false; // e.g. --disallow-code-generation-from-strings
    }
  }
  return (read) => {
    const o = {};
    for (let i = 0; i < keys.length; i++) defineData(o, keys[i], read());
    return o;
  };
}

function outString() {
  const n = outTokens[outAt++];
  const s = outText.slice(outPos, outPos + n);
  outPos += n;
  return s;
}

// Reads a SHAPES token's definitions into shapeMakers.
function outShapes() {
  const first = outTokens[outAt++];
  const count = outTokens[outAt++];
  for (let i = 0; i < count; i++) {
    const nkeys = outTokens[outAt++];
    const keys = [];
    for (let k = 0; k < nkeys; k++) keys.push(outString());
    shapeMakers[first + i] = shapeMaker(keys);
  }
}

function outValue() {
  for (;;) {
    switch (outTokens[outAt++]) {
      case OUT_NULL: return null;
      case OUT_FALSE: return false;
      case OUT_TRUE: return true;
      case OUT_NUMBER: return outTokens[outAt++];
      case OUT_STRING: return outString();
      case OUT_LIST: {
        const n = outTokens[outAt++];
        const a = [];
        for (let i = 0; i < n; i++) a.push(outValue());
        return a;
      }
      case OUT_MAP: return shapeMakers[outTokens[outAt++]](outValue);
      case OUT_OBJECT: {
        const n = outTokens[outAt++];
        const o = {};
        for (let i = 0; i < n; i++) {
          if (outTokens[outAt++] !== OUT_KEY) throw new TypeError('tinyyes: malformed result tape');
          const key = outString();
          defineData(o, key, outValue());
        }
        return o;
      }
      case OUT_SHAPES: outShapes(); continue; // the value they precede follows
      default: throw new TypeError('tinyyes: malformed result tape');
    }
  }
}

// decodeResult(buffer, count, joined): the value on the tape. Runs no user
// code, so a decode never nests in another.
function decodeResult(buffer, count, joined) {
  if (buffer !== nativeBuffer) {
    nativeBuffer = buffer;
    nativeTokens = new Float64Array(buffer);
  }
  return decodeTokens(nativeTokens, joined);
}

// The value on a tape whose tokens are in `tokens` (a Float64Array).
function decodeTokens(tokens, joined) {
  outTokens = tokens;
  outText = joined;
  outAt = 0;
  outPos = 0;
  try {
    return outValue();
  } finally {
    outText = '';
  }
}

native._setResultDecoder(decodeResult);

// Record tags and the names cached per template (NB_KEYS_MAX): NB_PRE_* on
// the native side, both generated from tags.json.
const {
  PRE_ABSENT, PRE_STRING, PRE_NUMBER, PRE_TRUE, PRE_FALSE, PRE_NULL, PRE_HOST, PRE_MAP, PRE_LIST, PRE_NAMES_MAX,
} = tags;
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

// Describes `data` as records (see nb_hostdata.c): a
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
        // are left to the native reader, which refuses them
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
    // the walk starts at a plain object; anything else (a list, a value
    // that is not data) is the native reader's
    if (typeof data !== 'object' || data === null || names.length === 0 || !isPlainObject(data)) {
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

// ---- playbooks -------------------------------------------------------------
//
// The policy the core leaves to its host, as tinyyes/__init__.py does it for
// Python: reading the clock (the core never does), Dates and "+01:00"
// offsets, sources given as objects, and signing conversation states with
// node:crypto. Results are the plain objects the core builds (the same keys,
// the same numbers as in Python and C).

const crypto = require('crypto');
const fs = require('fs');
const util = require('util');

const NativePlaybook = native.Playbook;
const nativeStep = NativePlaybook.prototype._step;
const isUint8Array = util.types.isUint8Array;
const isAnyArrayBuffer = util.types.isAnyArrayBuffer;

// A short description of a value for TypeError messages.
function describe(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') {
    const name = v.constructor && v.constructor.name;
    return name ? `an instance of ${name}` : 'an object';
  }
  return typeof v === 'undefined' ? 'undefined' : `a ${typeof v}`;
}


// Checks that `options` is undefined, null or a plain object whose keys are
// all in `allowed`; returns it (or {}).
function readOptions(options, allowed, fn) {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw typeError(`${fn} options must be an object, not ${describe(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) {
      throw typeError(`unknown ${fn} option '${key}' (allowed: ${allowed.join(', ')})`);
    }
  }
  return options;
}

/**
 * Unix seconds from a number of seconds or a Date; undefined/null means now
 * (Math.floor(Date.now() / 1000)): the core never reads the clock, so the
 * binding does it here. Fractions of a second are floored.
 */
function seconds(at, what = 'at') {
  if (at === undefined || at === null) return Math.floor(Date.now() / 1000);
  if (typeof at === 'number') {
    if (!Number.isFinite(at)) throw rangeError(`${what} must be a finite number of seconds, not ${at}`);
    return Math.floor(at);
  }
  if (isDate(at)) {
    const ms = at.getTime();
    if (!Number.isFinite(ms)) throw rangeError(`${what} is an invalid Date`);
    return Math.floor(ms / 1000);
  }
  throw typeError(`${what} must be Unix seconds (a number) or a Date, not ${describe(at)}`);
}

/**
 * Seconds east of UTC from undefined/null (the playbook's own), a whole
 * number of seconds, or "+01:00" / "-0530" / "Z". Within 14 hours of UTC.
 */
function offsetSeconds(utcOffset) {
  if (utcOffset === undefined || utcOffset === null) return null;
  let secs;
  if (typeof utcOffset === 'number') {
    if (!Number.isInteger(utcOffset)) {
      throw typeError(`utcOffset must be '+HH:MM' or whole seconds, not ${utcOffset}`);
    }
    secs = utcOffset;
  } else if (typeof utcOffset === 'string') {
    secs = native._utcOffset(utcOffset);
    if (secs === null) {
      throw rangeError(`utcOffset must look like '+01:00' or '-05:30', not ${JSON.stringify(utcOffset)}`);
    }
  } else {
    throw typeError(`utcOffset must be '+HH:MM' or whole seconds, not ${describe(utcOffset)}`);
  }
  if (secs < -native.limits.utcOffsetMax || secs > native.limits.utcOffsetMax) {
    throw rangeError(`utcOffset must be within 14 hours of UTC, not ${JSON.stringify(utcOffset)}`);
  }
  return secs;
}

// A load limit: undefined/null/0 is the default, else a positive whole number.
function readLimit(options, name) {
  const v = options[name];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) {
    throw typeError(`Playbook() ${name} must be a whole number or null, not ${describe(v)}`);
  }
  if (v < 0) throw rangeError(`Playbook() ${name} must be positive (0 or null: the default), not ${v}`);
  return v;
}

function readSecret(secret) {
  if (secret === undefined || secret === null) return null;
  let key;
  if (typeof secret === 'string') key = Buffer.from(secret, 'utf8');
  else if (isUint8Array(secret)) key = Buffer.from(secret); // a copy: later changes do not apply
  else throw typeError(`Playbook() secret must be a string or a Buffer/Uint8Array, not ${describe(secret)}`);
  if (key.length === 0) throw rangeError('Playbook() secret must not be empty');
  return key;
}

// ---- steps ---------------------------------------------------------------
//
// Every JS value the core reads (states, events, match data, actions, metric
// events, canonical JSON) reaches it one way: written on a value tape
// (node/tape.js), decoded by nb_tape_docs (nb_marshal.c).

// The buffer a step's result tokens are written into when they fit (the
// addon then returns the joined strings and the result is decoded here,
// without a call from C back into JS); doubled after a result that did not
// fit (the addon decoded that one itself).
let stepTokens = new Float64Array(4096);

// A long event.text (a plain data property; a getter is left to the
// conversion) is size-checked by the core before anything copies it: V8's
// UTF-16 length is a lower bound of its UTF-8 bytes, so a shorter one costs
// at most a small copy before the core refuses it.
function checkEventText(pb, event) {
  if (event === null || typeof event !== 'object') return;
  const d = Object.getOwnPropertyDescriptor(event, 'text');
  if (d && typeof d.value === 'string' && d.value.length > 1024) pb._checkEventText(d.value);
}

// Writes values on one tape and calls call(tape, into buffer); returns the
// decoded result (the addon wrote its tokens into the buffer and returned
// the joined strings) or the result the addon decoded itself.
function stepOnTape(values, call) {
  const tape = takeTape(); // busy until the call returns: a hook that steps again gets its own
  const into = stepTokens; // a hook that steps again may replace stepTokens
  let r;
  try {
    for (const v of values) tape.value(v, 0);
    r = call(tape, into.buffer);
  } finally {
    tape.reset();
  }
  if (typeof r === 'string') return decodeTokens(into, r);
  if (stepTokens === into) stepTokens = new Float64Array(into.length * 2);
  return r;
}

// pb._step(state, event, verify, sign): both values on one tape.
function stepRaw(pb, state, event, verify, sign) {
  checkEventText(pb, event);
  if (state !== undefined && state !== null && (typeof state !== 'object' || isArray(state))) {
    throw typeError("step() state must be an object (the last result's state) or null");
  }
  if (event === null || typeof event !== 'object' || isArray(event)) throw typeError('step() event must be an object');
  return stepOnTape([state === undefined ? null : state, event],
    (t, into) => nativeStep.call(pb, t.buf.buffer, t.n, t.joined, t.held, verify, sign, into));
}

const nativeStepJson = NativePlaybook.prototype._stepJson;

// pb._stepJson(text, event, verify, sign): the stored text as it is, the
// event alone on the tape.
function stepText(pb, text, event, verify, sign) {
  checkEventText(pb, event);
  if (event === null || typeof event !== 'object' || isArray(event)) throw typeError('stepJson() event must be an object');
  return stepOnTape([event],
    (t, into) => nativeStepJson.call(pb, text, t.buf.buffer, t.n, t.joined, t.held, verify, sign, into));
}

/**
 * The bytes a state signature covers (a Buffer): the value written by the
 * core's JSON writer with every object's keys in UTF-8 byte order, the same
 * bytes Python's _canonical_json gives.
 */
function canonicalJson(value) {
  return onTape(value, native._canonicalJson);
}

// Hex HMAC-SHA256 over the state's canonical JSON (its "sig" left out):
// the core's compact JSON with every object's keys in UTF-8 byte order, so
// a state whose keys a database reordered (PostgreSQL jsonb) still
// verifies, and Python signs the same bytes.
function signature(secret, state) {
  return hmacHex(secret, canonicalJson(state));
}

function hmacHex(secret, bytes) {
  return crypto.createHmac('sha256', secret).update(bytes).digest('hex');
}

// Throws the StateError of a state's "sig" that is missing or not a string.
function checkSigShape(sig) {
  if (sig === undefined || sig === null) {
    throw tyError('TY_STATE', 'signature', 'state.sig',
      'state.sig: missing: this playbook signs its states and this one is unsigned');
  }
  if (typeof sig !== 'string') {
    throw tyError('TY_STATE', 'signature', 'state.sig', 'state.sig: must be a hex string');
  }
}

// `state` without its "sig" key (a shallow copy).
function withoutSig(state) {
  const plain = {};
  for (const key of Object.keys(state)) {
    if (key !== 'sig') plain[key] = state[key];
  }
  return plain;
}

// The serialised text of a playbook given as an object.
function playbookText(source) {
  try {
    return JSON.stringify(source, (key, v) => {
      if (typeof v === 'number' && !Number.isFinite(v)) {
        throw tyError('TY_PLAYBOOK', 'json', null,
          `playbook is not JSON: ${v} at key ${JSON.stringify(key)} (NaN and infinity are not JSON)`);
      }
      return v;
    });
  } catch (e) {
    if (e && e.code === 'TY_PLAYBOOK') throw e;
    if (e instanceof TypeError && /circular/i.test(e.message)) {
      const err = tyError('TY_PLAYBOOK', 'json', null, `playbook is not JSON: ${e.message}`);
      err.cause = e;
      throw err;
    }
    throw e; // a BigInt, a throwing getter or toJSON: that error is the useful one
  }
}

const LOAD_OPTIONS = ['secret', 'maxBytes', 'maxIntents', 'maxExamples', 'maxMessage', 'stateTtl'];
const MATCH_OPTIONS = ['expect', 'at', 'data', 'utcOffset'];
const RECOGNIZE_OPTIONS = ['at', 'data', 'utcOffset'];

let defaultNative = null; // the default playbook, loaded once per thread
const INTERNAL = Symbol('tinyyes.Playbook internal');

class Playbook {
  #pb;
  #secret;
  #source;

  /**
   * @param {string | Uint8Array | ArrayBuffer | object} source the playbook JSON text (a string, or
   *   UTF-8 bytes) or a plain object (serialised with JSON.stringify)
   * @param {{secret?: string|Uint8Array, maxBytes?: number, maxIntents?: number,
   *          maxExamples?: number, maxMessage?: number, stateTtl?: number}} [options]
   *   stateTtl: seconds a state lives after its last event (its "expires"); a
   *   later event is a TY_STATE error with reason 'expired'.
   */
  constructor(source, options) {
    if (source === INTERNAL) { // Playbook.default(): the shared native playbook
      this.#pb = options.pb;
      this.#source = null;
      this.#secret = options.secret;
      return;
    }
    const opts = readOptions(options, LOAD_OPTIONS, 'Playbook');
    let text;
    if (typeof source === 'string' || isUint8Array(source)) text = source;
    else if (isAnyArrayBuffer(source)) text = new Uint8Array(source);
    else if (source !== null && typeof source === 'object' && !Array.isArray(source) && !isDate(source) &&
             !ArrayBuffer.isView(source)) text = playbookText(source);
    else {
      throw typeError('Playbook() source must be JSON text (a string, or UTF-8 bytes in a Buffer/Uint8Array) ' +
                          `or a plain object, not ${describe(source)}`);
    }
    const secret = readSecret(opts.secret);
    this.#pb = new NativePlaybook(text, readLimit(opts, 'maxBytes'), readLimit(opts, 'maxIntents'),
      readLimit(opts, 'maxExamples'), readLimit(opts, 'maxMessage'), readLimit(opts, 'stateTtl'));
    this.#source = text;
    this.#secret = secret;
  }

  /**
   * Loads a playbook from a JSON file (read as UTF-8 bytes).
   * @param {string | URL | Buffer} file
   * @param {object} [options] as for the constructor
   */
  static load(file, options) {
    return new Playbook(fs.readFileSync(file), options);
  }

  /**
   * The playbook tinyyes ships with: a local bike workshop (booking, pricing,
   * opening hours, refunds, service fit, support, a person, hesitation,
   * STOP/START). Loaded once per thread and shared.
   * @param {{secret?: string|Uint8Array}} [options]
   */
  static default(options) {
    const opts = readOptions(options, ['secret'], 'Playbook.default()');
    const secret = readSecret(opts.secret);
    if (!defaultNative) defaultNative = new NativePlaybook(native._defaultPlaybook());
    return new Playbook(INTERNAL, { pb: defaultNative, secret });
  }

  /** The JSON text of the default playbook (a starting point for your own). */
  static defaultSource() {
    return native._defaultPlaybook();
  }

  /** True when states are signed (a secret was given). */
  get signed() {
    return this.#secret !== null;
  }

  /** @internal the native playbook (tests: calls without the clock) */
  get _pb() {
    return this.#pb;
  }

  /**
   * Matches a customer message (docs/recognizers.md): {intent, score, oos, ranking,
   * entities} (plus answer when `expect` names the slot the flow waits for
   * and the text answers it). `at` (Unix seconds or a Date) anchors relative
   * dates; undefined means now. `utcOffset` ("+01:00" or seconds) overrides
   * the playbook's; `data` supplies options_from lists.
   */
  match(text, options) {
    const o = readOptions(options, MATCH_OPTIONS, 'match()');
    const pb = this.#pb, at = seconds(o.at), utc = offsetSeconds(o.utcOffset);
    if (o.data === undefined || o.data === null) return pb._match(text, o.expect, at, utc);
    return onTape(o.data, (m, n, joined, held) => pb._match(text, o.expect, at, utc, m, n, joined, held));
  }

  /**
   * Reads text as an answer for one slot (docs/recognizers.md): {value, text, start, end}
   * or null. `at` undefined means now.
   */
  recognize(text, slot, options) {
    const o = readOptions(options, RECOGNIZE_OPTIONS, 'recognize()');
    const pb = this.#pb, at = seconds(o.at), utc = offsetSeconds(o.utcOffset);
    if (o.data === undefined || o.data === null) return pb._recognize(text, slot, at, utc);
    return onTape(o.data, (m, n, joined, held) => pb._recognize(text, slot, at, utc, m, n, joined, held));
  }

  /** Memory and model figures: {bytes, intents, examples, features, slots, templates, flows}. */
  stats() {
    return this.#pb._stats();
  }

  /**
   * Steps a conversation (docs/playbook.md); pure: nothing is stored here. `state` is
   * the previous result's state (null for a new conversation), `event` e.g.
   * {type: 'message', text, at, conversation} (`at` may be a Date). Returns
   * {state, actions, events}: store the state, perform the actions, record
   * the events. With a secret, the state passed in must carry a valid "sig"
   * (else an Error with code 'TY_STATE', reason 'signature') and the state
   * returned carries a fresh one.
   */
  step(state, event) {
    if (event !== null && typeof event === 'object' && isDate(event.at)) {
      event = { ...event, at: seconds(event.at, 'event.at') };
    }
    const secret = this.#secret;
    if (secret === null) return stepRaw(this.#pb, state, event);
    // The native side computes the canonical JSON of both states from the
    // documents it holds anyway and calls back for the HMACs: the incoming
    // state is verified before the core sees it, the new one signed.
    const verify = state === undefined || state === null ? undefined : this.#verifier(state);
    return stepRaw(this.#pb, state, event, verify, (canonical) => hmacHex(secret, canonical));
  }

  /**
   * step() for a host that stores the state as JSON text (a database
   * column, Redis, a cookie): `stateJson` is the stored text (a string, or
   * UTF-8 bytes in a Buffer or Uint8Array; null for a new conversation),
   * read by the core. The result is {state, actions, events} with `state`
   * the new state's compact JSON text, the same bytes
   * JSON.stringify(step(...).state) gives, to store as it is. Nothing parses or serialises the state in JS. A malformed text is
   * a StateError naming its line and column. With a secret, the text's
   * "sig" is verified and the new text carries a fresh one.
   */
  stepJson(stateJson, event) {
    const text = stateJson;
    if (text !== undefined && text !== null && typeof text !== 'string' && !(text instanceof Uint8Array)) {
      throw typeError('stepJson() state must be the stored JSON text (a string, or UTF-8 bytes in a Buffer ' +
        `or Uint8Array) or null, not ${describe(text)}`);
    }
    if (event !== null && typeof event === 'object' && isDate(event.at)) {
      event = { ...event, at: seconds(event.at, 'event.at') };
    }
    const secret = this.#secret;
    if (secret === null) return stepText(this.#pb, text, event);
    const verify = (canonical, sig) => {
      checkSigShape(sig);
      this.#checkSig(sig, canonical);
    };
    return stepText(this.#pb, text, event, verify, (canonical) => hmacHex(secret, canonical));
  }

  /**
   * Carries a stored state across an edit of this playbook (docs/playbook.md,
   * "Editing a live playbook"): keeps what still fits, drops the rest, and
   * resumes a pending question whose step is gone at the nearest sensible
   * step, asking it now. Returns {state, actions, events, dropped} like
   * step(); a signed playbook verifies the old signature and signs the new
   * state. `at` (seconds or a Date) defaults to now.
   */
  migrate(state, options) {
    const opts = readOptions(options, ['at'], 'migrate()');
    if (state === null || typeof state !== 'object' || Array.isArray(state)) {
      throw typeError(`migrate() state must be an object (a stored state), not ${describe(state)}`);
    }
    const secret = this.#secret;
    let plain = state;
    if (secret !== null) {
      plain = withoutSig(state);
      this.#verifier(state)(canonicalJson(plain));
    }
    const pb = this.#pb, at = seconds(opts.at);
    const r = onTape(plain, (m, n, joined, held) => pb._migrate(m, n, joined, held, at));
    if (secret !== null) r.state.sig = signature(secret, r.state);
    return r;
  }

  /**
   * A copy of `state` with a fresh "sig" (for hosts moving unsigned states
   * to a signed playbook).
   */
  #handoverTag(conversation) {
    if (this.#secret === null) {
      throw new TinyyesError('handover links are signed: load the playbook with a secret',
        { code: 'TY_ERROR', reason: 'arg' });
    }
    return hmacHex(this.#secret, native._handoverSigned(conversation)).slice(0, 10);
  }

  /**
   * A wa.me link to the business's WhatsApp `number` that carries on this web
   * chat in WhatsApp (docs/inbound.md): its prefilled message, in the
   * conversation's language, ends with a short reference signed with this
   * playbook's secret. `state`: the conversation's state (or its id: 1 to 64
   * letters, digits, _ or -). Offer it with payload(..., 'webchat', {whatsappLink}).
   */
  handoverLink(state, number) {
    const conversation = typeof state === 'string' ? state : state && state.conversation;
    if (typeof conversation !== 'string') {
      throw typeError('handoverLink() needs a state with a conversation id (or the id)');
    }
    const locale = typeof state === 'string' ? null : state.locale ?? null;
    return this.#pb._handoverLink(locale, number, conversation, this.#handoverTag(conversation));
  }

  /**
   * The web conversation a customer's message continues (the reference a
   * handoverLink put in it, checked against this playbook's secret), or null.
   */
  handoverRef(text) {
    const found = native._handoverFind(text);
    if (found === null) return null;
    const [conversation, tag] = found;
    const want = this.#handoverTag(conversation);
    return crypto.timingSafeEqual(Buffer.from(tag), Buffer.from(want)) ? conversation : null;
  }

  sign(state) {
    if (this.#secret === null) {
      throw tyError('TY_ERROR', 'arg', null, "this playbook has no secret: create it with new Playbook(source, {secret: '...'})");
    }
    if (state === null || typeof state !== 'object' || Array.isArray(state)) {
      throw typeError(`state must be an object, not ${describe(state)}`);
    }
    const plain = withoutSig(state);
    plain.sig = signature(this.#secret, plain);
    return plain;
  }

  // The check of an incoming state's signature: TY_STATE errors now for a
  // missing or non-string sig, else a function of the state's canonical
  // JSON (without "sig") that throws unless sig is its HMAC.
  #verifier(state) {
    if (typeof state !== 'object' || Array.isArray(state)) {
      throw typeError(`step() state must be an object (the last result's state) or null, not ${describe(state)}`);
    }
    const sig = state.sig;
    checkSigShape(sig);
    return (canonical) => this.#checkSig(sig, canonical);
  }

  // Throws the StateError of a signature that does not match the canonical
  // JSON (a Buffer) of the state it came with.
  #checkSig(sig, canonical) {
    const want = Buffer.from(hmacHex(this.#secret, canonical), 'latin1');
    const got = Buffer.from(sig, 'utf8');
    if (got.length !== want.length || !crypto.timingSafeEqual(got, want)) {
      throw tyError('TY_STATE', 'signature', 'state.sig',
        'state.sig: does not match: the state was altered or signed with another secret');
    }
  }

  // The playbook's "name", when its source says one.
  #name() {
    let src = this.#source;
    if (src === null) src = native._defaultPlaybook();
    else if (typeof src !== 'string') src = Buffer.from(src.buffer, src.byteOffset, src.byteLength).toString('utf8');
    try {
      const name = JSON.parse(src).name;
      return typeof name === 'string' ? name : null;
    } catch (_) {
      return null;
    }
  }

  [util.inspect.custom]() {
    const s = this.stats();
    const name = this.#name();
    return `<tinyyes.Playbook${name === null ? '' : ` ${JSON.stringify(name)}`}: ${s.intents} intents, ` +
      `${s.slots} slots, ${s.flows} flows, ${s.templates} templates${this.#secret !== null ? ', signed' : ''}>`;
  }

  toString() {
    return this[util.inspect.custom]();
  }
}

// payload, lint, Playbook#lint, metrics, Metrics, inbound, CHANNELS (README.md, docs/playbook.md, docs/metrics.md): see channels.js
const { install } = require('./channels');
const { CHANNELS, payload, lint, metrics, Metrics, inbound, verify, handshake } =
  install({ native, Playbook, seconds, readOptions, describe });
// audit, AuditResult (docs/audit.md): see audit.js
const { audit, AuditResult } =
  require('./audit').install({ native, Playbook, readOptions, describe, offsetSeconds });
const version = native.version;
/** the documented default limits (bytes, counts, depths) */
const limits = native.limits;
const jsonRoundtrip = native._jsonRoundtrip;

// One object literal of plain names: Node's CommonJS export scanner
// (cjs-module-lexer) reads these keys, so even an `import` of this file
// itself sees every name. index.mjs re-exports the public ones by name.
module.exports = {
  Template,
  Playbook,
  TinyyesError,
  TemplateError,
  PlaybookError,
  StateError,
  EventError,
  ArgumentTypeError,
  ArgumentRangeError,
  isTinyyesError,
  version,
  limits,
  CHANNELS,
  payload,
  lint,
  metrics,
  Metrics,
  inbound,
  verify,
  handshake,
  audit,
  AuditResult,
  /** @internal converts JSON text through the core's ty_doc and back (tests) */
  _jsonRoundtrip: jsonRoundtrip,
  /** @internal the bytes a state signature covers (a Buffer) */
  _canonicalJson: canonicalJson,
  /** @internal seconds()/offsetSeconds() as the Playbook methods read them (tests, CLI) */
  _seconds: seconds,
  _offsetSeconds: offsetSeconds,
  /** @internal the raw native module (tests, benchmarks) */
  _native: native,
  /** @internal events per chunk of Metrics#add (tests, benchmarks) */
  _metricsChunk: native.limits.metricsChunk,
};
