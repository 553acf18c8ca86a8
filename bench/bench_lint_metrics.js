#!/usr/bin/env node
/*
 * bench_lint_metrics.js — lint, payload and metrics throughput from Node,
 * the twin of bench_lint_metrics.py (same corpus, same events, same rows).
 *
 * - lint: messages per second of tinyyes.lint over a few hundred realistic
 *   outgoing messages: every message the default playbook sends in scripted
 *   conversations (bookings for many names and days, price questions,
 *   opening hours, refunds, hesitation, STOP, a person, follow-ups), plus
 *   the fifteen messages of bench_lint_metrics.c (three with findings), on
 *   WhatsApp. Also Playbook.default().lint() (every template, rendered and
 *   linted).
 * - payload: tinyyes.payload per second for a two-choice send action, every
 *   channel in turn.
 * - metrics: events per second for one million events (200,000
 *   conversations of five events, the same shapes as bench_lint_metrics.c),
 *   streamed:
 *     generator -> Metrics#add  events made by a JS generator and fed through
 *                               one add() call (walked into a value tape and
 *                               counted 10,000 at a time): the whole pipeline;
 *     arrays -> Metrics#add     add() of ready-made arrays of 10,000 objects:
 *                               the binding's conversion and the core alone;
 *   and the time of result() (sorting 200,000 latencies). Peak RSS shows the
 *   stream never sits in memory at once.
 *
 * Each figure is the median of --repeat runs, in wall-clock time.
 *
 *   node bench/bench_lint_metrics.js [--repeat 5] [--events 1000000]
 */
'use strict';

const path = require('path');

const tinyyes = require(path.join(__dirname, '..', 'node'));

const AT = 1795514400; // Tue 2026-11-24 10:00 UTC: opening hours, outside quiet hours

function option(name, dflt) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
}

// The messages of bench_lint_metrics.c, so the C and Node figures compare.
const C_MESSAGES = [
  'Hi, thanks for messaging Northbank Bike Workshop! What can I help with: booking a service, or our prices?',
  'Happy to help. Which does your bike need: Tune-up or Full service?',
  'Great, a Full service. Which day would you like to drop the bike off?',
  'Thanks. On 2026-11-24, would a morning or an afternoon drop-off suit you better?',
  'Just to check: a Full service, dropped off on 2026-11-24 in the morning, for Ana. Shall I confirm it?',
  "You're booked in: Full service, dropped off on 2026-11-24 in the morning, for Ana. We'll send a reminder the day " +
    'before, and you can reply here any time to change it.',
  'A Tune-up is \u00a345: gears and brakes adjusted, tyres checked and the chain cleaned. It usually takes one ' +
    'working day. Shall I find you a day to bring it in?',
  "We're open Tuesday to Saturday, 9am to 6pm, and most weeks we can take a bike in within two or three days. Would " +
    'you like me to find a day for you?',
  'Of course, take your time. What would help you decide: knowing which service fits your bike, or the price and ' +
    'timing?',
  'Just checking in, no rush at all. Whenever it suits you, a quick reply to my last question keeps things moving.',
  "Done. You won't get any more messages from us. If you'd ever like to chat again, just send START.",
  "Sorry, I didn't quite catch that. Is it Tune-up or Full service?",
  'Hi {{name}}! Last chance: would you like a Tune-up, a Full service or a wheel true? Let me know.',
  'Our prices are at https://northbank.example/prices. Which service do you need? And which day?',
  'Your bike is ready \u{1F6B2} Feel free to reach out if you need anything.',
];

const NAMES = ['Ana', 'Sam', 'Priya', 'Tomasz', 'Zo\u00eb', 'Kwame', 'L\u00e9a', 'Mohammed', 'Chen Wei', 'Olga',
  'Diego', 'Aoife', 'Yusuf', 'Hannah', 'Mateo', 'Ingrid', 'Ravi', 'Nadia', 'Jonas', 'Fatima', 'Kenji',
  'Siobh\u00e1n', 'Lucas', 'Amara', 'Piotr', 'Elif', 'Marco', 'Sofia', 'Ibrahim', 'Freya'];
const DAYS = ['today', 'tomorrow', 'friday', 'saturday', 'next tuesday', 'this weekend', 'in 3 days', '3 Dec',
  'Dec 9th'];
const SCRIPTS = [
  ['hi', 'A', '{service}', '{day}', '{part}', '{name}', 'yes'],
  ["I'd like to book a {service}", '{day}', '{part}', '{name}', 'no'],
  ['how much is a service', '{service}', 'yes', '{day}', '{part}', '{name}', 'yes'],
  ['when are you open', 'yes', '{service}', '{day}', '{part}', '{name}', 'yes'],
  ['I want a refund', 'yes', 'the gears still skip on the big cog'],
  ['which service do I need', 'commuting', 'yes', '{service}'],
  ['I need to think about it', 'price', 'Tune-up', 'no'],
  ['my chain keeps slipping', 'it jumps when I pedal hard uphill'],
  ['hi', 'can I talk to a person'],
  ['hi', 'STOP'],
  ['hi', "what's the weather like", 'hmm', 'B', 'Full service', 'no'],
];

// Every distinct message the default playbook sends in the scripts, for
// every name and day, with two follow-ups after silence.
function corpus(pb) {
  const seen = new Set();
  const keep = (res) => {
    for (const a of res.actions) if (a.type === 'send') seen.add(a.text);
  };
  NAMES.forEach((name, n) => {
    SCRIPTS.forEach((script, s) => {
      const fill = {
        name, day: DAYS[(n + s) % DAYS.length], service: ['Tune-up', 'Full service'][n % 2],
        part: ['morning', 'afternoon'][(n + s) % 2],
      };
      let state = null;
      let at = AT + n * 3600;
      const conversation = `bench-${n}-${s}`;
      for (const text of script) {
        at += 30;
        const res = pb.step(state, {
          type: 'message', text: text.replace(/\{(\w+)\}/g, (_, k) => fill[k]), at, conversation,
        });
        state = res.state;
        keep(res);
      }
      for (const wait of [5 * 3600, 30 * 3600]) {
        const res = pb.step(state, { type: 'tick', at: at + wait, conversation });
        state = res.state;
        keep(res);
      }
    });
  });
  for (const text of C_MESSAGES) seen.add(text);
  return [...seen];
}

// Node runs the finalizers of collected native objects (a Metrics' C
// memory) from the event loop: let it turn between runs.
const turn = () => new Promise((resolve) => setImmediate(resolve));

async function medianTime(fn, repeat) {
  const runs = [];
  for (let r = 0; r < repeat; r++) {
    if (global.gc) global.gc();
    await turn();
    const t0 = process.hrtime.bigint();
    fn();
    runs.push(Number(process.hrtime.bigint() - t0) / 1e9);
  }
  runs.sort((a, b) => a - b);
  return runs[Math.floor(runs.length / 2)];
}

// Five events per conversation (as bench_lint_metrics.c's bl_gen): ask,
// commit, ask, then a handoff + opt-out (every fifth conversation) or a
// follow-up + no-response close.
function* genEvents(nEvents) {
  for (let i = 0; i < Math.floor(nEvents / 5); i++) {
    const conversation = `conv-${i}`;
    const t = AT + i;
    const lat = 1 + (i % 1000);
    const special = i % 5 === 0;
    yield { type: 'ask', at: t, conversation, flow: 'booking', step: 'kind', slot: null };
    yield { type: 'commit', at: t + lat, conversation, flow: 'booking', step: 'kind', slot: null, latency: lat };
    yield { type: 'ask', at: t + lat, conversation, flow: 'booking', step: 'when', slot: null };
    if (special) {
      yield { type: 'handoff', at: t + lat, conversation, flow: 'booking', step: 'when', slot: null,
        reason: 'requested', filled: 1, asked: 2 };
      yield { type: 'opt_out', at: t + lat, conversation, flow: 'booking', step: 'when', slot: null };
    } else {
      yield { type: 'followup', at: t + lat, conversation, flow: 'booking', step: 'when', slot: null };
      yield { type: 'close', at: t + lat, conversation, flow: 'booking', step: 'when', slot: null,
        outcome: 'no_response' };
    }
  }
}

// Peak resident set in MB (process.resourceUsage: KiB on Linux).
const peakRssMb = () => process.resourceUsage().maxRSS / 1024;

async function main() {
  const repeat = option('--repeat', 5);
  const requested = option('--events', 1000000);
  const nEvents = requested - (requested % 5);

  const pb = tinyyes.Playbook.default();
  const messages = corpus(pb);
  const chars = messages.reduce((n, m) => n + Array.from(m).length, 0);
  const findings = messages.reduce((n, m) => n + tinyyes.lint(m, { channel: 'whatsapp' }).length, 0);
  console.log(`tinyyes ${tinyyes.version} (Node ${process.versions.node})`);
  console.log(`lint corpus: ${messages.length} distinct messages, ${chars} characters ` +
    `(mean ${Math.round(chars / messages.length)}), ${findings} findings on whatsapp`);
  const rows = [];
  const wa = { channel: 'whatsapp' };

  const rounds = 20;
  let t = await medianTime(() => {
    for (let r = 0; r < rounds; r++) for (const m of messages) tinyyes.lint(m, wa);
  }, repeat);
  let n = rounds * messages.length;
  rows.push(['lint (whatsapp)', n / t, 'messages/s', (t / n) * 1e6, 'us/message']);

  const roundsC = 400;
  t = await medianTime(() => {
    for (let r = 0; r < roundsC; r++) for (const m of C_MESSAGES) tinyyes.lint(m, wa);
  }, repeat);
  n = roundsC * C_MESSAGES.length;
  rows.push(["lint (the C bench's 15)", n / t, 'messages/s', (t / n) * 1e6, 'us/message']);
  t = await medianTime(() => {
    for (let r = 0; r < 20; r++) pb.lint();
  }, repeat) / 20;
  rows.push(['Playbook.default().lint()', 1 / t, 'playbooks/s', t * 1e3, 'ms/playbook']);

  const sent = pb.step(null, { type: 'message', text: 'how much is a service', at: AT, conversation: 'p' });
  const action = sent.actions.find((a) => a.type === 'send');
  const per = 20000;
  const opts = { at: AT + 60, lastCustomerAt: AT };
  t = await medianTime(() => {
    for (let k = 0; k < per / tinyyes.CHANNELS.length; k++) {
      for (const ch of tinyyes.CHANNELS) tinyyes.payload(action, ch, opts);
    }
  }, repeat);
  const perDone = Math.floor(per / tinyyes.CHANNELS.length) * tinyyes.CHANNELS.length;
  rows.push(['payload (6 channels)', perDone / t, 'payloads/s', (t / perDone) * 1e6, 'us/payload']);

  // metrics: the whole pipeline from a generator, then ready-made arrays
  const check = tinyyes.metrics(genEvents(10000));
  if (check.conversations !== 2000 || check.opt_outs !== 400) {
    throw new Error(`bench_lint_metrics: unexpected metrics of the generated events: ${JSON.stringify(check)}`);
  }
  const rss0 = peakRssMb();
  let m = null;
  t = await medianTime(() => {
    m = null; // one accumulator alive at a time
    const mm = new tinyyes.Metrics();
    mm.add(genEvents(nEvents));
    m = mm;
  }, repeat);
  const rssStream = peakRssMb();
  if (m.count !== nEvents) throw new Error(`bench_lint_metrics: counted ${m.count} of ${nEvents} events`);
  rows.push(['metrics: generator -> add', nEvents / t, 'events/s', t, 's total']);
  const tRes = await medianTime(() => m.result(), repeat);
  const res = m.result();
  m = null;

  const chunk = tinyyes._metricsChunk;
  const arrays = [];
  let part = [];
  for (const e of genEvents(nEvents)) {
    part.push(e);
    if (part.length === chunk) {
      arrays.push(part);
      part = [];
    }
  }
  if (part.length) arrays.push(part);
  t = await medianTime(() => {
    const mm = new tinyyes.Metrics();
    for (const a of arrays) mm.add(a);
  }, repeat);
  rows.push(['metrics: arrays -> add', nEvents / t, 'events/s', t, 's total']);
  rows.push(['metrics: result()', 1 / tRes, 'results/s', tRes * 1e3, 'ms']);

  const width = Math.max(...rows.map((r) => r[0].length));
  console.log(`${''.padEnd(width)}  ${'throughput'.padStart(14)}  ${''.padEnd(12)} ${'time'.padStart(10)}`);
  for (const [name, rate, unit, perItem, perUnit] of rows) {
    console.log(`${name.padEnd(width)}  ${rate.toFixed(0).padStart(14)}  ${unit.padEnd(12)} ` +
      `${perItem.toFixed(3).padStart(10)} ${perUnit}`);
  }
  console.log(`metrics of ${nEvents} events: ${res.conversations} conversations, completion ` +
    `${res.completion.overall}, drop-off ${JSON.stringify(res.drop_off)}; peak RSS ${rss0.toFixed(0)} MB before ` +
    `the stream, ${rssStream.toFixed(0)} MB after it (ready-made arrays: ${peakRssMb().toFixed(0)} MB)`);
}

main().catch((e) => {
  process.stderr.write(`${e && e.stack ? e.stack : e}\n`);
  process.exitCode = 1;
});
