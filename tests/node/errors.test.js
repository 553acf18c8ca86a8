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
