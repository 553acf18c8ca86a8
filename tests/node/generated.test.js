'use strict';
// The files generated from one description and committed (npm users build
// without our scripts) must be what their generator writes today: each is
// generated again in memory and compared byte for byte, so editing the
// description without regenerating (or editing an output by hand) fails here.
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.join(__dirname, '..', '..');
const gen = require(path.join(root, 'scripts', 'gen_node_tags.js'));

test('node/tags.h and node/tags.js are what scripts/gen_node_tags.js writes from node/tags.json', () => {
  const want = gen.generate(gen.readDescription(root));
  for (const [file, text] of [['node/tags.h', want.h], ['node/tags.js', want.js]]) {
    const have = fs.readFileSync(path.join(root, file), 'utf8');
    assert.ok(have === text, `${file} is stale: run \`make ${file}\` (node scripts/gen_node_tags.js) and commit it`);
  }
});

test('a changed description gives different outputs (the comparison can fail)', () => {
  const desc = gen.readDescription(root);
  const before = gen.generate(desc);
  desc.groups[0].tags.push(['EXTRA', 'a tag added to the description']);
  const after = gen.generate(desc);
  assert.notStrictEqual(after.h, before.h);
  assert.notStrictEqual(after.js, before.js);
});

test('the tags the JS side uses are numbered in description order, as the C enums are', () => {
  const tags = require(path.join(root, 'node', 'tags.js'));
  const desc = gen.readDescription(root);
  assert.ok(Object.isFrozen(tags));
  for (const g of desc.groups) g.tags.forEach(([name], i) => assert.strictEqual(tags[g.js + name], i));
  for (const [, js, value] of desc.constants) assert.strictEqual(tags[js], value);
});

test('limits and CHANNELS are the core tables csrc/data/api.json describes (camel-cased names)', () => {
  const ty = require(path.join(root, 'node', 'index.js'));
  const api = JSON.parse(fs.readFileSync(path.join(root, 'csrc', 'data', 'api.json'), 'utf8'));
  const camel = (name) => name.toLowerCase().replace(/_([a-z])/g, (_, c) => c.toUpperCase());
  assert.deepStrictEqual(ty.limits, Object.fromEntries(api.limits.map((l) => [camel(l.name), l.value])));
  assert.deepStrictEqual([...ty.CHANNELS], api.channels);
  assert.ok(Object.isFrozen(ty.limits) && Object.isFrozen(ty.CHANNELS));
});

// scripts/gen_api.py writes the generated blocks of node/index.d.ts (limits,
// CHANNELS and the result shapes of csrc/data/shapes.json) and of the
// Python stubs; its --check lists every file that has fallen behind.
test('index.d.ts and the other files written from api.json and shapes.json are current', () => {
  const python = process.env.PYTHON || 'python3';
  const r = spawnSync(python, [path.join('scripts', 'gen_api.py'), '--check'], { cwd: root, encoding: 'utf8' });
  assert.ifError(r.error);
  assert.equal(r.status, 0, `${r.stdout}${r.stderr}run \`python3 scripts/gen_api.py\` and commit the files it writes`);
});

test('a shape edited by hand in index.d.ts is stale (the check can fail)', () => {
  const file = path.join(root, 'node', 'index.d.ts');
  const text = fs.readFileSync(file, 'utf8');
  const edited = text.replace(/(export interface Choice \{\n)/, '$1  extra?: string;\n');
  assert.notStrictEqual(edited, text);
  const check = "import importlib.util, sys\n" +
    "spec = importlib.util.spec_from_file_location('gen_api', 'scripts/gen_api.py')\n" +
    "gen = importlib.util.module_from_spec(spec); spec.loader.exec_module(gen)\n" +
    "want = [t for p, t in gen.outputs(gen.load()).items() if p.name == 'index.d.ts'][0]\n" +
    "sys.exit(0 if sys.stdin.read() == want else 3)\n";
  const python = process.env.PYTHON || 'python3';
  const run = (input) => spawnSync(python, ['-c', check], { cwd: root, input, encoding: 'utf8' }).status;
  assert.equal(run(text), 0);
  assert.equal(run(edited), 3);
});
