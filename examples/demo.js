#!/usr/bin/env node
// demo.js — tinyyes through its Node binding: templates, then conversations.
//
// Run after the addon is built (`make demo`, or `npm install` then
// `node examples/demo.js [--only templates|chat]`). The messages and the
// transcripts are byte for byte those of examples/demo.py (only error class
// names differ): the Mustache engine and the conversation engine are the
// shared C core, and the conversations are the
// same scripts fed to the same chat CLI a person can use (`npx tinyyes
// chat`), here called in-process with the default playbook (a bike
// workshop): a booking whose first message carries the service and the day,
// a pricing question in the middle of it, a silence answered by follow-ups
// on a virtual clock, a handoff to a person, and an opt-out.
'use strict';

const path = require('path');
const { Template, version } = require(path.join(__dirname, '..', 'node'));
const cli = require(path.join(__dirname, '..', 'node', 'cli.js'));

function show(title, text) {
  console.log(`--- ${title} ${'-'.repeat(Math.max(0, 60 - title.length))}`);
  console.log(text);
  console.log();
}

function templates() {
  // 1. The first reply: lead with the next step, two clear options.
  const first = new Template('Hi {{name}}! Happy to help. Is this for a {{#options}}{{title}}' +
    '{{^last}} or a {{/last}}{{/options}}?');
  show('two-option ask (WhatsApp)', first.render({
    name: 'Maria',
    options: [{ title: 'standard clean', last: false }, { title: 'deep clean', last: true }],
  }));

  // 2. Web chat: HTML-escaped values (never the template's own markup).
  const web = new Template('<p>Thanks {{name}}! I can do <b>{{day}}</b> at {{#slots}}{{time}}' +
    '{{^last}} or {{/last}}{{/slots}}. Which works better?</p>', { escape: 'html' });
  show('html-escaped web chat message', web.render({
    name: 'Zoë <script>alert(1)</script>',
    day: 'Tuesday',
    slots: [{ time: '10:00', last: false }, { time: '15:00', last: true }],
  }));

  // 3. Strict by default: a missing detail is an error naming every missing
  //    name, so a half-filled message is never sent.
  const confirm = new Template("You're booked, {{name}}: {{service}} on {{day}} at {{time}}. " +
    "We'll text you the day before.");
  try {
    confirm.render({ name: 'Maria', service: 'Deep clean' });
  } catch (e) {
    show('strict error, caught', `${e.name}: ${e.message}\n  code=${e.code} reason=${e.reason}`);
  }

  // 4. The placeholder guard: a [bracketed placeholder] left in a message is
  //    rejected too.
  try {
    new Template('Hi [first name], your {{service}} is confirmed.').render({ service: 'deep clean' });
  } catch (e) {
    show('placeholder guard, caught', `${e.name}: ${e.message}\n  code=${e.code} reason=${e.reason}`);
  }

  // 5. Template errors name line and column.
  try {
    new Template('Hi {{name}}!\n{{#slots}}{{time}}{{/slot}}');
  } catch (e) {
    show('syntax error, caught', `${e.name}: ${e.message}\n  line=${e.line} col=${e.col}`);
  }
}

// Each script is what a customer types, plus /wait (time passes), /resume
// (a person hands back) and /note (a narrator's line). The same as
// CONVERSATIONS in examples/demo.py.
const CONVERSATIONS = [
  ['maria', [
    '/note Maria books a service: the service and the day come in her first message, so those asks are skipped',
    'Hi, can I book a full service for Saturday?',
    '/note a pricing question mid-booking is answered, then the pending question comes back',
    'how much is a full service?',
    'yes',
    '/note then she goes quiet: follow-ups are sent when they fall due, each asking the same small question',
    '/wait 4h',
    '/wait 1d',
    'afternoon',
    'Maria',
    'yes',
  ]],
  ['sam', [
    '/note Sam starts a booking, then asks for a person: the handoff carries what is known so far',
    "I'd like to book a tune-up",
    'can I talk to a person',
    'hello? anyone?',
    '/note the bot stayed silent; a mechanic hands the chat back',
    '/resume',
    'next Tuesday',
  ]],
  ['alex', [
    '/note Alex asks about prices, then opts out: STOP ends everything at once',
    'what are your prices',
    'STOP',
    '/wait 2d',
    '/note no follow-up ever comes after an opt-out, and messages get no reply until START',
    'are you there?',
    'START',
  ]],
  ['lucia', [
    '/note Lucía writes in Spanish: every reply is Spanish from her first message on; a closed Sunday is refused with two open days',
    'hola, quiero pedir cita para una puesta a punto',
    'el domingo',
    'el primero',
    'por la tarde',
    'Lucía',
    'sí',
    '/note the confirmation promised a reminder the evening before: it comes when that time does',
    '/wait 4d',
  ]],
];

async function conversations() {
  for (const [conversation, script] of CONVERSATIONS) {
    let out = '';
    await cli.main(['chat', '--conversation', conversation],
      { input: `${script.join('\n')}\n`, write: (text) => { out += text; } });
    let lines = out.split('\n');
    lines.pop(); // the text ends with a newline
    // The banner is the same each time: show it once.
    if (conversation !== CONVERSATIONS[0][0]) lines = lines.slice(3);
    console.log('='.repeat(72));
    console.log(lines.join('\n'));
    console.log();
  }
}

async function main() {
  const args = process.argv.slice(2);
  const at = args.indexOf('--only');
  const only = at >= 0 ? args[at + 1] : null;
  if (at >= 0 && only !== 'templates' && only !== 'chat') {
    console.error('usage: node examples/demo.js [--only templates|chat]');
    process.exitCode = 2;
    return;
  }
  console.log(`tinyyes ${version} (Node ${process.version})\n`);
  if (only !== 'chat') templates();
  if (only !== 'templates') await conversations();
}

main();
