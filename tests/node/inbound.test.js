'use strict';
// inbound() (docs/inbound.md): the shared vectors in tests/vectors/inbound.json,
// bodies as Buffers and strings, the host's time, errors, and a Telegram tap
// end to end (step asks, payload builds the keyboard, the callback query goes
// through inbound and step takes the option by its id).

const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const repo = path.resolve(__dirname, '..', '..');
const ty = require(path.join(repo, 'node'));
const { cases } = JSON.parse(fs.readFileSync(path.join(repo, 'tests', 'vectors', 'inbound.json'), 'utf8'));

test('vectors', async (t) => {
  for (const c of cases) {
    await t.test(c.name, () => {
      // the native function, so a case without "at" means no time at all (as
      // in C); the public inbound() reads the clock instead
      const at = c.at === undefined ? null : c.at;
      if (c.error) {
        assert.throws(() => ty._native._inbound(c.channel, c.body, at), (e) => {
          assert.equal(e.reason, c.error.code);
          if (c.error.path) assert.equal(e.path, c.error.path);
          if (e.reason === 'event' || e.reason === 'json') assert.ok(e instanceof ty.EventError);
          return true;
        });
        return;
      }
      const want = JSON.stringify(c.expected);
      assert.equal(JSON.stringify(ty._native._inbound(c.channel, c.body, at)), want);
      const raw = Buffer.from(c.body, 'utf8');
      assert.equal(JSON.stringify(ty._native._inbound(c.channel, raw, at)), want);
      assert.equal(JSON.stringify(ty._native._inbound(c.channel, new Uint8Array(raw), at)), want);
    });
  }
});

test('the time of arrival defaults to now', () => {
  const body = 'From=%2B15550001234&Body=hello&MessageSid=SM1';
  const before = Math.floor(Date.now() / 1000);
  const [ev] = ty.inbound('sms', body).events;
  assert.ok(ev.at >= before && ev.at <= Math.floor(Date.now() / 1000) + 1);
  const when = new Date(Date.UTC(2026, 11, 4, 10));
  assert.equal(ty.inbound('sms', body, { at: when }).events[0].at, when.getTime() / 1000);
});

test('argument errors', () => {
  assert.throws(() => ty.inbound('viber', '{}'), (e) => e.reason === 'arg' && e.path === 'channel');
  assert.throws(() => ty.inbound('webchat', { conversation: 'c', text: 'hi' }), TypeError);
  assert.throws(() => ty.inbound(7, '{}'), TypeError);
  assert.throws(() => ty.inbound('webchat', '{}', { when: 1 }), TypeError);
  assert.throws(() => ty.inbound('telegram', Buffer.from('{"update_id": 1, ')),
    (e) => e instanceof ty.EventError && e.reason === 'json' && e.line === 1);
});

test('a Telegram tap end to end', () => {
  const pb = ty.Playbook.default();
  const first = pb.step(null, { type: 'message', text: 'hi', at: 1795000000, conversation: '4242', channel: 'telegram' });
  const send = first.actions[0];
  const p = ty.payload(send, 'telegram', { to: 4242, at: 1795000000 }).payload;
  const button = p.reply_markup.inline_keyboard[1][0];
  assert.equal(button.callback_data, send.choices[1].id);
  const update = {
    update_id: 5001,
    callback_query: {
      id: 'cb', from: { id: 4242 }, data: button.callback_data,
      message: { message_id: 9, date: 1795000000, chat: { id: 4242, type: 'private' }, text: p.text, reply_markup: p.reply_markup },
    },
  };
  const { events } = ty.inbound('telegram', Buffer.from(JSON.stringify(update)), { at: 1795000060 });
  assert.equal(events.length, 1);
  assert.deepEqual([events[0].choice, events[0].text, events[0].id], [send.choices[1].id, button.text, '5001']);
  const out = pb.step(first.state, events[0]);
  assert.equal(out.events[0].type, 'commit');
  const again = pb.step(out.state, events[0]);
  assert.equal(again.duplicate, true);
});

// ---- signatures (tests/vectors/signatures.json) ----------------------------------

const signatures = JSON.parse(fs.readFileSync(path.join(repo, 'tests', 'vectors', 'signatures.json'), 'utf8')).cases;
const HEADER = {
  whatsapp: 'X-Hub-Signature-256', messenger: 'X-Hub-Signature-256', instagram: 'X-Hub-Signature-256',
  telegram: 'X-Telegram-Bot-Api-Secret-Token', sms: 'X-Twilio-Signature',
};

test('signature vectors', async (t) => {
  for (const c of signatures) {
    await t.test(c.name, () => {
      const name = HEADER[c.channel];
      // as servers hand them over: Node's lower-case object, any case, a Headers (fetch)
      const forms = c.header === null ? [{}, new Headers()]
        : [{ [name.toLowerCase()]: c.header }, { [name]: c.header }, new Headers({ [name]: c.header })];
      for (const headers of forms) {
        for (const body of [c.body, Buffer.from(c.body, 'utf8')]) {
          assert.equal(ty.verify(c.channel, c.secret, headers, body, { url: c.url }), c.expected.valid);
        }
      }
      assert.equal(ty.verify(c.channel, Buffer.from(c.secret), forms[0], c.body, { url: c.url }), c.expected.valid);
    });
  }
});

test('verify arguments and the handshake', () => {
  assert.throws(() => ty.verify('webchat', 's', {}, '{}'), (e) => e.reason === 'arg');
  assert.throws(() => ty.verify('sms', 's', { 'x-twilio-signature': 'AAAA' }, 'a=b'), (e) => e.path === 'url');
  assert.throws(() => ty.verify('whatsapp', '', {}, '{}'), TypeError);
  assert.throws(() => ty.verify('whatsapp', 's', null, '{}'), TypeError);
  assert.throws(() => ty.verify('whatsapp', 's', { 'x-hub-signature-256': 7 }, '{}'), TypeError);
  const q = { 'hub.mode': 'subscribe', 'hub.verify_token': 'bikes-2026', 'hub.challenge': '1158201444' };
  assert.equal(ty.handshake(q, 'bikes-2026'), '1158201444');
  assert.equal(ty.handshake(new URLSearchParams(q), 'bikes-2026'), '1158201444');
  assert.equal(ty.handshake(q, 'bikes-2025'), null);
  assert.equal(ty.handshake({ ...q, 'hub.mode': 'unsubscribe' }, 'bikes-2026'), null);
  assert.equal(ty.handshake({}, 'bikes-2026'), null);
});

// ---- continue in WhatsApp (tests/vectors/handover.json) ---------------------------

const handover = JSON.parse(fs.readFileSync(path.join(repo, 'tests', 'vectors', 'handover.json'), 'utf8'));

test('handover vectors', async (t) => {
  const pb = ty.Playbook.default({ secret: handover.secret });
  const other = ty.Playbook.default({ secret: 'another secret' });
  for (const c of handover.links) {
    await t.test(c.name, () => {
      const state = c.locale ? { conversation: c.conversation, locale: c.locale } : { conversation: c.conversation };
      if (c.error) {
        assert.throws(() => pb.handoverLink(state, c.number), (e) => e.reason === c.error.reason && e.path === c.error.path);
        return;
      }
      assert.equal(pb.handoverLink(state, c.number), c.expected);
    });
  }
  for (const c of handover.finds) {
    await t.test(c.name, () => {
      assert.equal(pb.handoverRef(c.text), c.continues);
      assert.equal(other.handoverRef(c.text), null);
    });
  }
});

test('handover needs a secret; the link rides a web chat payload only', () => {
  assert.throws(() => ty.Playbook.default().handoverLink('web-1', '+447700900123'), (e) => e.reason === 'arg');
  const pb = ty.Playbook.default({ secret: 's' });
  const link = pb.handoverLink('web-1', '+447700900123');
  const send = pb.step(null, { type: 'message', text: 'hi', at: 1795000000, conversation: 'web-1' }).actions[0];
  assert.equal(ty.payload(send, 'webchat', { whatsappLink: link }).payload.whatsapp_link, link.replace(/&/g, '&amp;'));
  assert.throws(() => ty.payload(send, 'sms', { whatsappLink: link }), (e) => e.path === 'options.whatsapp_link');
});
