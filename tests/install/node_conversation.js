#!/usr/bin/env node
/*
 * node_conversation.js DIR EXPECT — a conversation through tinyyes as
 * installed in the npm project DIR (node_modules/tinyyes), the way a user's
 * code reaches it: require('tinyyes') from DIR.
 *
 * EXPECT says which addon must have been loaded, read from /proc/self/maps:
 *   prebuilt  prebuilds/linux-x64/ of the installed package, with utf8proc
 *             from that same directory (never the system's); cJSON, which
 *             the core no longer uses, must not be mapped at all
 *   source    build/Release/tinyyes.node of the installed package (compiled
 *             by its install script)
 * Exits non-zero with the reason on any mismatch; prints one line when fine.
 */
'use strict';

const assert = require('assert');
const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');

// The files mapped into this process whose base name starts with one of names.
function mappedFiles(names) {
  const files = new Set();
  for (const line of fs.readFileSync('/proc/self/maps', 'utf8').split('\n')) {
    const file = line.split(/\s+/).slice(5).join(' ');
    if (file && names.some((n) => path.basename(file).startsWith(n))) files.add(file);
  }
  return [...files];
}

function converse(tinyyes) {
  const { Playbook, Template } = tinyyes;
  const pb = Playbook.default();
  let state = null;
  const sent = [];
  for (const text of ["hi, I'd like to book a tune-up", 'tomorrow', 'morning']) {
    const out = pb.step(state, { type: 'message', text, at: 1795000000, conversation: 'c-1' });
    state = out.state;
    sent.push(...out.actions.filter((a) => a.type === 'send').map((a) => a.text));
  }
  assert.strictEqual(sent.length, 3, `three replies expected, got ${JSON.stringify(sent)}`);
  assert.strictEqual(state.conversation, 'c-1');
  assert.strictEqual(state.flow, 'booking');
  assert.strictEqual(state.slots.service.id, 'tuneup');
  assert.strictEqual(state.slots.day, '2026-11-19'); // "tomorrow" from 2026-11-18
  assert.strictEqual(state.slots.part.id, 'morning');
  assert.strictEqual(state.step, 'who');
  assert.match(sent[2], /name/);
  assert.strictEqual(pb.match('how much is a full service?', { at: 1795000000 }).intent, 'pricing');
  assert.strictEqual(new Template('{{a}}', { escape: 'html' }).render({ a: 'Zoë & <b>' }),
                     'Zoë &amp; &lt;b&gt;');
  return sent.length;
}

function main() {
  const [dir, expect] = process.argv.slice(2);
  if (!dir || !['prebuilt', 'source'].includes(expect)) {
    process.stderr.write('usage: node_conversation.js DIR prebuilt|source\n');
    process.exit(2);
  }
  const projectRequire = createRequire(path.join(path.resolve(dir), 'package.json'));
  const pkgDir = path.dirname(projectRequire.resolve('tinyyes/package.json'));
  const tinyyes = projectRequire('tinyyes');
  const turns = converse(tinyyes);

  const addons = mappedFiles(['tinyyes']).filter((f) => f.endsWith('.node'));
  const libs = mappedFiles(['libutf8proc.so']);
  const cjson = mappedFiles(['libcjson.so']);
  assert.strictEqual(addons.length, 1, `one addon expected, mapped: ${addons}`);
  assert.strictEqual(libs.length, 1, `utf8proc expected once, mapped: ${libs}`);
  assert.deepStrictEqual(cjson, [], `cJSON is not a dependency, yet mapped: ${cjson}`);
  const addon = fs.realpathSync(addons[0]);
  if (expect === 'prebuilt') {
    const prebuilds = fs.realpathSync(path.join(pkgDir, 'prebuilds', `${process.platform}-${process.arch}`));
    assert.strictEqual(path.dirname(addon), prebuilds, `addon loaded from ${addon}`);
    for (const lib of libs) {
      assert.strictEqual(path.dirname(fs.realpathSync(lib)), prebuilds, `${lib} is not the bundled copy`);
      // its licence travels with it
      const notice = path.join(prebuilds, `${path.basename(lib)}.LICENSE`);
      assert.match(fs.readFileSync(notice, 'utf8'), /permission is hereby granted/i, `${notice}: no licence text`);
    }
  } else {
    assert.strictEqual(addon, fs.realpathSync(path.join(pkgDir, 'build', 'Release', 'tinyyes.node')));
  }
  const shown = (f) => (f.startsWith(pkgDir + path.sep) ? path.relative(pkgDir, f) : f);
  console.log(`conversation ok (${turns} replies); tinyyes/${shown(addon)} with ` +
              `${libs.map(shown).sort().join(', ')}`);
}

main();
