#!/usr/bin/env node
/*
 * bench_intents.js — tinyyes intent matching on CLINC150, measured from Node.
 *
 * The same protocol and the same figures as bench_intents.py (and
 * bench_intents.c), through the public Node API: a Playbook built from the
 * data as {"intents": {name: {"examples": [...]}}} (no out-of-scope
 * examples; out-of-scope is tinyyes' own threshold), trained on `train`,
 * evaluated on `test` (in-scope accuracy: the right intent and not flagged
 * out-of-scope) and `oos_test` (out-of-scope recall). Reports the load
 * (= train) seconds, Playbook#match latency per message from Node (median
 * and p99, nanoseconds, `at` given so the clock is not read) and the loaded
 * playbook's memory (stats().bytes); then the same for a few-shot playbook
 * (the first 10 training examples per intent).
 *
 * Data: $TINYYES_SHARED/datasets/clinc150/data_full.json (default ../shared
 * beside the repository); the bench skips cleanly when it is absent.
 * TINYYES_BENCH_SPLIT=val evaluates on val/oos_val instead.
 *
 *   node bench/bench_intents.js
 */
'use strict';

const fs = require('fs');
const path = require('path');

const tinyyes = require(path.join(__dirname, '..', 'node'));

const AT = 1795000000;

function dataPath() {
  const shared = process.env.TINYYES_SHARED || path.join(__dirname, '..', '..', 'shared');
  return path.join(shared, 'datasets', 'clinc150', 'data_full.json');
}

function playbookSource(train, perIntent) {
  const intents = new Map();
  for (const [text, label] of train) {
    if (!intents.has(label)) intents.set(label, []);
    const exs = intents.get(label);
    if (perIntent === undefined || exs.length < perIntent) exs.push(text);
  }
  const out = {};
  for (const [name, examples] of intents) out[name] = { examples };
  return { tinyyes: 1, intents: out };
}

function run(name, source, ins, oos) {
  const text = JSON.stringify(source);
  if (global.gc) global.gc();
  const t0 = process.hrtime.bigint();
  const pb = new tinyyes.Playbook(text);
  const loadS = Number(process.hrtime.bigint() - t0) / 1e9;
  for (const [t] of ins.slice(0, 300)) pb.match(t, { at: AT }); // warm-up
  let right = 0;
  let raw = 0;
  let flagged = 0;
  const all = ins.concat(oos);
  const lat = new Float64Array(all.length);
  const options = { at: AT };
  for (let i = 0; i < all.length; i++) {
    const [t, label] = all[i];
    const a = process.hrtime.bigint();
    const r = pb.match(t, options);
    lat[i] = Number(process.hrtime.bigint() - a);
    if (i < ins.length) {
      const top = r.ranking.length ? r.ranking[0].intent : null;
      if (top === label) raw++;
      if (r.intent === label && !r.oos) right++;
    } else if (r.oos) flagged++;
  }
  lat.sort();
  const stats = pb.stats();
  console.log(
    `${name.padEnd(12)} in-scope accuracy ${(right / ins.length).toFixed(4)} (top-1 ${(raw / ins.length).toFixed(4)})  ` +
    `oos recall ${(flagged / oos.length).toFixed(4)}  load/train ${loadS.toFixed(3)} s  ` +
    `match median ${lat[lat.length >> 1].toFixed(0)} ns p99 ${lat[Math.floor(lat.length * 0.99)].toFixed(0)} ns  ` +
    `memory ${(stats.bytes / 1e6).toFixed(2)} MB  intents ${stats.intents} examples ${stats.examples} ` +
    `features ${stats.features}`);
  return pb;
}

function main() {
  const file = dataPath();
  if (!fs.existsSync(file)) {
    console.log(`SKIP bench_intents.js: ${file} not found (set TINYYES_SHARED)`);
    return;
  }
  const data = JSON.parse(fs.readFileSync(file, 'utf8'));
  const val = process.env.TINYYES_BENCH_SPLIT === 'val';
  const ins = data[val ? 'val' : 'test'];
  const oos = data[val ? 'oos_val' : 'oos_test'];
  console.log(`tinyyes ${tinyyes.version} (Node ${process.version}) on CLINC150 ${val ? 'val' : 'test'}: ` +
    `train ${data.train.length} examples; in-scope ${ins.length}, out-of-scope ${oos.length}`);
  run('full', playbookSource(data.train), ins, oos);
  run('few-shot 10', playbookSource(data.train, 10), ins, oos);
}

main();
