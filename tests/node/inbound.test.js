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
