/*
 * errors.js — the error classes every tinyyes function throws (README.md,
 * "Errors"), the twin of the tinyyes.Error family in Python.
 *
 *   TinyyesError (extends Error)          code 'TY_ERROR'
 *     TemplateError, PlaybookError,       code 'TY_TEMPLATE', 'TY_PLAYBOOK',
 *     StateError, EventError                   'TY_STATE', 'TY_EVENT'
 *   ArgumentTypeError (extends TypeError)   a wrong type, code 'TY_ERROR' or
 *   ArgumentRangeError (extends RangeError) a bad value;  the domain's code
 *
 * JS has single inheritance, so an argument error cannot extend both
 * TypeError and TinyyesError. Instead every tinyyes error carries a brand,
 * and `instanceof` on the tinyyes classes reads it: `e instanceof
 * TinyyesError` is true for any of them, `e instanceof TemplateError` for
 * any with code 'TY_TEMPLATE' (so a bad value in template data, an
 * ArgumentTypeError with that code, is a TemplateError and a TypeError).
 * The native addon builds its errors with these constructors (index.js
 * hands them over at load time).
 */
'use strict';

const BRAND = Symbol('tinyyes.error');
const ordinaryHasInstance = Function.prototype[Symbol.hasInstance];

// Sets the fields every tinyyes error has: code and reason always, offset
// (0 when not about a position), line, col and path when given.
function fill(e, code, options) {
  const o = options || {};
  e.code = o.code || code;
  e.reason = o.reason === undefined ? 'arg' : o.reason;
  if (o.line) e.line = o.line;
  if (o.col) e.col = o.col;
  if (o.path) e.path = o.path;
  e.offset = o.offset || 0;
}

// `instanceof` for the tinyyes classes: a branded error whose code is the
// class's (any code for TinyyesError), or an ordinary instance.
function brandedInstance(cls, v) {
  if (v !== null && typeof v === 'object' && v[BRAND] === true &&
      (cls.code === undefined || v.code === cls.code)) return true;
  return ordinaryHasInstance.call(cls, v);
}

class TinyyesError extends Error {
  /**
   * @param {string} message
   * @param {{reason?: string, path?: string, line?: number, col?: number, offset?: number,
   *          cause?: unknown}} [options]
   */
  constructor(message, options) {
    super(message, options && 'cause' in options ? { cause: options.cause } : undefined);
    fill(this, new.target.code || 'TY_ERROR', options);
  }

  static [Symbol.hasInstance](v) {
    return brandedInstance(this, v);
  }
}

class TemplateError extends TinyyesError {}
class PlaybookError extends TinyyesError {}
class StateError extends TinyyesError {}
class EventError extends TinyyesError {}

/** A wrong type (a TypeError); `code` names the domain, 'TY_ERROR' outside one. */
class ArgumentTypeError extends TypeError {
  constructor(message, options) {
    super(message, options && 'cause' in options ? { cause: options.cause } : undefined);
    fill(this, 'TY_ERROR', options);
  }
}

/** A value out of range or not allowed (a RangeError); `code` as for ArgumentTypeError. */
class ArgumentRangeError extends RangeError {
  constructor(message, options) {
    super(message, options && 'cause' in options ? { cause: options.cause } : undefined);
    fill(this, 'TY_ERROR', options);
  }
}

const domains = [
  [TemplateError, 'TY_TEMPLATE'],
  [PlaybookError, 'TY_PLAYBOOK'],
  [StateError, 'TY_STATE'],
  [EventError, 'TY_EVENT'],
];
for (const [cls, code] of domains) Object.defineProperty(cls, 'code', { value: code });
for (const cls of [TinyyesError, TemplateError, PlaybookError, StateError, EventError]) {
  Object.defineProperty(cls.prototype, 'name', { value: cls.name, writable: true, configurable: true });
}
for (const cls of [TinyyesError, ArgumentTypeError, ArgumentRangeError]) {
  Object.defineProperty(cls.prototype, BRAND, { value: true });
}

/** True for any error a tinyyes function threw (the same test as `e instanceof TinyyesError`). */
function isTinyyesError(e) {
  return e instanceof TinyyesError;
}

// The class of a core error's code (as the native side maps them).
const byCode = {
  TY_ERROR: TinyyesError,
  TY_TEMPLATE: TemplateError,
  TY_PLAYBOOK: PlaybookError,
  TY_STATE: StateError,
  TY_EVENT: EventError,
};

// An error of the class of `code` (JS-side checks shaped like the native ones).
function tyError(code, reason, path, message) {
  const Cls = byCode[code] || TinyyesError;
  return new Cls(message, { reason, path: path || undefined });
}

// Argument errors thrown by the JS layer; `code` defaults to 'TY_ERROR'.
function typeError(message, options) {
  return new ArgumentTypeError(message, options);
}

function rangeError(message, options) {
  return new ArgumentRangeError(message, options);
}

module.exports = {
  TinyyesError,
  TemplateError,
  PlaybookError,
  StateError,
  EventError,
  ArgumentTypeError,
  ArgumentRangeError,
  isTinyyesError,
  tyError,
  typeError,
  rangeError,
};
