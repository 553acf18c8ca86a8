// channels.test.js — channel payloads through the Node binding (README.md),
// node:test.
//
// The shared vectors (tests/vectors/payloads.json) byte for byte (key order
// included), argument handling, bad input, and end to end for every
// channel: a choice ask sent by a real Playbook#step, built into the
// platform's payload, answered with what the platform sends back (button or
// list-row id, quick-reply payload, callback data) or what a customer
// types ("A", "1", the title), and the flow takes the answer. The twin of
// tests/python/test_channels.py.
'use strict';

const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const { TinyyesError } = require('../../node');
const path = require('node:path');

const repo = path.resolve(__dirname, '..', '..');
const ty = require(path.join(repo, 'node'));
const { Playbook, payload, CHANNELS } = ty;

const AT = 1795000000;
const HOUR = 3600;

const { assertTyError, heldTape } = require('./helpers');

// ---- shared vectors ---------------------------------------------------------------

// The vector options and the option each maps to: the same names as
// tests/c/test_payload.c reads into ty_payload_opts, in camelCase.
const OPTION_NAMES = {
  at: 'at',
  last_customer_at: 'lastCustomerAt',
  parse_mode: 'parseMode',
  human_agent: 'humanAgent',
  to: 'to',
  locale: 'locale',
  whatsapp_link: 'whatsappLink',
};

function vectorOptions(c) {
  const out = {};
  for (const [k, v] of Object.entries(c.options || {})) {
    assert.ok(Object.hasOwn(OPTION_NAMES, k), `vector ${c.name}: option ${k} has no name in tinyyes.payload`);
    out[OPTION_NAMES[k]] = v;
  }
  // The C test leaves `at` unknown when a vector omits it; here undefined
  // means now. The two agree as long as no vector gives the customer's last
  // message without `at`: keep it that way.
  assert.ok('at' in out || !('lastCustomerAt' in out), c.name);
  return out;
}

const vectors = JSON.parse(fs.readFileSync(path.join(repo, 'tests', 'vectors', 'payloads.json'), 'utf8')).tests;

describe('vectors: tests/vectors/payloads.json', () => {
  test('at least 40, covering every channel', () => {
    assert.ok(vectors.length >= 40);
    assert.deepEqual(new Set(vectors.filter((c) => 'expected' in c).map((c) => c.channel)), new Set(CHANNELS));
  });

  for (const c of vectors) {
    test(c.name, () => {
      const options = vectorOptions(c);
      if (c.error) {
        const e = assertTyError(() => payload(c.action, c.channel, options), {
          code: c.error.code, reason: c.error.reason, path: c.error.path, message: c.error.message,
        });
        assert.equal(e.constructor, TinyyesError); // the core's errors: TinyyesError itself (TY_ERROR)
        return;
      }
      const got = payload(c.action, c.channel, options);
      assert.equal(JSON.stringify(got), JSON.stringify(c.expected));
    });
  }
});

// ---- arguments ----------------------------------------------------------------------

const SEND = {
  type: 'send', text: 'Which does your bike need?',
  choices: [{ id: 'tuneup', title: 'Tune-up' }, { id: 'full', title: 'Full service' }],
};

describe('payload() arguments', () => {
  test('CHANNELS', () => {
    assert.deepEqual([...CHANNELS], ['whatsapp', 'messenger', 'instagram', 'telegram', 'webchat', 'sms']);
    assert.ok(Object.isFrozen(CHANNELS));
  });

  test('an unknown channel is a TY_ERROR naming the allowed ones', () => {
    assertTyError(() => payload(SEND, 'fax'), {
      code: 'TY_ERROR', reason: 'arg', path: 'channel',
      message: /allowed: whatsapp, messenger, instagram, telegram, webchat, sms/,
    });
    assertTyError(() => payload(SEND, 'WhatsApp'), { code: 'TY_ERROR' }); // names are exact
  });

  test('argument types', () => {
    assertTyError(() => payload([SEND], 'sms'), { message: /action must be an object/ }, TypeError);
    assertTyError(() => payload(null, 'sms'), { message: /action must be an object/ }, TypeError);
    assertTyError(() => payload(SEND, Buffer.from('sms')), { message: /channel must be a string/ }, TypeError);
    assertTyError(() => payload(SEND, 'sms', { at: 'now' }), { message: /^at must be Unix seconds/ }, TypeError);
    assertTyError(() => payload(SEND, 'sms', { lastCustomerAt: true }), { message: /^lastCustomerAt/ }, TypeError);
    assertTyError(() => payload(SEND, 'sms', { locale: 1 }), { message: /locale must be a string/ }, TypeError);
    assertTyError(() => payload(SEND, 'sms', { humanAgent: 'yes' }), { message: /humanAgent must be a boolean/ },
      TypeError);
    assertTyError(() => payload(SEND, 'sms', { to: {} }), { message: /to must be a string/ }, TypeError);
    assertTyError(() => payload(SEND, 'sms', { channel: 'sms' }), { message: /unknown payload\(\) option 'channel'/ },
      TypeError);
    assertTyError(() => payload(SEND, 'sms', 'webchat'), { message: /options must be an object/ }, TypeError);
    assertTyError(() => payload(SEND, 'sms', { at: NaN }), { message: /finite/ }, RangeError);
    assertTyError(() => payload(SEND, 'sms', { at: new Date(NaN) }), { message: /invalid Date/ }, RangeError);
    // the raw call refuses what the JS layer would never pass
    const raw = (...args) => ty._native._payload(...heldTape(SEND), ...args);
    assertTyError(() => raw('sms', 1.5), { message: /whole number/ }, RangeError);
    assertTyError(() => raw('sms', null, null, null, 'x'), { message: /boolean/ }, TypeError);
    assertTyError(() => raw(), { message: /channel must be a string/ }, TypeError);
    assertTyError(() => ty._native._payload(...heldTape([SEND]), 'sms'), { message: /action must be an object/ },
      TypeError);
  });

  test('parse modes', () => {
    const action = { type: 'send', text: 'Fish & chips_today?' };
    assert.equal(payload(action, 'telegram').payload.parse_mode, 'HTML');
    assert.equal(payload(action, 'telegram', { parseMode: 'html' }).payload.text, 'Fish &amp; chips_today?');
    const md = payload(action, 'telegram', { parseMode: 'MarkdownV2' }).payload;
    assert.equal(md.parse_mode, 'MarkdownV2');
    assert.equal(md.text, 'Fish & chips\\_today?');
    const plain = payload(action, 'telegram', { parseMode: 'none' }).payload;
    assert.ok(!('parse_mode' in plain));
    assert.equal(plain.text, 'Fish & chips_today?');
    assertTyError(() => payload(action, 'telegram', { parseMode: 'markdown' }), {
      code: 'TY_ERROR', reason: 'arg', path: 'options.parse_mode',
      message: 'options.parse_mode: must be "html", "markdownv2" or "none", not \'markdown\'',
    });
    assertTyError(() => payload(action, 'telegram', { parseMode: 2 }), { message: /parseMode must be a string/ },
      TypeError);
  });

  test('recipient and times', () => {
    assert.equal(payload(SEND, 'telegram', { to: 123456789 }).payload.chat_id, '123456789');
    assert.equal(payload(SEND, 'telegram', { to: -1001234567890n }).payload.chat_id, '-1001234567890');
    assert.equal(payload(SEND, 'sms', { to: '+447700900123' }).payload.to, '+447700900123');
    assertTyError(() => payload(SEND, 'sms', { to: '' }), { code: 'TY_ERROR', path: 'options.to' });
    const last = new Date(AT * 1000);
    assert.equal(payload(SEND, 'whatsapp', { at: AT + 23 * HOUR, lastCustomerAt: last }).window, 'open');
    const closed = payload(SEND, 'whatsapp', { at: new Date((AT + 25 * HOUR) * 1000), lastCustomerAt: AT });
    assert.equal(closed.window, 'closed');
    assert.equal(closed.requires, 'template');
    // at undefined is now: a customer who wrote a minute ago is inside the window
    const now = new Date();
    assert.equal(payload(SEND, 'messenger', { lastCustomerAt: new Date(now - 60000) }).window, 'open');
    assert.equal(payload(SEND, 'messenger').window, 'unknown');
    assert.equal(payload(SEND, 'messenger', { at: null, lastCustomerAt: null }).window, 'unknown');
    // a person may answer on Messenger for 7 days with the HUMAN_AGENT tag
    const late = payload(SEND, 'messenger', { at: AT + 3 * 24 * HOUR, lastCustomerAt: AT, humanAgent: true });
    assert.equal(late.window, 'open');
    assert.equal(late.payload.messaging_type, 'MESSAGE_TAG');
    assert.equal(late.payload.tag, 'HUMAN_AGENT');
    const gone = payload(SEND, 'instagram', { at: AT + 8 * 24 * HOUR, lastCustomerAt: AT, humanAgent: true });
    assert.equal(gone.window, 'closed');
    assert.equal(gone.requires, 'customer_message');
  });

  test('bad text is a clear error', () => {
    for (const [text, reason] of [['ok \ud800', 'utf8'], ['a\u0000b', 'nul'], ['', 'schema'],
      ['x'.repeat(64 * 1024 + 1), 'limit']]) {
      assertTyError(() => payload({ type: 'send', text }, 'webchat'), { code: 'TY_ERROR', reason });
    }
    const e = assertTyError(() => payload({ type: 'send', text: 'Pick?', choices: [{ id: 'a', title: '\ud83d' }] },
      'webchat'), { reason: 'utf8' });
    assert.ok(e.path.startsWith('action.choices[0].title'), e.path);
    assertTyError(() => payload({ type: 'send', text: 'Hi?', x: NaN }, 'sms'), { message: /not JSON/ });
    assertTyError(() => payload({ type: 'send', text: 'Hi?', when: new Date() }, 'sms'),
      { path: 'action.when', message: /not an instance of Date/ }, TypeError);
    assertTyError(() => payload({ type: 'say', text: 'Hi?' }, 'sms'), { reason: 'schema', path: 'action.type' });
  });

  test('fifty choices and kilobyte titles', () => {
    const many = {
      type: 'send', text: 'Which one?',
      choices: Array.from({ length: 50 }, (_, i) => ({ id: `o${i}`, title: `Option ${i}` })),
    };
    const wa = payload(many, 'whatsapp').payload;
    assert.equal(wa.type, 'text');
    assert.ok(wa.text.body.includes('50) Option 49'));
    const sms = payload(many, 'sms').payload.body;
    assert.ok(sms.includes('Z) Option 25, 27) Option 26'));
    assert.ok(sms.endsWith('49) Option 48 or 50) Option 49'));
    assert.ok(payload(many, 'messenger').payload.message.text.endsWith('\n50) Option 49'));
    const keyboard = payload(many, 'telegram').payload.reply_markup.inline_keyboard;
    assert.equal(keyboard.length, 50);
    assert.equal(keyboard[49][0].callback_data, 'o49');
    const big = {
      type: 'send', text: 'Which?',
      choices: [{ id: 'a', title: '\u00e9'.repeat(1024) }, { id: 'b', title: '\u00fc'.repeat(1024) }],
    };
    for (const channel of CHANNELS) {
      assert.ok(!JSON.stringify(payload(big, channel).payload).includes('\ufffd'), channel);
    }
    const buttons = payload(big, 'whatsapp').payload.interactive.action.buttons;
    assert.deepEqual(buttons.map((b) => b.reply.title),
      ['\u00e9'.repeat(19) + '\u2026', '\u00fc'.repeat(19) + '\u2026']);
    assert.deepEqual(buttons.map((b) => b.reply.id), ['a', 'b']); // the option ids
    const tooMany = {
      type: 'send', text: 'Which?', choices: Array.from({ length: 257 }, (_, i) => ({ id: `${i}`, title: `T${i}` })),
    };
    assertTyError(() => payload(tooMany, 'sms'), { reason: 'limit', path: 'action.choices' });
  });

  test('emoji and combining marks are never cut apart', () => {
    const family = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}'; // one grapheme, 8 UTF-16 units
    const title = `Family ${family.repeat(4)}`;
    const cut = payload({ type: 'send', text: 'Which?', choices: [{ id: 'f', title }, { id: 'g', title: 'Go' }] },
      'whatsapp').payload.interactive.action.buttons[0].reply.title;
    assert.ok(cut.endsWith('\u2026'));
    const kept = cut.slice('Family '.length, -1);
    assert.equal(kept.length % family.length, 0, JSON.stringify(cut));
    assert.ok(kept.length <= 19);
  });

  test('the action is not changed, and a non-plain object is refused', () => {
    const action = JSON.parse(JSON.stringify(SEND));
    payload(action, 'whatsapp', { to: '1' });
    assert.deepEqual(action, SEND);
    class Send {
      constructor() {
        Object.assign(this, SEND);
      }
    }
    assertTyError(() => payload(new Send(), 'sms'), { message: /not an instance of Send/ }, TypeError);
    assert.deepEqual(payload(Object.assign(Object.create(null), SEND), 'sms'), payload(SEND, 'sms'));
  });
});

// ---- end to end: payload out, the platform's reply back in ---------------------------

const LONG_TITLE = ('Premium full service with ' + 'every extra part checked '.repeat(12)).trim(); // > 256 characters
// 80 bytes: over Telegram's 64-byte callback_data
const CYRILLIC = '\u041f\u043e\u043b\u043d\u043e\u0435 ' +
  '\u043e\u0431\u0441\u043b\u0443\u0436\u0438\u0432\u0430\u043d\u0438\u0435 ' +
  '\u0432\u0435\u043b\u043e\u0441\u0438\u043f\u0435\u0434\u0430 \u0441 ' +
  '\u0437\u0430\u043c\u0435\u043d\u043e\u0439';
const DAYS = ['Monday', 'Tuesday afternoon after lunch', 'Wednesday', 'Thursday', 'Friday'];

const WIDE = {
  tinyyes: 1, name: 'Wide', locale: 'en',
  intents: { book: { examples: ['book', 'I want to book', 'can I book a service'], flow: 'book' } },
  slots: {
    plan: { type: 'choice', options: [{ id: 'premium', title: LONG_TITLE }, { id: 'ru', title: CYRILLIC }] },
    day: { type: 'choice', options: DAYS.map((d) => ({ id: d.split(' ')[0].toLowerCase(), title: d })) },
    name: { type: 'text' },
  },
  templates: {
    ask_plan: 'Which plan would you like?', ask_day: 'Which day works for you?',
    ask_name: 'What name should I book it under?', done: "Booked! We'll text you the day before.",
  },
  flows: {
    book: {
      steps: [
        { id: 'plan', say: 'ask_plan', ask: 'plan' },
        { id: 'day', say: 'ask_day', ask: 'day' },
        { id: 'who', say: 'ask_name', ask: 'name' },
        { id: 'end', say: 'done', end: 'completed' },
      ],
    },
  },
};

// What the platform hands the host when the customer taps choice `index`
// of the message it was sent: null when it shows no tappable choice.
function platformReply(channel, built, index) {
  const body = built.payload;
  if (channel === 'whatsapp') {
    const inter = body.interactive;
    if (!inter) return null;
    if (inter.type === 'button') return inter.action.buttons[index].reply.id; // interactive.button_reply.id
    const rows = inter.action.sections.flatMap((s) => s.rows);
    return rows[index].id; // interactive.list_reply.id
  }
  if (channel === 'messenger' || channel === 'instagram') { // message.quick_reply.payload
    const quick = body.message.quick_replies;
    return quick ? quick[index].payload : null;
  }
  if (channel === 'telegram') { // callback_query.data
    const markup = body.reply_markup;
    return markup ? markup.inline_keyboard.flat()[index].callback_data : null;
  }
  if (channel === 'webchat') return body.buttons[index].id; // the widget posts the button's id
  return null; // sms: the customer types
}

// Every reply that must pick choice `index`: the platform's own, the letter
// and number the text forms show, and the full title.
function replies(channel, built, choices, index) {
  const out = new Set(['ABCDEFGH'[index], String(index + 1), choices[index].title]);
  const tapped = platformReply(channel, built, index);
  if (channel !== 'sms') assert.notEqual(tapped, null, `${channel} shows no tappable choice`);
  if (tapped !== null) out.add(tapped);
  return [...out].sort();
}

class Conversation {
  constructor(pb, channel, id) {
    Object.assign(this, { pb, channel, id, state: null, at: AT });
  }

  say(text) {
    this.at += 20;
    const result = this.pb.step(this.state, {
      type: 'message', text, at: this.at, conversation: this.id, channel: this.channel,
    });
    this.state = result.state;
    return result;
  }
}

function lastSend(result) {
  const sends = result.actions.filter((a) => a.type === 'send');
  assert.ok(sends.length, JSON.stringify(result.actions));
  return sends[sends.length - 1];
}

function checkAnswer(result, askedStep, nextStep, reply) {
  const commits = result.events.filter((e) => e.type === 'commit');
  assert.ok(commits.length && commits[0].step === askedStep, `${reply}: ${JSON.stringify(result.events)}`);
  assert.equal(lastSend(result).step, nextStep, `${reply}: ${JSON.stringify(result.actions)}`);
}

describe('end to end: the platform\'s reply is the answer', () => {
  for (const channel of CHANNELS) {
    test(`${channel}: the default playbook's menu, answered every way`, () => {
      const pb = Playbook.default();
      for (const [index, next] of [[0, 'kind'], [1, 'which']]) {
        const send = lastSend(new Conversation(pb, channel, 'e2e').say('hi'));
        assert.equal(send.step, 'menu');
        assert.equal(send.choices.length, 2);
        const built = payload(send, channel, { at: AT + 20, lastCustomerAt: AT + 20, to: 'c-1' });
        assert.equal(built.channel, channel);
        assert.ok(['open', 'n/a'].includes(built.window), built.window);
        const all = replies(channel, built, send.choices, index);
        assert.ok(all.length >= 3);
        for (const reply of all) {
          const convo = new Conversation(pb, channel, 'e2e');
          convo.say('hi');
          checkAnswer(convo.say(reply), 'menu', next, reply);
        }
      }
    });

    test(`${channel}: cut titles and lists`, () => {
      // titles over every platform's limit (one too long even for a reply
      // id, one too many bytes for Telegram's callback data) and five
      // options (a WhatsApp list): whatever the payload shows, its reply is
      // understood
      const pb = new Playbook(WIDE);
      for (const index of [0, 1]) {
        const send = lastSend(new Conversation(pb, channel, 'wide').say('I want to book'));
        assert.equal(send.step, 'plan');
        const built = payload(send, channel, { at: AT });
        for (const reply of replies(channel, built, send.choices, index)) {
          const convo = new Conversation(pb, channel, 'wide');
          convo.say('I want to book');
          checkAnswer(convo.say(reply), 'plan', 'day', reply);
          assert.equal(convo.state.slots.plan.id, send.choices[index].id, reply);
        }
      }
      for (let index = 0; index < DAYS.length; index++) {
        const convo = new Conversation(pb, channel, 'wide');
        convo.say('I want to book');
        const send = lastSend(convo.say('A'));
        assert.equal(send.step, 'day');
        assert.equal(send.choices.length, 5);
        const built = payload(send, channel, { at: AT });
        if (channel === 'whatsapp') assert.equal(built.payload.interactive.type, 'list');
        for (const reply of replies(channel, built, send.choices, index)) {
          const again = new Conversation(pb, channel, 'wide');
          again.say('I want to book');
          again.say('A');
          checkAnswer(again.say(reply), 'day', 'who', reply);
          assert.equal(again.state.slots.day.id, send.choices[index].id, reply);
        }
      }
    });
  }

  test('the window from the conversation: a day later WhatsApp needs a template', () => {
    const pb = Playbook.default();
    const convo = new Conversation(pb, 'whatsapp', 'window');
    const send = lastSend(convo.say('hi'));
    assert.equal(payload(send, 'whatsapp', { at: convo.at + HOUR, lastCustomerAt: convo.at }).window, 'open');
    const late = payload(send, 'whatsapp', { at: convo.at + 25 * HOUR, lastCustomerAt: new Date(convo.at * 1000) });
    assert.equal(late.window, 'closed');
    assert.equal(late.requires, 'template');
  });

  test('every send of a whole conversation builds on every channel', () => {
    const pb = Playbook.default();
    for (const channel of CHANNELS) {
      const convo = new Conversation(pb, channel, `all-${channel}`);
      let sends = 0;
      let outcome = null;
      for (const text of ['hi', 'A', 'Tune-up', 'tomorrow', 'morning', 'Sam', 'yes']) {
        for (const a of convo.say(text).actions) {
          if (a.type === 'close') outcome = a.outcome;
          if (a.type !== 'send') continue;
          const built = payload(a, channel, { at: convo.at, lastCustomerAt: convo.at });
          assert.equal(built.channel, channel);
          sends++;
        }
      }
      assert.equal(outcome, 'completed', channel);
      assert.ok(sends >= 7, `${channel}: ${sends} sends`);
    }
  });
});
