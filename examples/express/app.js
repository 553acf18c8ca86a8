'use strict';
// app.js — a WhatsApp bot on Express with tinyyes (README.md beside this file).
//
//   GET  /webhook/whatsapp   Meta's verification request (tinyyes.handshake)
//   POST /webhook/whatsapp   a webhook: signature checked on the raw body
//                            (tinyyes.verify), read into events
//                            (tinyyes.inbound), each stepped under a Redis
//                            lock on its conversation
//   a BullMQ worker          the tick at each state's `due` (follow-ups,
//                            the no-response close)
//
// What the bot sends goes to a Redis list (the outbox) as the Cloud API
// request body: a sender process POSTs them to Meta. State, the customer's
// last message time and the metric events live in Redis too.

const express = require('express');
const Redis = require('ioredis');
const { Queue, Worker } = require('bullmq');
// the test runs this example against the checkout; an app has `require('tinyyes')`
const tinyyes = require(process.env.TINYYES_MODULE || 'tinyyes');

const KEY = {
  state: (c) => `tinyyes:state:${c}`,
  lastCustomer: (c) => `tinyyes:last:${c}`,
  lock: (c) => `tinyyes:lock:${c}`,
  outbox: 'tinyyes:outbox',
  events: 'tinyyes:events',
};
const LOCK_MS = 10000; // a step takes microseconds; this only bounds a crashed holder
const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0";

/**
 * The bot. options: redis ({host, port}), appSecret (Meta app secret),
 * verifyToken, stateSecret (signs stored states), playbook (default: the
 * default playbook), now() (Unix seconds; default the clock), timeScale
 * (real seconds per bot second for follow-up delays; 1 in production).
 * Returns {app, now, close()}.
 */
function createBot(options) {
  const o = options;
  const playbook = o.playbook || tinyyes.Playbook.default({ secret: o.stateSecret });
  const now = o.now || (() => Math.floor(Date.now() / 1000));
  const scale = o.timeScale || 1;
  const redis = new Redis(o.redis);
  const connection = { ...o.redis, maxRetriesPerRequest: null };
  const ticks = new Queue('tinyyes-ticks', { connection });

  // Runs fn while holding this conversation's lock: webhooks for one
  // conversation may arrive at once, and each step needs the last state.
  async function withLock(conversation, fn) {
    const token = `${process.pid}-${Math.random()}`;
    for (let wait = 2; ; wait = Math.min(wait * 2, 50)) {
      if (await redis.set(KEY.lock(conversation), token, 'PX', LOCK_MS, 'NX')) break;
      await new Promise((r) => setTimeout(r, wait));
    }
    try {
      return await fn();
    } finally {
      await redis.eval(RELEASE, 1, KEY.lock(conversation), token);
    }
  }

  // One event through the playbook: the new state, what to send, the
  // metric events, and the next tick. Caller holds the lock.
  async function step(conversation, event) {
    const raw = await redis.get(KEY.state(conversation));
    let out;
    try {
      out = playbook.step(raw ? JSON.parse(raw) : null, event);
    } catch (e) {
      if (e.reason === 'late') return { late: true }; // delivered out of order: dropped on purpose
      throw e;
    }
    if (out.duplicate) return out; // delivered twice: nothing more to do
    if (event.type === 'message') await redis.set(KEY.lastCustomer(conversation), String(event.at));
    const last = Number(await redis.get(KEY.lastCustomer(conversation))) || undefined;
    const multi = redis.multi().set(KEY.state(conversation), JSON.stringify(out.state));
    for (const action of out.actions) {
      if (action.type !== 'send') continue;
      const msg = tinyyes.payload(action, 'whatsapp', { to: conversation, at: event.at, lastCustomerAt: last });
      multi.rpush(KEY.outbox, JSON.stringify({ conversation, window: msg.window, requires: msg.requires,
        body: msg.payload }));
    }
    for (const e of out.events) multi.rpush(KEY.events, JSON.stringify(e));
    await multi.exec();
    const due = out.state.due;
    if (due !== null && due !== undefined) {
      const delay = Math.max(0, Math.round((due - now()) * 1000 * scale));
      // one job per conversation and due time: a repeated schedule is a no-op
      await ticks.add('tick', { conversation }, { delay, jobId: `${conversation}-${due}`, removeOnComplete: true,
        removeOnFail: 100 });
    }
    return out;
  }

  const worker = new Worker('tinyyes-ticks', async (job) => {
    const { conversation } = job.data;
    await withLock(conversation, async () => {
      const raw = await redis.get(KEY.state(conversation));
      const due = raw ? JSON.parse(raw).due : null;
      if (due === null || due === undefined || due > now()) return; // answered meanwhile, or not yet
      await step(conversation, { type: 'tick', at: now() });
    });
  }, { connection });

  const app = express();
  app.get('/webhook/whatsapp', (req, res) => {
    const challenge = tinyyes.handshake(req.query, o.verifyToken);
    if (challenge === null) res.sendStatus(403);
    else res.type('text/plain').send(challenge);
  });
  app.post('/webhook/whatsapp', express.raw({ type: () => true, limit: '1mb' }), async (req, res, next) => {
    try {
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      if (!tinyyes.verify('whatsapp', o.appSecret, req.headers, body)) return res.sendStatus(401);
      let read;
      try {
        read = tinyyes.inbound('whatsapp', body, { at: now() });
      } catch (e) {
        return res.status(400).json({ error: e.message });
      }
      for (const event of read.events) await withLock(event.conversation, () => step(event.conversation, event));
      res.sendStatus(200);
    } catch (e) {
      next(e);
    }
  });

  async function close() {
    await worker.close();
    await ticks.close();
    redis.disconnect();
  }
  return { app, now, close, redis };
}

module.exports = { createBot, KEY };
