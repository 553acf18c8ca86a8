#!/usr/bin/env node
// bench_templates.js — tinyyes templates from Node against JS peers.
//
// For each message in bench/messages.json ({template, data, escape}) it times
// one render with: tinyyes (node/index.js), tinyyes without the JS
// pre-extraction (the plain native render, for reference), Handlebars
// (compiled once), mustache.js (parse cached), Wontache (compiled once) and a
// hand-written template literal. Outputs are checked equal once first.
//
// Peers are resolved from bench/node_modules (`make bench` installs them from
// bench/package.json); a missing peer is reported and skipped.
//
// Method: every engine runs in the same process, in interleaved rounds (so a
// busy machine affects all of them alike); each round times a batch of about
// 20 ms; the figure is the median round, in microseconds per render. Time is
// the process's CPU time (process.cpuUsage: user + system, GC threads
// included), which a machine shared with other work does not inflate the way
// it inflates wall-clock time; --wall measures wall-clock time instead.
//
//   node bench/bench_templates.js [--rounds N] [--wall] [--json]
'use strict';

const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');

const root = path.resolve(__dirname, '..');
const tinyyes = require(path.join(root, 'node'));
const peerRequire = createRequire(path.join(__dirname, 'package.json'));

const args = process.argv.slice(2);
const ROUNDS = args.includes('--rounds') ? Number(args[args.indexOf('--rounds') + 1]) || 15 : 15;
const AS_JSON = args.includes('--json');
const WALL = args.includes('--wall');
const ROUND_NS = 20e6;

function loadPeer(name) {
  try {
    return peerRequire(name);
  } catch (e) {
    if (e.code !== 'MODULE_NOT_FOUND') throw e;
    return null;
  }
}

const Handlebars = loadPeer('handlebars');
const Mustache = loadPeer('mustache');
const wontache = loadPeer('wontache');

// ---- the messages -------------------------------------------------------------

const messages = JSON.parse(fs.readFileSync(path.join(__dirname, 'messages.json'), 'utf8'));

// tinyyes's html escaping (& < > " '), for the template literals.
const HTML = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => HTML[c]);

// Hand-written equivalents: what a developer would write without a template
// engine. Keyed by message name; messages without one skip this row.
const literals = {
  first_reply: (d) =>
    `Hi ${d.name}! Thanks for reaching out to ${d.business}. Is this for a ${d.option_a} or a ${d.option_b}?`,
  offer: (d) =>
    `Great, ${d.name}! For your ${d.service} I can do ${d.day} at ` +
    d.slots.map((s) => s.time + (s.last ? '' : ' or ')).join('') +
    '. Which works better for you?',
  summary: (d) => {
    const e = escapeHtml;
    return `<p>Thanks ${e(d.name)}, you're all set! Here is a summary of your booking with ${e(d.business)}:</p>
<ul><li>Service: ${e(d.service)} (${e(d.duration)})</li>
<li>When: ${e(d.day)} at ${e(d.time)}</li>
<li>Where: ${e(d.address)}</li>
<li>Price: ${e(d.price)}, paid on the day by card or cash</li>
<li>Your cleaner: ${e(d.cleaner)}</li></ul>
<p>Your reference is ${e(d.reference)}. We'll text you a reminder the day before, and your cleaner will message you when they are on the way. If anything changes, reply here or call us. Shall I add a note for your cleaner about parking or pets?</p>`;
  },
};

// Mustache engines escape HTML by default; for escape "none" they get the
// template with every variable tag made raw ({{x}} -> {{{x}}}).
function rawTemplate(src) {
  return src.replace(/\{\{\s*([^#^/!>&{=<$\s][^}\s]*)\s*\}\}/g, '{{{$1}}}');
}

// Peers escape more characters than tinyyes (/, `, =) and spell ' and "
// differently; compare HTML output with entities decoded.
const ENTITIES = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'",
  '&#x2F;': '/', '&#x60;': '`', '&#x3D;': '=', '&#34;': '"' };
function decodeHtml(s) {
  return s.replace(/&(?:amp|lt|gt|quot|#39|#x27|#x2F|#x60|#x3D|#34);/g, (m) => ENTITIES[m]);
}

function engines(name, msg) {
  const escape = msg.escape || 'none';
  const raw = escape === 'none' ? rawTemplate(msg.template) : msg.template;
  const list = [];
  const t = new tinyyes.Template(msg.template, { escape });
  list.push({ engine: 'tinyyes', fn: (d) => t.render(d) });
  const nt = new tinyyes._native.Template(msg.template, { escape });
  list.push({ engine: 'tinyyes (no pre-extraction)', fn: (d) => nt.render(d) });
  if (Handlebars) {
    const h = Handlebars.compile(raw);
    list.push({ engine: 'Handlebars (compiled)', fn: (d) => h(d) });
  }
  if (Mustache) {
    Mustache.parse(raw); // fills mustache.js's own cache
    list.push({ engine: 'mustache.js', fn: (d) => Mustache.render(raw, d) });
  }
  if (wontache) {
    const w = wontache(raw);
    list.push({ engine: 'Wontache (compiled)', fn: (d) => w(d) });
  }
  if (literals[name]) list.push({ engine: 'template literal', fn: literals[name] });
  return list;
}

// ---- timing -------------------------------------------------------------------------

// Nanoseconds now: CPU time of the process, or wall-clock time with --wall.
function clockNs() {
  if (WALL) return Number(process.hrtime.bigint());
  const u = process.cpuUsage();
  return (u.user + u.system) * 1000;
}

function timeBatch(fn, data, n) {
  let sink = 0;
  const t0 = clockNs();
  for (let i = 0; i < n; i++) sink += fn(data).length;
  const ns = clockNs() - t0;
  if (sink === 0) throw new Error('empty output');
  return ns;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function benchMessage(name, msg) {
  const list = engines(name, msg);
  const want = list[0].fn(msg.data);
  for (const e of list) {
    const got = e.fn(msg.data);
    const same = msg.escape === 'html' ? decodeHtml(got) === decodeHtml(want) : got === want;
    if (!same) {
      throw new Error(`${name}: ${e.engine} renders differently\n  tinyyes: ${JSON.stringify(want)}\n  ` +
        `${e.engine}: ${JSON.stringify(got)}`);
    }
  }
  for (const e of list) { // warm up and size the batches
    timeBatch(e.fn, msg.data, 20000);
    const ns = Math.max(1000, timeBatch(e.fn, msg.data, 20000));
    e.batch = Math.max(1000, Math.round((ROUND_NS / ns) * 20000));
    e.rounds = [];
  }
  for (let r = 0; r < ROUNDS; r++) {
    for (const e of list) e.rounds.push(timeBatch(e.fn, msg.data, e.batch) / e.batch / 1000);
  }
  const base = median(list[0].rounds);
  return {
    message: name,
    escape: msg.escape || 'none',
    bytes: Buffer.byteLength(want),
    results: list.map((e) => ({ engine: e.engine, us: median(e.rounds), ratio: median(e.rounds) / base })),
  };
}

function main() {
  const missing = [['handlebars', Handlebars], ['mustache', Mustache], ['wontache', wontache]]
    .filter(([, m]) => !m).map(([n]) => n);
  if (missing.length) {
    console.error(`(peers not installed, skipped: ${missing.join(', ')}; run \`make bench\` or ` +
      '`npm install --prefix bench`)');
  }
  const report = [];
  for (const [name, msg] of Object.entries(messages)) report.push(benchMessage(name, msg));
  if (AS_JSON) {
    console.log(JSON.stringify({ node: process.version, tinyyes: tinyyes.version, clock: WALL ? 'wall' : 'cpu',
      report }, null, 2));
    return;
  }
  console.log(`tinyyes ${tinyyes.version} templates, Node ${process.version}: median of ${ROUNDS} ` +
    `interleaved rounds, ${WALL ? 'wall-clock' : 'CPU'} microseconds per render; ` +
    'ratio = engine time / tinyyes time');
  for (const m of report) {
    console.log(`\n${m.message} (escape ${m.escape}, ${m.bytes} bytes out)`);
    console.log(`  ${'engine'.padEnd(30)} ${'µs/render'.padStart(10)} ${'ratio'.padStart(8)}`);
    for (const r of m.results) {
      console.log(`  ${r.engine.padEnd(30)} ${r.us.toFixed(3).padStart(10)} ${(r.ratio.toFixed(2) + 'x').padStart(8)}`);
    }
  }
}

main();
