'use strict';
// test.js — the Express example over real HTTP on 127.0.0.1 with a real
// Redis server (started here on a free port, always stopped): Meta's
// handshake, signatures, a conversation, duplicate delivery, two webhooks
// for one conversation at once, a follow-up as a BullMQ delayed job, and
// webhook-to-outbox latency (printed, not asserted).

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const net = require('node:net');
const path = require('node:path');
const { spawn } = require('node:child_process');

process.env.TINYYES_MODULE = process.env.TINYYES_MODULE || path.resolve(__dirname, '..', '..', 'node');
const { createBot, KEY } = require('./app');

const APP_SECRET = 'test-app-secret';
const HOUR = 3600;
let redisProc;
let redisPort;
let bot;
let server;
let base;
let clock; // the bot's clock: seconds, moved by the test

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function waitFor(fn, what, ms = 10000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

before(async () => {
  redisPort = await freePort();
  redisProc = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '',
    '--appendonly', 'no'], { stdio: 'ignore' });
  const Redis = require('ioredis');
  const probe = new Redis({ host: '127.0.0.1', port: redisPort, lazyConnect: true, retryStrategy: () => 50 });
  await waitFor(async () => (await probe.ping()) === 'PONG', 'redis-server');
  probe.disconnect();
  clock = 1795514400;
  // follow-up delays run 1/7200 of real time: a 4-hour wait is 2 s
  bot = createBot({ redis: { host: '127.0.0.1', port: redisPort }, appSecret: APP_SECRET, verifyToken: 'bikes-2026',
    stateSecret: 'state-secret', now: () => clock, timeScale: 1 / 7200 });
  server = bot.app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${server.address().port}`;
});

after(async () => {
  try {
    if (server) await new Promise((r) => server.close(r));
    if (bot) await bot.close();
  } finally {
    if (redisProc) redisProc.kill('SIGTERM'); // always stopped, even when a test failed
  }
});

test('server.js starts the bot from its environment', async () => {
  const port = await freePort();
  const proc = spawn(process.execPath, [path.join(__dirname, 'server.js')], { stdio: 'ignore', env: {
    ...process.env, PORT: String(port), REDIS_PORT: String(redisPort), APP_SECRET: APP_SECRET,
    VERIFY_TOKEN: 'from-env', STATE_SECRET: 'state-secret' } });
  try {
    const url = `http://127.0.0.1:${port}/webhook/whatsapp?hub.mode=subscribe&hub.verify_token=from-env&hub.challenge=77`;
    const res = await waitFor(async () => { const r = await fetch(url); return r.status === 200 ? r : undefined; },
      'server.js');
    assert.equal(await res.text(), '77');
  } finally {
    proc.kill('SIGTERM');
  }
});

let seq = 0;
function whatsapp(from, text, id = `wamid.T${++seq}`) {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ id: '1', changes: [{ field: 'messages', value: {
      messaging_product: 'whatsapp', metadata: { phone_number_id: '1' },
      messages: [{ from, id, timestamp: String(clock), type: 'text', text: { body: text } }],
    } }] }],
  });
}

function post(body, secret = APP_SECRET) {
  const sig = 'sha256=' + crypto.createHmac('sha256', secret).update(body).digest('hex');
  return fetch(`${base}/webhook/whatsapp`, { method: 'POST', body,
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': sig } });
}

const outbox = async () => (await bot.redis.lrange(KEY.outbox, 0, -1)).map((s) => JSON.parse(s));
const stateOf = async (c) => JSON.parse(await bot.redis.get(KEY.state(c)));

test('Meta\'s handshake', async () => {
  const ok = await fetch(`${base}/webhook/whatsapp?hub.mode=subscribe&hub.verify_token=bikes-2026&hub.challenge=4242`);
  assert.equal(ok.status, 200);
  assert.equal(await ok.text(), '4242');
  const bad = await fetch(`${base}/webhook/whatsapp?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=4242`);
  assert.equal(bad.status, 403);
});

test('a webhook without the right signature is refused, and nothing is stepped', async () => {
  assert.equal((await post(whatsapp('15550000001', 'hi'), 'wrong-secret')).status, 401);
  assert.equal(await bot.redis.get(KEY.state('15550000001')), null);
});

test('a conversation, a duplicate delivery and a late one', async () => {
  const first = whatsapp('15550000002', 'hi, can I book a tune-up?');
  assert.equal((await post(first)).status, 200);
  let sent = (await outbox()).filter((m) => m.conversation === '15550000002');
  assert.equal(sent.length, 1);
  assert.equal(sent[0].body.to, '15550000002');
  // delivered again: 200, nothing sent twice, the state as it was
  const before = await stateOf('15550000002');
  assert.equal((await post(first)).status, 200);
  assert.equal((await outbox()).filter((m) => m.conversation === '15550000002').length, 1);
  assert.deepEqual(await stateOf('15550000002'), before);
  // an answer, then an older message arrives late: dropped on purpose
  clock += 60;
  assert.equal((await post(whatsapp('15550000002', 'saturday morning'))).status, 200);
  clock -= 30;
  assert.equal((await post(whatsapp('15550000002', 'an old message'))).status, 200);
  clock += 30;
  sent = (await outbox()).filter((m) => m.conversation === '15550000002');
  assert.equal(sent.length, 2);
});

test('two webhooks for one conversation at once: both stepped, one after the other', async () => {
  clock += 10;
  const a = whatsapp('15550000003', 'hello');
  const b = whatsapp('15550000003', 'I would like to book a service');
  const [ra, rb] = await Promise.all([post(a), post(b)]);
  assert.deepEqual([ra.status, rb.status], [200, 200]);
  const state = await stateOf('15550000003');
  assert.equal(state.seen.length, 2); // both messages are in the state: none overwrote the other
  assert.equal(state.turns.filter((t) => t.from === 'customer').length, 2);
});

test('a follow-up goes out as a BullMQ delayed job at the state\'s due time', async () => {
  clock += 10;
  assert.equal((await post(whatsapp('15550000004', 'can I book a full service?'))).status, 200);
  const due = (await stateOf('15550000004')).due;
  assert.ok(due > clock);
  clock = due; // the bot's clock reaches it while the job's delay runs out
  const followup = await waitFor(async () => {
    const sent = (await outbox()).filter((m) => m.conversation === '15550000004');
    return sent.length === 2 ? sent[1] : undefined;
  }, 'the follow-up');
  assert.equal(followup.body.messaging_product, 'whatsapp');
  assert.equal((await stateOf('15550000004')).followups, 1);
});

test('latency: webhook to outbox over HTTP, beside the engine\'s own step', async () => {
  const times = [];
  for (let i = 0; i < 60; i++) {
    clock += 5;
    const conv = `1555100${String(i).padStart(4, '0')}`;
    const t0 = process.hrtime.bigint();
    const r = await post(whatsapp(conv, 'hi, how much is a tune-up?'));
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    assert.equal(r.status, 200);
  }
  const pb = require(process.env.TINYYES_MODULE).Playbook.default();
  const steps = [];
  for (let i = 0; i < 200; i++) {
    const t0 = process.hrtime.bigint();
    pb.step(null, { type: 'message', text: 'hi, how much is a tune-up?', at: clock, conversation: `x${i}` });
    steps.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const q = (xs, p) => [...xs].sort((x, y) => x - y)[Math.min(xs.length - 1, Math.ceil(p * xs.length) - 1)];
  console.log(`express webhook -> outbox: median ${q(times, 0.5).toFixed(2)} ms, p99 ${q(times, 0.99).toFixed(2)} ms; ` +
    `engine step alone: median ${(q(steps, 0.5) * 1000).toFixed(0)} us`);
});
