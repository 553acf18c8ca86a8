// metrics.test.js — conversation metrics through the Node binding (docs/metrics.md),
// node:test.
//
// The shared vectors (tests/vectors/metrics.json) exactly (key order
// included), in any order and from an iterator; events from real
// Playbook#step conversations checked against numbers worked out by hand,
// per step and per wording;
// streaming (Metrics#add in pieces, from generators, past several 10,000-event
// chunks) equal to one call; bad input naming the event's index in the whole
// stream; the empty list; the Metrics object's lifetime. The twin of
// tests/python/test_metrics.py.
'use strict';

const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const repo = path.resolve(__dirname, '..', '..');
const ty = require(path.join(repo, 'node'));
const { Playbook, Metrics, metrics } = ty;

const AT = 1795514400; // Tue 2026-11-24 10:00 UTC, outside the default playbook's quiet hours
const CHUNK = ty._metricsChunk;
const EMPTY = {
  conversations: 0, reply_rate: null, time_to_next_step: { median: null, p90: null },
  completion: { overall: null, by_step: {} }, handoffs: 0, handoff_context: null, drop_off: {}, opt_outs: 0,
  variants: [], steps: {},
};
// 95 % Wilson score intervals of x of n: (p + z²/2n ∓ z·sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n), z = 1.96
const WILSON = {
  '0/1': [0, 0.7935], '1/1': [0.2065, 1], '1/2': [0.0945, 0.9055], '2/2': [0.3424, 1], '2/3': [0.2077, 0.9385], '3/3': [0.4385, 1],
};

// A row of "variants" from its counts (latencies: the commits', sorted).
function wording(key, template, variant, asks, replies, commits, latencies) {
  const [flow, step] = key.split('.');
  const rank = (p) => (latencies.length ? latencies[Math.max(1, Math.ceil((latencies.length * p) / 100)) - 1] : null);
  const r4 = (x) => Math.round(x * 10000) / 10000;
  return {
    flow, step, template, variant, asks, replies,
    reply_rate: r4(replies / asks), reply_rate_ci: WILSON[`${replies}/${asks}`], commits,
    completion: r4(commits / asks), completion_ci: WILSON[`${commits}/${asks}`],
    time_to_next_step: { median: rank(50), p90: rank(90) },
  };
}

const { assertTyError } = require('./helpers');

function* generate(list) {
  yield* list;
}

// ---- shared vectors ----------------------------------------------------------------

const vectors = JSON.parse(fs.readFileSync(path.join(repo, 'tests', 'vectors', 'metrics.json'), 'utf8')).tests;

describe('vectors: tests/vectors/metrics.json', () => {
  for (const c of vectors) {
    test(c.name, () => {
      if (c.error) {
        const want = { code: c.error.code, reason: c.error.reason, path: c.error.path, message: c.error.message };
        assertTyError(() => metrics(c.events), want);
        if (Array.isArray(c.events)) assertTyError(() => metrics(generate(c.events)), want);
        return;
      }
      const got = metrics(c.events);
      assert.equal(JSON.stringify(got), JSON.stringify(c.expected)); // key order too
      // any order: the same events reversed, and from a generator
      assert.deepEqual(metrics([...c.events].reverse()), c.expected);
      assert.deepEqual(metrics(generate(c.events)), c.expected);
      // one at a time
      const m = new Metrics();
      for (const e of c.events) m.add([e]);
      assert.deepEqual(m.result(), c.expected);
      assert.equal(m.count, c.events.length);
    });
  }
});

test('the empty list is documented zeros', () => {
  for (const events of [[], new Set(), generate([]), [][Symbol.iterator]()]) {
    const got = metrics(events);
    assert.equal(JSON.stringify(got), JSON.stringify(EMPTY));
  }
  assert.deepEqual(new Metrics().result(), EMPTY);
  const m = new Metrics();
  m.add([]);
  assert.equal(m.count, 0);
});

// ---- real conversations ----------------------------------------------------------------

// Plays [delay seconds, text] replies, then ticks at the given offsets from
// the last reply; returns every metric event.
function conversation(pb, cid, replies, ticks = [], start = AT) {
  let state = null;
  let at = start;
  const events = [];
  for (const [delay, text] of replies) {
    at += delay;
    const r = pb.step(state, { type: 'message', text, at, conversation: cid });
    state = r.state;
    events.push(...r.events);
  }
  for (const offset of ticks) {
    const r = pb.step(state, { type: 'tick', at: at + offset, conversation: cid });
    state = r.state;
    events.push(...r.events);
  }
  return events;
}

function fiveConversations() {
  const pb = Playbook.default();
  return {
    // booked: six asks answered after 30, 50, 70, 90, 110, 130 s
    'c-done': conversation(pb, 'c-done', [[0, 'hi'], [30, 'A'], [50, 'Tune-up'], [70, 'tomorrow'], [90, 'morning'],
      [110, 'Sam'], [130, 'yes']]),
    // STOP at the menu: an opt-out with the menu pending
    'c-stop': conversation(pb, 'c-stop', [[0, 'hi'], [40, 'STOP']]),
    // menu answered after 20 s, then a person asked for at the service step
    'c-human': conversation(pb, 'c-human', [[0, 'hi'], [20, 'A'], [15, 'can I talk to a person']]),
    // prices after 600 s, then silence: two follow-ups and a no_response close at pricing.which
    'c-silent': conversation(pb, 'c-silent', [[0, 'hi'], [600, 'B']], [4 * 3600, 30 * 3600, 4 * 86400]),
    // prices, the Full service, and no thanks: 45, 35, 25 s
    'c-price': conversation(pb, 'c-price', [[0, 'hi'], [45, 'B'], [35, 'Full service'], [25, 'no']]),
  };
}

const FIVE = {
  conversations: 5,
  reply_rate: 1,
  time_to_next_step: { median: 50, p90: 130 },
  completion: {
    overall: 0.7857,
    by_step: {
      'booking.check': 1, 'booking.kind': 0.5, 'booking.part': 1, 'booking.when': 1, 'booking.who': 1,
      'pricing.full': 1, 'pricing.which': 0.5, 'welcome.menu': 0.8,
    },
  },
  handoffs: 1,
  handoff_context: 0.5,
  drop_off: { 'pricing.which': 1 },
  opt_outs: 1,
  // The wordings, as the send actions showed them: the menu in "text" to
  // c-done, c-stop and c-human, "v1" to c-silent and c-price; booking.kind
  // "text" to c-done, "v1" to c-human; booking.when "v1" (c-done);
  // pricing.which "text" to c-silent, "v1" to c-price. Replies: every ask but
  // c-silent's which (silence; follow-ups are not replies); c-human's kind
  // was answered by the request for a person (a handoff: a reply, no commit);
  // c-stop's menu by STOP. Menu "text" latencies: c-done 30, c-human 20.
  variants: [
    wording('booking.check', 'check_booking', 'text', 1, 1, 1, [130]),
    wording('booking.kind', 'ask_service', 'text', 1, 1, 1, [50]),
    wording('booking.kind', 'ask_service', 'v1', 1, 1, 0, []),
    wording('booking.part', 'ask_part', 'text', 1, 1, 1, [90]),
    wording('booking.when', 'ask_day', 'v1', 1, 1, 1, [70]),
    wording('booking.who', 'ask_name', 'text', 1, 1, 1, [110]),
    wording('pricing.full', 'quote_full', 'text', 1, 1, 1, [25]),
    wording('pricing.which', 'ask_service', 'text', 1, 0, 0, []),
    wording('pricing.which', 'ask_service', 'v1', 1, 1, 1, [35]),
    wording('welcome.menu', 'welcome', 'text', 3, 3, 2, [20, 30]),
    wording('welcome.menu', 'welcome', 'v1', 2, 2, 2, [45, 600]),
  ],
  // the counts behind by_step: the wordings' asks and commits summed
  steps: {
    'booking.check': { asks: 1, commits: 1 }, 'booking.kind': { asks: 2, commits: 1 },
    'booking.part': { asks: 1, commits: 1 }, 'booking.when': { asks: 1, commits: 1 },
    'booking.who': { asks: 1, commits: 1 }, 'pricing.full': { asks: 1, commits: 1 },
    'pricing.which': { asks: 2, commits: 1 }, 'welcome.menu': { asks: 5, commits: 4 },
  },
};

// A seeded shuffle (mulberry32), so a failure can be replayed.
function shuffled(list, seed) {
  const out = [...list];
  let s = seed >>> 0;
  const rand = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe('events from real conversations', () => {
  const convs = fiveConversations();
  const events = Object.values(convs).flat();

  test('every kind of event is there', () => {
    assert.deepEqual(new Set(events.map((e) => e.type)),
      new Set(['ask', 'commit', 'followup', 'handoff', 'opt_out', 'close']));
  });

  test('the numbers, worked out by hand', () => {
    // asks 6 + 1 + 2 + 2 + 3 = 14; commits 6 + 0 + 1 + 1 + 3 = 11.
    // Latencies 30 50 70 90 110 130 | 20 | 600 | 45 35 25 (n = 11, sorted
    // 20 25 30 35 45 50 70 90 110 130 600): median rank 6 -> 50, p90 rank
    // ceil(9.9) = 10 -> 130. Every conversation replied (c-stop by its
    // opt-out at a pending step). One handoff: filled 1 of asked 2.
    assert.deepEqual(metrics(events), FIVE);
    assert.deepEqual(metrics(shuffled(events, 5)), FIVE); // across conversations, any order
  });

  test('the wordings named are the ones sent', () => {
    const pb = Playbook.default();
    for (const [cid, texts] of [['c-done', ['hi', 'A', 'Tune-up']], ['c-human', ['hi', 'A']]]) {
      let state = null;
      texts.forEach((text, i) => {
        const r = pb.step(state, { type: 'message', text, at: AT + i, conversation: cid });
        state = r.state;
        const asks = r.events.filter((e) => e.type === 'ask');
        const sends = r.actions.filter((a) => a.type === 'send');
        assert.equal(asks.length, 1);
        assert.equal(sends.length, 1);
        assert.deepEqual([sends[0].template, sends[0].variant, sends[0].step],
          [asks[0].template, asks[0].variant, asks[0].step]);
      });
    }
  });

  test('the same as Python\'s for the same conversations', () => {
    // the five conversations are the ones tests/python/test_metrics.py plays:
    // the flow is the same core, so the events and the numbers agree
    assert.equal(events.filter((e) => e.type === 'ask').length, 14);
    assert.equal(events.filter((e) => e.type === 'commit').length, 11);
  });
});

// ---- streaming ---------------------------------------------------------------------------

// Metric events of n conversations replayed from the five real ones under new
// ids (fast: no stepping).
function manyEvents(n) {
  const base = fiveConversations();
  const names = Object.keys(base).sort();
  const out = [];
  for (let i = 0; i < n; i++) {
    for (const e of base[names[i % names.length]]) out.push({ ...e, conversation: `conv-${i}`, at: e.at + i });
  }
  return out;
}

const ask = (i) => ({ type: 'ask', at: i, conversation: `c${i % 97}`, flow: 'f', step: 's' });

describe('streaming', () => {
  const events = manyEvents(6000); // about 40,000 events: several 10,000-event chunks
  const one = metrics(events);

  test('Metrics#add in pieces, from generators and sets, equals one call', () => {
    assert.equal(CHUNK, 10000);
    assert.ok(events.length > 3 * CHUNK);
    assert.equal(one.conversations, 6000);
    const m = new Metrics();
    for (let start = 0; start < events.length; start += 777) m.add(events.slice(start, start + 777)); // uneven pieces
    assert.equal(m.count, events.length);
    assert.deepEqual(m.result(), one);
    const streamed = new Metrics();
    streamed.add(generate(events)); // an iterator: never an array
    assert.deepEqual(streamed.result(), one);
    assert.equal(streamed.count, events.length);
    assert.deepEqual(metrics(new Set(events)), one);
    // results in between are snapshots; adding more afterwards is fine
    const part = new Metrics();
    part.add(events.slice(0, 1000));
    const early = part.result();
    part.add(events.slice(1000));
    assert.notDeepEqual(early, one);
    assert.deepEqual(part.result(), one);
    assert.deepEqual(part.result(), one); // result() does not change it
  });

  test('the native converter gives the same numbers as the tape', () => {
    // a getter makes the tape walk give up on that chunk: the native
    // converter reads it, getters included
    const tricky = events.slice(0, 25000).map((e, i) => (i % 5000 === 7
      ? Object.defineProperty({ ...e }, 'type', { get: () => e.type, enumerable: true }) : e));
    assert.deepEqual(metrics(tricky), metrics(events.slice(0, 25000)));
    // null-prototype events are plain too
    assert.deepEqual(metrics(events.slice(0, 50).map((e) => Object.assign(Object.create(null), e))),
      metrics(events.slice(0, 50)));
  });

  test('an iterator\'s events are counted chunk by chunk', () => {
    // the events an iterator has handed over but the core has not counted
    // yet never exceed one chunk: the rest can be collected
    const m = new Metrics();
    let given = 0;
    let most = 0;
    function* gen(n) {
      for (let i = 0; i < n; i++) {
        most = Math.max(most, given - m.count);
        given++;
        yield { type: 'ask', at: i, conversation: `c${i % 500}`, flow: 'f', step: `s${i % 7}` };
      }
    }
    m.add(gen(35000));
    assert.equal(m.count, 35000);
    assert.ok(most <= CHUNK, `${most} events held at once`);
    assert.equal(m.result().completion.overall, 0);
    assert.equal(m.result().conversations, 500);
  });

  test('a million events in chunks', () => {
    const m = new Metrics();
    const n = 1000000;
    function* gen() {
      for (let i = 0; i < n; i++) {
        const c = `c${i >> 3}`;
        const k = i & 7;
        if (k === 0) yield { type: 'ask', at: i, conversation: c, flow: 'f', step: 'a' };
        else if (k < 7) yield { type: 'commit', at: i, conversation: c, flow: 'f', step: 'a', latency: k };
        else yield { type: 'close', at: i, conversation: c, outcome: 'completed' };
      }
    }
    m.add(gen());
    assert.equal(m.count, n);
    const r = m.result();
    assert.equal(r.conversations, n / 8);
    // latencies 1-6, 125,000 of each: rank 375,000 is the last 3, rank 675,000 a 6
    assert.deepEqual(r.time_to_next_step, { median: 3, p90: 6 });
    assert.equal(r.completion.overall, 6);
  });
});

// ---- bad input ------------------------------------------------------------------------------

describe('bad input', () => {
  test('a bad event names its index in the whole stream', () => {
    const events = Array.from({ length: 25000 }, (_, i) => ask(i));
    events[23456] = { type: 'hello', at: 1, conversation: 'c' };
    const m = new Metrics();
    const e = assertTyError(() => m.add(generate(events)),
      { code: 'TY_EVENT', reason: 'event', path: 'events[23456].type' });
    assert.ok(e.message.startsWith('events[23456].type: unknown event type "hello"'), e.message);
    assert.ok(e.stack.includes('events[23456].type'));
    assert.equal(m.count, 20000); // the two chunks before it were counted, its own was not
    // from an array (slices), too
    assertTyError(() => metrics(events), { path: 'events[23456].type' });
    // a value the tape cannot carry: the native converter names the same place
    events[23456] = { type: 'ask', at: NaN, conversation: 'c', flow: 'f', step: 's' };
    const nan = assertTyError(() => metrics(events), { code: 'TY_EVENT', path: 'events[23456].at' });
    assert.ok(nan.message.startsWith('events[23456].at: '), nan.message);
    events[23456] = { type: 'ask', at: new Date(), conversation: 'c', flow: 'f', step: 's' };
    assertTyError(() => metrics(events), { path: 'events[23456].at', message: /not an instance of Date/ }, TypeError);
    events[23456] = { type: 'commit', at: 1, conversation: 'c', flow: 'f', step: 's' };
    assertTyError(() => metrics(events), { message: 'events[23456].latency: missing' });
    events[23456] = { type: 'ask', at: 1, conversation: 'c', flow: 'f', step: 's', data: { x: [1, '\ud800'] } };
    assertTyError(() => metrics(generate(events)),
      { code: 'TY_EVENT', reason: 'utf8', path: 'events[23456].data.x[1]' });
  });

  test('unknown types and missing fields', () => {
    for (const [events, where] of [
      [[{ type: 'nope', at: 1, conversation: 'c' }], 'events[0].type'],
      [[ask(1), { at: 1, conversation: 'c' }], 'events[1].type'],
      [[ask(1), ask(2), { type: 'ask', at: 1, flow: 'f', step: 's' }], 'events[2].conversation'],
      [[{ type: 'handoff', at: 1, conversation: 'c' }], 'events[0].filled'],
      [[ask(1), 'ask'], 'events[1]'],
      [[ask(1), null], 'events[1]'],
      [[ask(1), undefined], 'events[1]'], // an undefined item is null, as in JSON
      [[ask(1), [ask(2)]], 'events[1]'],
    ]) {
      assertTyError(() => metrics(events), { code: 'TY_EVENT', path: where });
    }
  });

  test('not a list of events', () => {
    for (const bad of [{ type: 'ask' }, 'ask', Buffer.from('ask'), new Uint8Array(3), 5, null, undefined, true]) {
      assertTyError(() => metrics(bad), {
        code: 'TY_EVENT', reason: 'event', path: 'events', message: 'events: must be a list of metric events',
      });
    }
    assertTyError(() => metrics([new Map([['type', 'ask']])]), { path: 'events[0]' }, TypeError);
  });

  test('an iterator that throws', () => {
    function* broken() {
      yield ask(1);
      throw new Error('log file went away');
    }
    const m = new Metrics();
    assert.throws(() => m.add(broken()), /went away/);
    m.add([ask(2)]);
    assert.equal(m.count, 1);
  });

  test('adding to a Metrics from inside its own add is refused', () => {
    const m = new Metrics();
    function* sneaky() {
      yield ask(1);
      m.add([ask(2)]);
    }
    assert.throws(() => m.add(sneaky()), /inside Metrics\.add/);
    m.add([ask(3)]); // still usable
    assert.equal(m.count, 1);
    // result() inside an add is a snapshot
    const n = new Metrics();
    const seen = [];
    function* peek() {
      yield ask(1);
      seen.push(n.result().conversations);
    }
    n.add(peek());
    assert.deepEqual(seen, [0]);
  });
});

// ---- the object -----------------------------------------------------------------------------

describe('Metrics objects', () => {
  test('a class over the native accumulator', () => {
    const m = new Metrics();
    assert.ok(m instanceof Metrics);
    assert.ok(m instanceof ty._native.Metrics);
    assert.equal(m._add, undefined); // the raw calls are channels.js's
    assert.throws(() => Metrics(), TypeError);
    assert.throws(() => Metrics.prototype.result.call({}), TypeError);
    assert.throws(() => ty._native.Metrics.prototype.result.call(Playbook.default()._pb), TypeError);
    assert.throws(() => ty._native.Metrics.prototype._add.call(m, new ArrayBuffer(8), 5, '', null, 0),
      /malformed value tape/);
    assert.equal(require('node:util').inspect(m), '<tinyyes.Metrics: 0 events>');
  });

  test('collected Metrics free their memory', () => {
    // a child with --expose-gc: many accumulators, each with thousands of
    // conversations, created and dropped; its memory settles
    const script = `
      const ty = require(${JSON.stringify(path.join(repo, 'node'))});
      const events = [];
      for (let i = 0; i < 5000; i++) events.push({type: 'ask', at: i, conversation: 'conv-' + i, flow: 'f', step: 's'});
      const rss = [];
      (async () => {
        for (let round = 0; round < 8; round++) {
          for (let k = 0; k < 60; k++) { const m = new ty.Metrics(); m.add(events); m.result(); }
          // Node runs Node-API finalizers after a GC, from the event loop
          for (let i = 0; i < 3; i++) { global.gc(); await new Promise((r) => setImmediate(r)); }
          rss.push(process.memoryUsage().rss);
        }
        process.stdout.write(JSON.stringify(rss));
      })();`;
    const r = spawnSync(process.execPath, ['--expose-gc', '-e', script], { encoding: 'utf8', timeout: 120000 });
    assert.equal(r.status, 0, r.stderr);
    const rss = JSON.parse(r.stdout);
    // 480 accumulators of 5000 conversations (about 1 MB each) were made:
    // kept, that would be hundreds of MB
    const growth = rss[rss.length - 1] - rss[2];
    assert.ok(growth < 48 * 1024 * 1024, `rss grew by ${growth} bytes: ${rss}`);
  });
});
