#!/usr/bin/env node
// demo.js — tinyyes templates through the Node binding.
//
// Run after the addon is built (`make demo`, or `npm install` then
// `node examples/demo.js`). The same messages as examples/demo.py render
// byte for byte the same here: the Mustache engine is the shared C core.
'use strict';

const path = require('path');
const { Template, version } = require(path.join(__dirname, '..', 'node'));

function show(title, text) {
  console.log(`--- ${title} ${'-'.repeat(Math.max(0, 60 - title.length))}`);
  console.log(text);
  console.log();
}

console.log(`tinyyes ${version} (Node ${process.version})\n`);

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
