'use strict';
// Every error a tinyyes function throws is an exported class with code and
// reason (issue 14); argument errors are also TypeError / RangeError. The
// Python twin is tests/python/test_errors.py.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const ty = require('../../node');

const {
  Template, Playbook, Metrics, payload, lint, TinyyesError, TemplateError, PlaybookError, StateError,
  EventError, ArgumentTypeError, ArgumentRangeError, isTinyyesError,
} = ty;

const AT = 1795000000;
const PB = Playbook.default();
const SEND = { type: 'send', text: 'Morning or afternoon?', choices: [{ id: 'a', title: 'Morning' }] };
const DOMAIN = { TY_TEMPLATE: TemplateError, TY_PLAYBOOK: PlaybookError, TY_STATE: StateError, TY_EVENT: EventError };

test('the classes and instanceof by brand and code', () => {
  const e = new ArgumentTypeError('x', { code: 'TY_TEMPLATE' });
  assert.ok(e instanceof TypeError && e instanceof ArgumentTypeError);
  assert.ok(e instanceof TinyyesError && e instanceof TemplateError && isTinyyesError(e));
  assert.ok(!(e instanceof PlaybookError) && !(e instanceof RangeError));
  const p = new PlaybookError('y', { path: 'intents' });
  assert.ok(p instanceof TinyyesError && p instanceof Error && !(p instanceof TemplateError));
  assert.deepEqual([p.code, p.reason, p.path, p.name], ['TY_PLAYBOOK', 'arg', 'intents', 'PlaybookError']);
  assert.ok(!(new TypeError('z') instanceof TinyyesError) && !isTinyyesError(null) && !isTinyyesError({ code: 'TY_ERROR' }));
  assert.ok(new ArgumentRangeError('r') instanceof RangeError);
});

// [call, the class it is constructed from, the builtin kind, its code]
const BAD_CALLS = [
  [() => new Template(1), ArgumentTypeError, TypeError, 'TY_TEMPLATE'],
  [() => new Template('x', { strict: 'yes' }), ArgumentTypeError, TypeError, null],
  [() => new Template('x', { escape: 'markdown' }), ArgumentTypeError, TypeError, null],
  [() => new Template('x', { partials: ['a'] }), ArgumentTypeError, TypeError, null],
  [() => new Template('x', { strcit: true }), ArgumentTypeError, TypeError, null],
  [() => new Template('{{f}}').render({ f() {} }), ArgumentTypeError, TypeError, 'TY_TEMPLATE'],
  [() => new Template('{{s}}').render({ s: Symbol('s') }), ArgumentTypeError, TypeError, 'TY_TEMPLATE'],
  [() => new Template('{{x').render({}), TemplateError, Error, 'TY_TEMPLATE'],
  [() => new Playbook(1), ArgumentTypeError, TypeError, 'TY_ERROR'],
  [() => new Playbook('{}'), PlaybookError, Error, 'TY_PLAYBOOK'],
  [() => new Playbook('{}', { maxBytes: 'x' }), ArgumentTypeError, TypeError, 'TY_ERROR'],
  [() => new Playbook('{}', { maxBytes: -1 }), ArgumentRangeError, RangeError, 'TY_ERROR'],
  [() => new Playbook('{}', { secret: 1 }), ArgumentTypeError, TypeError, 'TY_ERROR'],
  [() => new Playbook('{}', { nope: 1 }), ArgumentTypeError, TypeError, 'TY_ERROR'],
  [() => PB.match(1, { at: AT }), ArgumentTypeError, TypeError, null],
  [() => PB.match('hi', { at: 'now' }), ArgumentTypeError, TypeError, 'TY_ERROR'],
  [() => PB.match('hi', { at: NaN }), ArgumentRangeError, RangeError, 'TY_ERROR'],
  [() => PB.match('hi', { at: new Date(NaN) }), ArgumentRangeError, RangeError, 'TY_ERROR'],
  [() => PB.match('hi', { at: AT, utcOffset: 'noon' }), ArgumentRangeError, RangeError, 'TY_ERROR'],
  [() => PB.match('hi', { at: AT, utcOffset: [1] }), ArgumentTypeError, TypeError, 'TY_ERROR'],
  [() => PB.match('hi', { at: AT, utcOffset: 1e6 }), ArgumentRangeError, RangeError, 'TY_ERROR'],
  [() => PB.recognize('hi', 1, { at: AT }), ArgumentTypeError, TypeError, null],
  [() => PB.step(null, { type: 'message', text: 'hi', at: AT, data: { x: Symbol('x') } }),
    ArgumentTypeError, TypeError, 'TY_EVENT'],
  [() => PB.step(null, { type: 'poke', at: AT }), EventError, Error, 'TY_EVENT'],
  [() => PB.step({ v: 1 }, { type: 'tick', at: AT }), StateError, Error, 'TY_STATE'],
  [() => PB.sign({}), TinyyesError, Error, 'TY_ERROR'],
  [() => payload(1, 'sms', { at: AT }), ArgumentTypeError, TypeError, 'TY_ERROR'],
  [() => payload(SEND, 1, { at: AT }), ArgumentTypeError, TypeError, 'TY_ERROR'],
  [() => payload(SEND, 'fax', { at: AT }), TinyyesError, Error, 'TY_ERROR'],
  [() => lint(1), ArgumentTypeError, TypeError, 'TY_ERROR'],
  [() => new Metrics().add([{ type: 'nope' }]), EventError, Error, 'TY_EVENT'],
];

test('every public function throws a tinyyes error with its builtin kind and code', () => {
  for (const [call, Cls, Kind, code] of BAD_CALLS) {
    let caught;
    try {
      call();
    } catch (e) {
      caught = e;
    }
    const where = `${call} threw ${caught && caught.stack}`;
    assert.ok(caught, `${call} did not throw`);
    assert.equal(caught.constructor, Cls, where);
    assert.ok(caught instanceof Kind && caught instanceof TinyyesError && isTinyyesError(caught), where);
    assert.equal(typeof caught.code, 'string', where);
    assert.equal(typeof caught.reason, 'string', where);
    if (code) assert.equal(caught.code, code, where);
    if (DOMAIN[caught.code]) assert.ok(caught instanceof DOMAIN[caught.code], where);
  }
});

test('NUL in a field says NUL', () => {
  for (const field of ['conversation', 'channel']) {
    assert.throws(() => PB.step(null, { type: 'message', text: 'hi', at: AT, [field]: 'a\0b' }),
      (e) => e instanceof EventError && e.reason === 'nul' && /NUL/.test(e.message) && e.path === `event.${field}`);
  }
});

test('lone surrogates in playbooks, events and data are errors, as in Python', () => {
  const calls = [
    () => new Playbook('{"x": "\ud800"}'),
    () => PB.match('hi \ud800', { at: AT }),
    () => PB.step(null, { type: 'message', text: '\ud800', at: AT }),
    () => PB.step(null, { type: 'message', text: 'hi', at: AT, data: { k: '\udc00' } }),
  ];
  for (const call of calls) {
    assert.throws(call, (e) => e instanceof TinyyesError && e.reason === 'utf8' && /surrogate/.test(e.message),
      String(call));
  }
});

// ---- tests/vectors/host_values.json: the Python twin runs the same cases ----

const HOST_VALUES = JSON.parse(require('node:fs').readFileSync(
  require('node:path').join(__dirname, '..', 'vectors', 'host_values.json'), 'utf8'));

// The JS value a vector describes ({"$": kind, ...} for host values).
function native(v) {
  if (Array.isArray(v)) return v.map(native);
  if (v === null || typeof v !== 'object') return v;
  if (v.$ === undefined) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, native(x)]));
  const makers = {
    text: () => String.fromCharCode(...v.units),
    instance: () => {
      const cls = { [v.cls]: class {} }[v.cls]; // a class named v.cls
      return Object.assign(new cls(), v.fields);
    },
    set: () => new Set(v.items),
    date: () => new Date(v.iso),
    bytes: () => Buffer.from(v.text),
    bigint: () => BigInt(v.digits),
    map: () => new Map([['a', 1]]),
    regexp: () => /x/,
    uint8array: () => new Uint8Array(2),
    arraybuffer: () => new ArrayBuffer(2),
    promise: () => Promise.resolve(1),
    weakmap: () => new WeakMap(),
    symbol: () => Symbol('x'),
  };
  return makers[v.$]();
}

function runVector(c) {
  switch (c.call) {
    case 'compile': return new Template(native(c.template), { partials: native(c.partials) });
    case 'render': return new Template(c.template, { partials: c.partials }).render(native(c.data));
    case 'event_data': return PB.step(null, { type: 'message', text: 'hi', at: AT, data: native(c.value) });
    default: return PB.step(native(c.value), { type: 'tick', at: AT });
  }
}

for (const c of HOST_VALUES.cases.filter((x) => (x.only || 'node') === 'node')) {
  test(`host values: ${c.name}`, () => {
    if ('output' in c) {
      assert.equal(runVector(c), c.output);
      return;
    }
    const want = c.error;
    let err;
    try {
      runVector(c);
    } catch (e) {
      err = e;
    }
    assert.ok(err, 'expected an error');
    const isType = want.class === 'type';
    assert.equal(err.constructor, isType ? ArgumentTypeError : DOMAIN[want.code], err.stack);
    assert.ok(err instanceof DOMAIN[want.code] && err instanceof TinyyesError);
    assert.equal(err instanceof TypeError, isType);
    let message = typeof want.message === 'string' ? want.message : want.message.node;
    if (want.type) message = message.replace('{type}', want.type.node);
    assert.equal(err.message, message);
    assert.deepEqual([err.code, err.reason], [want.code, want.reason]);
    for (const field of ['path', 'line', 'col']) {
      if (field in want) assert.equal(err[field], want[field] === null ? undefined : want[field], field);
    }
  });
}
