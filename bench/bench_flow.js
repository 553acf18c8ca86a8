#!/usr/bin/env node
/*
 * bench_flow.js — Playbook#step from Node, side by side with XState.
 *
 * The five-step booking of bench_flow.py (the default playbook; the service
 * in the first message, then day, part of day, name, and "yes" to the
 * check; the fifth step books and closes), run over and over. As a web app
 * storing the conversation in a database does, the state is serialised with
 * JSON.stringify after every step and restored with JSON.parse before the
 * next. Rows:
 *
 *   step + JSON          the figure to compare (bench_flow.py and bench_flow.c do the same)
 *   step only            the state object passed straight back (no serialisation)
 *   step + JSON, signed  new Playbook(..., {secret}): HMAC-SHA256 over the canonical
 *                        state on every step, verified on the way in
 *   stepJson (text state) the state stored as the JSON text Playbook#stepJson takes
 *                        and returns: the core parses and writes it, so JS never
 *                        does (the same bytes as JSON.stringify of step's state,
 *                        checked before timing)
 *   stepJson, signed     the same with a secret
 *   xstate step + JSON   XState v5 (bench/node_modules, from bench/package.json)
 *                        running an equivalent booking machine
 *                        (greet/service/day/time/name/confirm) driven by the same
 *                        five messages, its snapshot persisted on every step with
 *                        actor.getPersistedSnapshot() -> JSON.stringify ->
 *                        JSON.parse -> createActor(machine, {snapshot}).start()
 *
 * The XState machine does what a hand-built bot with it does: assign each
 * answer to the context, pick the next question, keep the last turns (as
 * tinyyes' state does); it has no intent matching, no answer recognisers and
 * no templates, which tinyyes runs on every step. Each row: steps per
 * second and microseconds per step, the median of several timed batches
 * (each about --batch-seconds long); then XState's time over ours, round by
 * round, as the median and the range of the rounds (the medians of the rows
 * alone came out anywhere from 1.4x to 2.3x in runs minutes apart with the
 * same code: XState's own rate moves that much on this machine).
 *
 * The rows run in interleaved rounds (so a busy machine affects all of them
 * alike), timed in the process's CPU time (user + system, GC threads
 * included), which other work on the machine inflates far less than
 * wall-clock time; --wall times wall-clock instead.
 *
 *   node bench/bench_flow.js [--repeat 7] [--batch-seconds 0.3] [--wall]
 */
'use strict';

const path = require('path');
const { createRequire } = require('module');

const tinyyes = require(path.join(__dirname, '..', 'node'));

const peerRequire = createRequire(path.join(__dirname, 'package.json'));

const AT = 1795514400; // Tue 2026-11-24 10:00 UTC: inside opening hours, outside quiet hours
const SCRIPT = ["I'd like to book a full service", 'friday', 'morning', 'Sam', 'yes'];

function option(name, dflt) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
}

function conversation(pb, serialise, conv = 'bench') {
  let stored = null;
  let at = AT;
  let result = null;
  for (const text of SCRIPT) {
    at += 20;
    const state = serialise && stored !== null ? JSON.parse(stored) : stored;
    result = pb.step(state, { type: 'message', text, at, conversation: conv });
    stored = serialise ? JSON.stringify(result.state) : result.state;
  }
  return result;
}

// The same with the state stored as text by stepJson: the core reads and
// writes the text, JS never parses or serialises the state.
function conversationText(pb, conv = 'bench') {
  let stored = null;
  let at = AT;
  let result = null;
  for (const text of SCRIPT) {
    at += 20;
    result = pb.stepJson(stored, { type: 'message', text, at, conversation: conv });
    stored = result.state;
  }
  return result;
}

// The script must really book (else the bench would time something else).
function check(pb) {
  const last = conversation(pb, true);
  const kinds = last.actions.map((a) => a.type);
  if (!kinds.includes('close') || last.state.status !== 'closed') {
    throw new Error(`bench_flow: the scripted booking did not complete: ${JSON.stringify(last.actions)}`);
  }
  return JSON.stringify(last.state).length;
}

// ---- XState: the same booking as a state machine ----------------------------------

function xstateBooking(xstate) {
  const { setup, assign } = xstate;
  const keep = (context, from, text, at) => [...context.turns, { from, text, at }].slice(-10);
  // each answer is stored, the next question asked and both turns kept
  const answer = (slot, next) => assign(({ context, event }) => {
    const turns = keep(context, 'customer', event.text, event.at);
    return { [slot]: event.text, reply: next, turns: keep({ turns }, 'bot', next, event.at), asked: event.at };
  });
  return setup({
    guards: {
      hasService: ({ context }) => context.service !== null,
      isYes: ({ event }) => /^(y|yes|yep|sure|ok)\b/i.test(event.text),
    },
  }).createMachine({
    id: 'booking',
    initial: 'greet',
    context: { service: null, day: null, time: null, name: null, reply: null, turns: [], asked: null },
    states: {
      greet: {
        on: {
          MESSAGE: {
            target: 'service',
            actions: assign(({ context, event }) => {
              const m = /\b(tune-up|full service)\b/i.exec(event.text);
              return { service: m ? m[1].toLowerCase() : null, turns: keep(context, 'customer', event.text, event.at) };
            }),
          },
        },
      },
      service: {
        always: [{ guard: 'hasService', target: 'day', actions: assign(({ context }) => ({
          reply: 'Which day would you like to bring the bike in?',
          turns: keep(context, 'bot', 'Which day would you like to bring the bike in?', context.turns.at(-1).at),
        })) }],
        on: { MESSAGE: { target: 'day', actions: answer('service', 'Which day would you like to bring the bike in?') } },
      },
      day: { on: { MESSAGE: { target: 'time', actions: answer('day', 'Morning or afternoon?') } } },
      time: { on: { MESSAGE: { target: 'name', actions: answer('time', 'What name should I put the booking under?') } } },
      name: { on: { MESSAGE: { target: 'confirm', actions: answer('name', 'Shall I book it?') } } },
      confirm: {
        on: {
          MESSAGE: [
            { guard: 'isYes', target: 'booked', actions: answer('confirmed', "You're booked. See you then!") },
            { target: 'greet', actions: answer('confirmed', 'No problem. What would you like to change?') },
          ],
        },
      },
      booked: { type: 'final' },
    },
  });
}

function xstateConversation(xstate, machine) {
  const { createActor } = xstate;
  let stored = null;
  let at = AT;
  let snapshot = null;
  for (const text of SCRIPT) {
    at += 20;
    const actor = stored === null ? createActor(machine) : createActor(machine, { snapshot: JSON.parse(stored) });
    actor.start();
    actor.send({ type: 'MESSAGE', text, at });
    snapshot = actor.getPersistedSnapshot();
    stored = JSON.stringify(snapshot);
    actor.stop();
  }
  return snapshot;
}

function checkXstate(xstate, machine) {
  const snap = xstateConversation(xstate, machine);
  if (snap.value !== 'booked' || snap.status !== 'done' || snap.context.name !== 'Sam') {
    throw new Error(`bench_flow: the XState booking did not complete: ${JSON.stringify(snap)}`);
  }
  return JSON.stringify(snap).length;
}

// ---- timing -------------------------------------------------------------------------

const WALL = process.argv.includes('--wall');

// Seconds of CPU time used by the process so far (or wall-clock with --wall).
function clock() {
  if (WALL) return Number(process.hrtime.bigint()) / 1e9;
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

// How many runs of fn take about `seconds`.
function batchSize(fn, seconds) {
  let n = 1;
  for (;;) {
    const t0 = clock();
    for (let i = 0; i < n; i++) fn();
    const dt = clock() - t0;
    if (dt >= seconds / 4) return Math.max(1, Math.floor((n * seconds) / dt));
    n *= 4;
  }
}

function median(xs) {
  return [...xs].sort((a, b) => a - b)[xs.length >> 1];
}

// Seconds per step of each fn in each round (the fns timed in interleaved
// rounds): rounds[k][r].
function measure(fns, repeat, batchSeconds) {
  const sizes = fns.map((fn) => batchSize(fn, batchSeconds));
  const rounds = fns.map(() => []);
  for (let r = 0; r < repeat; r++) {
    fns.forEach((fn, k) => {
      const t0 = clock();
      for (let i = 0; i < sizes[k]; i++) fn();
      rounds[k].push((clock() - t0) / (sizes[k] * SCRIPT.length));
    });
  }
  return rounds;
}

// XState's time over ours, round by round (a round's rows ran back to back,
// so a slow spell of the machine weighs on both): "median (min to max)".
function ratioText(xs, ours) {
  const r = xs.map((x, i) => x / ours[i]);
  return `${median(r).toFixed(2)}x (rounds ${Math.min(...r).toFixed(2)} to ${Math.max(...r).toFixed(2)})`;
}

function row(name, per) {
  console.log(`${name.padEnd(22)} ${(1 / per).toFixed(0).padStart(9)} steps/s  ${(per * 1e6).toFixed(1).padStart(7)} us/step`);
}

function main() {
  const repeat = option('--repeat', 7);
  const batchSeconds = option('--batch-seconds', 0.3);
  const plain = tinyyes.Playbook.default();
  const signed = tinyyes.Playbook.default({ secret: 'bench secret' });
  const size = check(plain);
  check(signed);
  for (const pb of [plain, signed]) { // stepJson must store what step + JSON.stringify stores
    const a = conversationText(pb).state, b = JSON.stringify(conversation(pb, true).state);
    if (a !== b) throw new Error(`bench_flow: stepJson stored ${a.length} bytes that differ from step's ${b.length}`);
  }
  console.log(`tinyyes ${tinyyes.version} (Node ${process.version}): five-step booking with the default playbook; ` +
    `final state ${size} bytes of JSON`);
  const rows = [
    ['step + JSON', () => conversation(plain, true)],
    ['step only', () => conversation(plain, false)],
    ['step + JSON, signed', () => conversation(signed, true)],
    ['stepJson (text state)', () => conversationText(plain)],
    ['stepJson, signed', () => conversationText(signed)],
  ];
  let xstate = null;
  try {
    xstate = peerRequire('xstate');
  } catch (e) {
    if (e.code !== 'MODULE_NOT_FOUND') throw e;
  }
  let xsize = 0;
  if (xstate) {
    const machine = xstateBooking(xstate);
    xsize = checkXstate(xstate, machine);
    const version = peerRequire('xstate/package.json').version;
    rows.push([`xstate ${version} + JSON`, () => xstateConversation(xstate, machine)]);
  }
  const rounds = measure(rows.map(([, fn]) => fn), repeat, batchSeconds);
  const per = rounds.map(median);
  rows.forEach(([name], k) => row(name, per[k]));
  console.log(`(${WALL ? 'wall-clock' : 'CPU'} time, median of ${repeat} interleaved rounds)`);
  if (!xstate) {
    console.log('SKIP xstate: not installed (npm install in bench/)');
    return;
  }
  console.log(`(XState's final persisted snapshot: ${xsize} bytes of JSON)`);
  const x = rounds[rows.length - 1];
  console.log(`tinyyes step + JSON runs at ${ratioText(x, rounds[0])} XState's rate; ` +
    `stepJson (the state kept as text, as a database column holds it) at ${ratioText(x, rounds[3])} ` +
    '(goal: at least 2x)');
}

main();
