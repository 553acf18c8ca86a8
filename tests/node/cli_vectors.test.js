// cli_vectors.test.js — the shared command-line vectors (tests/vectors/cli.json)
// through `npx tinyyes chat` and `lint` in process (node/cli.js main with io
// hooks): the bytes the core writes (csrc/src/chat.c, lint_report.c), which
// `python -m tinyyes` prints too (tests/python/test_cli_vectors.py).
'use strict';

const { describe, test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');

const repo = path.join(__dirname, '..', '..');
const cli = require(path.join(repo, 'node', 'cli.js'));
const tinyyes = require(path.join(repo, 'node', 'index.js'));

const VECTORS = JSON.parse(fs.readFileSync(path.join(repo, 'tests', 'vectors', 'cli.json'), 'utf8'));

// The command line of a chat case that `npx tinyyes chat` can run (piped, its own offset).
function chatArgv(c, file) {
  const o = c.opts;
  const argv = ['chat'];
  if (file) argv.push(file);
  if (o.conversation) argv.push('--conversation', o.conversation);
  if (o.channel) argv.push('--channel', o.channel);
  if (o.data) argv.push('--data', JSON.stringify(o.data));
  if (o.start !== undefined) argv.push('--start', String(o.start));
  if (o.verbose) argv.push('-v');
  return argv;
}

describe('chat vectors', () => {
  for (const c of VECTORS.chat) {
    test(c.name, async () => {
      const o = c.opts;
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ty-cli-'));
      try {
        let file;
        if (c.playbook !== null) fs.writeFileSync((file = path.join(dir, 'playbook.json')), c.playbook);
        let out = '';
        if (o.echo === 1 && o.utc_offset === undefined && Boolean(o.is_default) === (file === undefined)) {
          const input = c.script.map((l) => `${l}\n`).join('');
          assert.equal(await cli.main(chatArgv(c, file), { input, write: (s) => { out += s; } }), 0);
        } else {
          const native = tinyyes._native;
          const pb = (c.playbook === null ? tinyyes.Playbook.default() : new tinyyes.Playbook(c.playbook))._pb;
          const [chat, header] = native._chatNew(pb, { ...o, data: o.data,
            utcOffset: o.utc_offset, isDefault: o.is_default });
          out = header;
          for (const line of c.script) {
            const [goOn, text] = native._chatFeed(chat, line);
            out += text;
            if (!goOn) break;
          }
        }
        assert.equal(out, c.output);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});

describe('lint vectors', () => {
  for (const c of VECTORS.lint) {
    test(c.name, async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ty-cli-'));
      const cwd = process.cwd();
      try {
        process.chdir(dir);
        const argv = ['lint'];
        let input;
        if (c.label === '<stdin>') {
          argv.push('-');
          input = c.playbook;
        } else if (c.label !== null) {
          fs.writeFileSync(path.join(dir, c.label), c.playbook);
          argv.push(c.label);
        }
        if (c.text !== null) argv.push('--text', c.text);
        if (c.locale !== null) argv.push('--locale', c.locale);
        argv.push('--channel', c.channel);
        if (c.json) argv.push('--json');
        let out = '';
        assert.equal(await cli.main(argv, { input, write: (s) => { out += s; } }), c.status);
        assert.equal(out, c.output);
      } finally {
        process.chdir(cwd);
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
