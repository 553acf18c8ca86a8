/*
 * channels.js — channel payloads, message lint and conversation metrics
 * (README.md, "Channels, lint and metrics"; docs/metrics.md): the thin JS layer over nb_channels.c and nb_metrics.c,
 * the twin of the same functions in python/tinyyes/__init__.py.
 *
 * index.js calls install() once and exports what it returns:
 *
 *   payload(action, channel, {at, lastCustomerAt, parseMode, humanAgent, to, locale})
 *   lint(text, {channel, locale})
 *   Playbook.prototype.lint({channel})
 *   metrics(events), class Metrics {add(events), result(), count}
 *   CHANNELS
 *
 * What is done here rather than in C: the clock (`at` undefined means now;
 * the core never reads it), Dates, option names, and streaming. Metrics#add
 * takes an array or any iterable and hands the core 10,000 events at a time
 * (METRICS_CHUNK), each chunk written on a value tape (node/tape.js) so
 * the native side decodes it with a few Node-API calls instead of several
 * per property; a bad value in it (a Date, NaN, a class instance) is named
 * by its index in the whole stream ("events[23456].at"). So a million events never sit
 * in C memory as one tree, and an iterator's events can be released chunk
 * by chunk.
 */
'use strict';

const crypto = require('crypto');
const util = require('util');
const { typeError } = require('./errors');
const { onTape } = require('./tape');


const PAYLOAD_OPTIONS = ['at', 'lastCustomerAt', 'parseMode', 'humanAgent', 'to', 'locale', 'whatsappLink'];
const LINT_OPTIONS = ['channel', 'locale'];
const PLAYBOOK_LINT_OPTIONS = ['channel'];
const INBOUND_OPTIONS = ['at'];
const VERIFY_OPTIONS = ['url'];

/**
 * Adds lint() to Playbook.prototype and returns {CHANNELS, payload, lint,
 * metrics, Metrics} for index.js to export. `internals` are index.js's own
 * helpers, shared so both files read options and times one way.
 */
function install(internals) {
  const { native, Playbook, seconds, readOptions, describe } = internals;
  /** The channel names payload, lint and playbook "channels" keys accept (the core's list). */
  const CHANNELS = native.CHANNELS;
  /** Events handed to the core at a time by Metrics#add (the core's limit, as in Python). */
  const METRICS_CHUNK = native.limits.metricsChunk;

  // An optional string argument: undefined/null pass as null (the core's default).
  function optString(v, what) {
    if (v === undefined || v === null) return null;
    if (typeof v !== 'string') throw typeError(`${what} must be a string, not ${describe(v)}`);
    return v;
  }

  // lint()'s and Playbook#lint's second argument: options, or the channel itself.
  function lintOptions(options, allowed, fn) {
    if (typeof options === 'string') return { channel: options };
    return readOptions(options, allowed, fn);
  }

  /**
   * Turns a `send` action of Playbook#step into the platform's own message
   * JSON for `channel` (README.md). Returns {channel, payload, window} plus
   * `requires` when the messaging window is closed, and segments, encoding
   * and units for SMS. `at`: when it goes out (seconds or a Date; undefined:
   * now); `lastCustomerAt`: the customer's last message (undefined: unknown).
   */
  function payload(action, channel, options) {
    const o = readOptions(options, PAYLOAD_OPTIONS, 'payload()');
    if (action === null || typeof action !== 'object' || Array.isArray(action)) {
      throw typeError('payload() action must be an object (a send action of Playbook#step), ' +
        `not ${describe(action)}`);
    }
    if (typeof channel !== 'string') {
      throw typeError(`payload() channel must be a string (one of ${CHANNELS.join(', ')}), ` +
        `not ${describe(channel)}`);
    }
    const at = seconds(o.at, 'at');
    const last = o.lastCustomerAt === undefined || o.lastCustomerAt === null
      ? null : seconds(o.lastCustomerAt, 'lastCustomerAt');
    let human = false;
    if (o.humanAgent !== undefined && o.humanAgent !== null) {
      if (typeof o.humanAgent !== 'boolean') {
        throw typeError(`payload() humanAgent must be a boolean, not ${describe(o.humanAgent)}`);
      }
      human = o.humanAgent;
    }
    let to = o.to;
    if (typeof to === 'bigint' || (typeof to === 'number' && Number.isSafeInteger(to))) {
      to = String(to); // a numeric chat id or phone number, in decimal
    }
    const parseMode = optString(o.parseMode, 'payload() parseMode');
    to = optString(to, 'payload() to');
    const locale = optString(o.locale, 'payload() locale');
    const link = optString(o.whatsappLink, 'payload() whatsappLink');
    return onTape(action, (m, n, joined, held) =>
      native._payload(m, n, joined, held, channel, at, last, parseMode, human, to, locale, link));
  }

  /**
   * Lints one outgoing message (docs/playbook.md) as sent on `channel` (default
   * 'webchat') with the phrase tables of `locale` (default 'en'; a locale
   * without tables uses English). Returns findings {code, severity, message,
   * start, end} ordered by start, then code; start/end are code point
   * offsets ([...text].slice(start, end) is the part found).
   */
  function lint(text, options) {
    const o = lintOptions(options, LINT_OPTIONS, 'lint()');
    if (typeof text !== 'string') throw typeError(`lint() text must be a string, not ${describe(text)}`);
    return native._lint(text, optString(o.channel, 'lint() channel'), optString(o.locale, 'lint() locale'));
  }

  /**
   * Reads one webhook request body of a messaging platform (docs/inbound.md)
   * into events for Playbook#step. `body` is the raw request body exactly as
   * received (a Buffer, e.g. express.raw(), or a string). Returns
   * {events, ignored}: each message or tap as {type: 'message', id, at,
   * conversation, channel, text} (plus `choice`, the option id, for a tap),
   * and receipts, echoes and kinds tinyyes does not read as {reason, type,
   * id}. `at`: when the request arrived (seconds or a Date; undefined: now),
   * used where the body carries no time.
   */
  function inbound(channel, body, options) {
    const o = readOptions(options, INBOUND_OPTIONS, 'inbound()');
    if (typeof channel !== 'string') {
      throw typeError(`inbound() channel must be a string (one of ${CHANNELS.join(', ')}), ` +
        `not ${describe(channel)}`);
    }
    if (typeof body !== 'string' && !ArrayBuffer.isView(body)) {
      throw typeError(`inbound() body must be a string or a Buffer (the request body as received), not ${describe(body)}`);
    }
    return native._inbound(channel, body, seconds(o.at, 'at'));
  }

  // The value of header `name` (lower case) in a headers object (any case;
  // Node's req.headers is lower case already), a Headers or a Map.
  function headerValue(headers, name) {
    if (headers === null || typeof headers !== 'object') {
      throw typeError(`verify() headers must be an object (the request's headers), not ${describe(headers)}`);
    }
    if (typeof headers.get === 'function') return headers.get(name) ?? undefined;
    for (const key of Object.keys(headers)) {
      if (key.toLowerCase() === name) return headers[key];
    }
    return undefined;
  }

  /**
   * True when a webhook request really comes from the platform
   * (docs/inbound.md): its signature header matches `body`, the raw request
   * body as received (a Buffer: express.raw()). `secret`: the Meta app secret
   * (WhatsApp, Messenger, Instagram), the secret token given to Telegram's
   * setWebhook, or the Twilio auth token ('sms'; then options.url is the full
   * URL Twilio requested). Compares in constant time; a missing or malformed
   * header is false. Web chat is your own site: nothing to verify.
   */
  function verify(channel, secret, headers, body, options) {
    const o = readOptions(options, VERIFY_OPTIONS, 'verify()');
    const key = typeof secret === 'string' ? Buffer.from(secret, 'utf8')
      : ArrayBuffer.isView(secret) ? Buffer.from(secret.buffer, secret.byteOffset, secret.byteLength) : null;
    if (!key || key.length === 0) {
      throw typeError(`verify() secret must be a non-empty string or Buffer, not ${describe(secret)}`);
    }
    let value = headerValue(headers, native._signatureHeader(channel));
    if (Array.isArray(value)) value = value[0];
    if (value !== undefined && value !== null && typeof value !== 'string') {
      throw typeError(`verify() header values must be strings, not ${describe(value)}`);
    }
    const url = o.url === undefined ? null : o.url;
    const [algorithm, message, digest] = native._signatureCheck(channel, value ?? null, body, url);
    if (algorithm === 1) { // the header is the token itself
      const got = Buffer.from(value, 'utf8');
      return got.length === key.length && crypto.timingSafeEqual(got, key);
    }
    if (algorithm === 2 || algorithm === 3) {
      const mac = crypto.createHmac(algorithm === 2 ? 'sha256' : 'sha1', key).update(message).digest();
      return mac.length === digest.length && crypto.timingSafeEqual(mac, digest);
    }
    return false;
  }

  /**
   * Meta's webhook verification request (docs/inbound.md): `query` is the GET
   * parameters (Express's req.query). Returns the `hub.challenge` to answer
   * with (status 200) when `hub.mode` is 'subscribe' and `hub.verify_token`
   * is `verifyToken`, else null (answer 403).
   */
  function handshake(query, verifyToken) {
    if (query === null || typeof query !== 'object') {
      throw typeError(`handshake() query must be an object (the request's query), not ${describe(query)}`);
    }
    const get = (k) => (typeof query.get === 'function' ? query.get(k) : query[k]) ?? null;
    return native._handshake(get('hub.mode'), get('hub.verify_token'), get('hub.challenge'), verifyToken);
  }

  /**
   * Lints every template of the playbook (docs/playbook.md): its text and each
   * variant as sent on `channel` (default 'webchat'), and each channel text
   * on its own channel, rendered with sample values (TY001-TY008); and the
   * playbook itself (TY101-TY106: names a message may miss, options, steps
   * and flows nothing reaches). Findings carry template, variant (index, or
   * null) and channel before the lint fields, and their JSON path last.
   */
  function playbookLint(options) {
    const o = lintOptions(options, PLAYBOOK_LINT_OPTIONS, 'Playbook#lint()');
    return native._playbookLint(this._pb, optString(o.channel, 'Playbook#lint() channel'));
  }
  Object.defineProperty(playbookLint, 'name', { value: 'lint' });
  Object.defineProperty(Playbook.prototype, 'lint', {
    value: playbookLint, writable: true, configurable: true, enumerable: false,
  });

  const NativeMetrics = native.Metrics;
  const nativeAdd = NativeMetrics.prototype._add;
  const nativeResult = NativeMetrics.prototype.result;

  function isListLike(v) {
    return v !== null && typeof v === 'object' && typeof v[Symbol.iterator] === 'function' &&
      !ArrayBuffer.isView(v);
  }

  /**
   * A streaming metrics accumulator (docs/metrics.md): add the `events` of
   * Playbook#step results as they come, from any number of conversations in
   * any order, then read result(). Memory grows with distinct conversations
   * and steps, not with events.
   */
  class Metrics extends NativeMetrics {
    #count = 0;
    #busy = false;

    /**
     * Counts an array or any iterable of metric events, handed to the core
     * METRICS_CHUNK at a time. A malformed event is an Error with code
     * 'TY_EVENT' whose path names its index in `events` ("events[12].type");
     * the chunks before its own stay counted, the rest of the call is not.
     */
    add(events) {
      if (this.#busy) {
        throw new Error('Metrics.add() called inside Metrics.add() on the same object ' +
          '(an iterator that feeds the Metrics it is read into)');
      }
      this.#busy = true;
      try {
        if (Array.isArray(events)) {
          for (let base = 0; base < events.length; base += METRICS_CHUNK) {
            const chunk = base === 0 && events.length <= METRICS_CHUNK
              ? events : events.slice(base, base + METRICS_CHUNK);
            this.#chunk(chunk, base);
          }
        } else if (isListLike(events) && typeof events !== 'string') {
          let chunk = [];
          let base = 0;
          for (const e of events) {
            chunk.push(e);
            if (chunk.length === METRICS_CHUNK) {
              this.#chunk(chunk, base);
              base += chunk.length;
              chunk = []; // the counted events can go
            }
          }
          if (chunk.length) this.#chunk(chunk, base);
        } else {
          // not a list of events (a single event, a string, a number...):
          // the core says what it wants
          onTape(null, (m, n, joined, held) => nativeAdd.call(this, m, n, joined, held, 0));
        }
      } finally {
        this.#busy = false;
      }
    }

    // Counts one chunk (an array) whose first event is number `base` of the call.
    #chunk(chunk, base) {
      onTape(chunk, (m, n, joined, held) => nativeAdd.call(this, m, n, joined, held, base));
      this.#count += chunk.length;
    }

    /** Events counted so far. */
    get count() {
      return this.#count;
    }

    /**
     * The metrics so far (a plain object: conversations, reply_rate,
     * time_to_next_step, completion, handoffs, handoff_context, drop_off,
     * opt_outs, variants); adding more afterwards is fine.
     */
    result() {
      return nativeResult.call(this);
    }

    [util.inspect.custom]() {
      return `<tinyyes.Metrics: ${this.#count} events>`;
    }
  }
  // the raw calls are this file's business
  Object.defineProperty(Metrics.prototype, '_add', { value: undefined });

  /**
   * The metrics (docs/metrics.md) of an array or iterable of metric events from
   * many conversations, streamed through Metrics.
   */
  function metrics(events) {
    const m = new Metrics();
    m.add(events);
    return m.result();
  }

  return { CHANNELS, payload, lint, metrics, Metrics, inbound, verify, handshake };
}

module.exports = { install };
