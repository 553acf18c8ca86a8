'use strict';
/*
 * peers_intents.js — nlp.js (@nlpjs/nlp with @nlpjs/lang-en-min, installed
 * with @nlpjs/basic from bench/package.json) on CLINC150: the figures
 * bench_intents.c prints. Trained on `train` (no out-of-scope examples);
 * out-of-scope is nlp.js's own rule: intent 'None' when the best score is
 * under its default threshold (0.5). Prints in-scope accuracy (right intent
 * and not 'None'), out-of-scope recall, training seconds, per-message
 * latency (median, p99, of nlp.process) and the size of the exported model,
 * for the full training set and a few-shot one (first 10 per intent).
 *
 * Data: $TINYYES_SHARED/datasets/clinc150/data_full.json (default
 * ../shared); skips cleanly when absent or when nlp.js is not installed.
 * TINYYES_BENCH_SPLIT=val evaluates on val.
 */
const fs = require('fs');
const path = require('path');

function load(name) {
  try {
    return require(name);
  } catch (e) {
    return null;
  }
}

async function run(name, train, ins, oos, mods) {
  const { containerBootstrap, Nlp, LangEn } = mods;
  const container = await containerBootstrap();
  container.use(Nlp);
  container.use(LangEn);
  const nlp = container.get('nlp');
  nlp.settings.autoSave = false;
  nlp.settings.autoLoad = false;
  nlp.settings.calculateSentiment = false;
  nlp.addLanguage('en');
  for (const [text, label] of train) nlp.addDocument('en', text, label);
  const t0 = process.hrtime.bigint();
  const log = console.log; // nlp.js logs every training epoch: keep the table readable
  console.log = () => {};
  try {
    await nlp.train();
  } finally {
    console.log = log;
  }
  const trainS = Number(process.hrtime.bigint() - t0) / 1e9;
  for (const [text] of ins.slice(0, 200)) await nlp.process('en', text); // warm-up
  let right = 0;
  let raw = 0;
  let flagged = 0;
  const lat = [];
  const all = ins.concat(oos);
  for (let i = 0; i < all.length; i++) {
    const [text, label] = all[i];
    const a = process.hrtime.bigint();
    const r = await nlp.process('en', text);
    lat.push(Number(process.hrtime.bigint() - a));
    const none = r.intent === 'None';
    if (i < ins.length) {
      const top = r.classifications && r.classifications.length ? r.classifications[0].intent : r.intent;
      if (top === label) raw++;
      if (!none && r.intent === label) right++;
    } else if (none) flagged++;
  }
  lat.sort((x, y) => x - y);
  const mem = Buffer.byteLength(nlp.export(false));
  console.log(
    `${name.padEnd(12)} in-scope accuracy ${(right / ins.length).toFixed(4)} (top-1 ${(raw / ins.length).toFixed(4)})  ` +
      `oos recall ${(flagged / oos.length).toFixed(4)}  train ${trainS.toFixed(3)} s  ` +
      `match median ${lat[lat.length >> 1]} ns p99 ${lat[Math.floor(lat.length * 0.99)]} ns  ` +
      `memory ${(mem / 1e6).toFixed(2)} MB (exported)`,
  );
}

async function main() {
  const shared = process.env.TINYYES_SHARED || '../shared';
  const file = path.join(shared, 'datasets', 'clinc150', 'data_full.json');
  if (!fs.existsSync(file)) {
    console.log(`SKIP peers_intents.js: ${file} not found (set TINYYES_SHARED)`);
    return;
  }
  const core = load('@nlpjs/core');
  const nlpMod = load('@nlpjs/nlp');
  const en = load('@nlpjs/lang-en-min');
  if (!core || !nlpMod || !en) {
    console.log('SKIP peers_intents.js: nlp.js is not installed (npm install in bench/)');
    return;
  }
  const mods = { containerBootstrap: core.containerBootstrap, Nlp: nlpMod.Nlp, LangEn: en.LangEn };
  const data = JSON.parse(fs.readFileSync(file, 'utf8'));
  const val = process.env.TINYYES_BENCH_SPLIT === 'val';
  const ins = data[val ? 'val' : 'test'];
  const oos = data[val ? 'oos_val' : 'oos_test'];
  const version = load('@nlpjs/nlp/package.json');
  console.log(`nlp.js ${version ? version.version : '?'} on CLINC150 ${val ? 'val' : 'test'}`);
  await run('full', data.train, ins, oos, mods);
  const seen = new Map();
  const few = data.train.filter(([, label]) => {
    const n = (seen.get(label) || 0) + 1;
    seen.set(label, n);
    return n <= 10;
  });
  await run('few-shot-10', few, ins, oos, mods);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
