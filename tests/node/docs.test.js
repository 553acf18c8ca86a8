// docs.test.js — every example in README.md, docs/*.md and examples/playbooks/
// runs here (node:test), as tests/python/test_docs.py does for Python.
//
// Fenced blocks of README.md and docs/*.md, by info string:
//  - js: runs in this realm inside a function of its own (a fresh scope),
//    with `require` resolving from the repository, so require('tinyyes') is
//    this package. A block with an `import` statement runs as an ES module
//    instead (a file under out/docs-esm/, so `import ... from 'tinyyes'` is
//    this package too, through its "exports" map). Full-line `//` comments
//    right after a line that calls console.log are what that call prints,
//    one comment line per output line ("..." stands for any text); other
//    comments are prose.
//  - json playbook: a complete playbook: it loads and lints with no finding.
//  - python: run by tests/python/test_docs.py; json (a fragment), sh, text
//    and blocks without an info string: not run.
// Any other info string fails, so no example is skipped unnoticed.
//
// Each playbook in examples/playbooks/ loads and lints with no finding (web
// chat and WhatsApp), and the scripted customers of
// tests/vectors/example_playbooks.json book through them to the end.
'use strict';

const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { createRequire } = require('node:module');
const vm = require('node:vm');

const repo = path.resolve(__dirname, '..', '..');
const { Playbook } = require(path.join(repo, 'node'));

const RUN_HERE = new Set(['js', 'json playbook']);
const NOT_RUN_HERE = new Set(['python', 'json', 'sh', 'text', '']);

const docFiles = [path.join(repo, 'README.md')].concat(
  fs.readdirSync(path.join(repo, 'docs')).filter((f) => f.endsWith('.md')).sort()
    .map((f) => path.join(repo, 'docs', f)));
const playbookDir = path.join(repo, 'examples', 'playbooks');
const playbooks = fs.readdirSync(playbookDir).filter((f) => f.endsWith('.json')).sort();
const scripts = JSON.parse(fs.readFileSync(path.join(repo, 'tests', 'vectors', 'example_playbooks.json'), 'utf8'));

// [{line, info, body}] of every fenced block; line is the opening fence's (1-based).
function fencedBlocks(file) {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^(\s*)```(.*)$/.exec(lines[i]);
    if (!m) continue;
    const indent = m[1];
    const start = i + 1;
    const body = [];
    for (i++; i < lines.length && !/^\s*```\s*$/.test(lines[i]); i++) {
      body.push(lines[i].startsWith(indent) ? lines[i].slice(indent.length) : lines[i].trimStart());
    }
    assert.ok(i < lines.length, `${path.basename(file)}:${start}: unclosed code fence`);
    blocks.push({ line: start, info: m[2].trim(), body: body.join('\n') + '\n' });
  }
  return blocks;
}

// True when actual reads as expected, "..." standing for any text.
function like(actual, expected) {
  const pattern = expected.split('...').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\s\\S]*');
  return new RegExp(`^${pattern}$`).test(actual);
}

// A console whose log() records what each line of `filename` printed, in `printed` (line -> [text]).
function recordingConsole(filename, printed) {
  const fakeConsole = Object.create(console);
  fakeConsole.log = (...args) => {
    const frame = new Error().stack.split('\n').find((l) => l.includes(filename));
    const line = frame ? Number(/:(\d+):\d+\)?$/.exec(frame)[1]) : 0;
    const text = args.map((a) => (typeof a === 'string' ? a : require('node:util').inspect(a))).join(' ');
    if (!printed.has(line)) printed.set(line, []);
    printed.get(line).push(text);
  };
  return fakeConsole;
}

// Checks the output of console.log calls that are followed by comment lines.
function checkPrinted(source, printed, where) {
  const lines = source.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].includes('console.log(')) continue;
    const expected = [];
    for (let j = i + 1; j < lines.length && lines[j].trimStart().startsWith('//'); j++) {
      expected.push(lines[j].trimStart().slice(2).replace(/^ /, ''));
    }
    if (!expected.length) continue;
    const got = (printed.get(i + 1) || []).join('\n');
    assert.ok(like(got, expected.join('\n')), `${where} line ${i + 1} printed:\n${got}\nexpected:\n${expected.join('\n')}`);
  }
}

// Runs a js block; `where` names the block in messages.
function runJsBlock(source, where) {
  const filename = `docblock-${where.replace(/[^\w.-]/g, '_')}.js`;
  const printed = new Map();
  // the wrapper sits on the block's first line, so line numbers stay the block's
  const script = new vm.Script(`(function (require, console) {${source}\n})`, { filename });
  script.runInThisContext()(createRequire(path.join(repo, 'package.json')), recordingConsole(filename, printed));
  checkPrinted(source, printed, where);
}

// True when a js block is an ES module (it has an import statement).
function isModuleBlock(source) {
  return /^import\s[^;]*\bfrom\s*['"]/m.test(source);
}

// Runs a js block as an ES module: written under out/docs-esm/ (inside the
// package, so 'tinyyes' resolves to it) and imported, with console.log
// recorded while it runs.
async function runModuleBlock(source, where) {
  const dir = path.join(repo, 'out', 'docs-esm');
  fs.mkdirSync(dir, { recursive: true });
  const filename = `docblock-${where.replace(/[^\w.-]/g, '_')}-${process.pid}.mjs`;
  const file = path.join(dir, filename);
  fs.writeFileSync(file, source);
  const printed = new Map();
  const saved = globalThis.console;
  globalThis.console = recordingConsole(filename, printed);
  try {
    await import(require('node:url').pathToFileURL(file).href);
  } finally {
    globalThis.console = saved;
    fs.rmSync(file, { force: true });
  }
  checkPrinted(source, printed, where);
}

describe('README.md and docs/*.md', () => {
  const infos = new Set();
  for (const file of docFiles) {
    const rel = path.relative(repo, file);
    for (const { line, info, body } of fencedBlocks(file)) {
      infos.add(info);
      if (NOT_RUN_HERE.has(info)) continue;
      test(`${rel}:${line}:${info}`, async () => {
        assert.ok(RUN_HERE.has(info), `${rel}:${line}: unknown code block type '${info}' (see tests/node/docs.test.js)`);
        if (info === 'json playbook') {
          const pb = new Playbook(body);
          assert.deepEqual(pb.lint(), []);
        } else if (isModuleBlock(body)) {
          await runModuleBlock(body, `${rel}:${line}`);
        } else {
          runJsBlock(body, `${rel}:${line}`);
        }
      });
    }
  }
  test('the docs have examples of each kind', () => {
    for (const kind of ['python', 'js', 'json playbook']) assert.ok(infos.has(kind), kind);
  });
});

describe('the runner itself', () => {
  test('checks console.log output', () => {
    runJsBlock("console.log('a b');\n// a ...\nconst x = 1; // prose\n", 'self');
    assert.throws(() => runJsBlock("console.log('a');\n// b\n", 'self'), assert.AssertionError);
  });
  test('finds tinyyes from the repository', () => {
    runJsBlock("console.log(typeof require('tinyyes').Playbook);\n// function\n", 'self');
  });
  test('runs a block with import statements as an ES module', async () => {
    const block = "import { Playbook } from 'tinyyes';\nconsole.log(typeof Playbook);\n// function\n";
    assert.ok(isModuleBlock(block));
    assert.ok(!isModuleBlock("const x = require('tinyyes'); // import it\n"));
    await runModuleBlock(block, 'self-esm');
    await assert.rejects(runModuleBlock("import { version } from 'tinyyes';\nconsole.log(version);\n// not it\n", 'self-esm2'),
      assert.AssertionError);
  });
});

describe('examples/playbooks', () => {
  test('every example playbook has a scripted customer', () => {
    const scripted = new Set(scripts.conversations.map((c) => c.playbook));
    assert.ok(playbooks.length > 0);
    for (const f of playbooks) assert.ok(scripted.has(`examples/playbooks/${f}`), f);
  });

  for (const f of playbooks) {
    test(`${f} lints with no finding`, () => {
      const pb = Playbook.load(path.join(playbookDir, f));
      assert.deepEqual(pb.lint(), []);
      assert.deepEqual(pb.lint('whatsapp'), []);
    });
  }

  for (const script of scripts.conversations) {
    test(script.name, () => {
      const pb = Playbook.load(path.join(repo, script.playbook));
      let state = null;
      const sent = [];
      const closes = [];
      script.messages.forEach((text, i) => {
        const out = pb.step(state, {
          type: 'message', text, at: scripts.at + 60 * i, conversation: script.conversation, channel: script.channel,
        });
        state = out.state;
        sent.push(...out.actions.filter((a) => a.type === 'send'));
        closes.push(...out.actions.filter((a) => a.type === 'close'));
        assert.ok(!out.actions.some((a) => a.type === 'handoff'), `handed off at ${text}`);
        if (i < script.messages.length - 1) assert.equal(state.status, 'active', `${text} left it ${state.status}`);
      });
      const want = script.expect;
      assert.equal(state.status, want.status);
      assert.ok(closes.length > 0);
      assert.equal(closes[closes.length - 1].outcome, want.outcome);
      assert.equal(sent[sent.length - 1].template, want.template);
      for (const [slot, value] of Object.entries(want.slots)) assert.deepEqual(state.slots[slot], value, slot);
    });
  }
});
