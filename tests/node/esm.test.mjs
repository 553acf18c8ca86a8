// esm.test.mjs — every value node/index.d.ts declares imports by name from
// ES modules and from CommonJS, and both give the very same objects
// (node:test).
//
// The names come from index.d.ts itself (every `export function/const/class`
// line), so a name added to the types without an export fails here. Imports
// go through the package name 'tinyyes' (Node's self-reference, so the
// "exports" map with its "import"/"require" conditions is what resolves
// them): a static namespace import, a dynamic import(), require() through
// createRequire, and a child Node running `import { a, b, ... } from
// 'tinyyes'` and `const { a, b, ... } = require('tinyyes')` written out with
// every name. index.js itself, imported as a file, shows every name too
// (Node's scan of CommonJS exports reads them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as esm from 'tinyyes';
import esmDefault from 'tinyyes';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const cjs = require('tinyyes');

// The value names a declaration file exports: `export [declare] function|
// const|let|var|class|enum|namespace NAME`. Any other `export` line that is
// not a type or interface fails, so no form of export goes unread.
function declaredValues(file) {
  const names = [];
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  lines.forEach((line, i) => {
    if (!/^\s*export\b/.test(line)) return;
    const value = /^\s*export\s+(?:declare\s+)?(?:abstract\s+)?(?:async\s+)?(?:function|const|let|var|class|enum|namespace)\s+([A-Za-z_$][\w$]*)/.exec(line);
    if (value) names.push(value[1]);
    else assert.match(line, /^\s*export\s+(?:declare\s+)?(?:type|interface)\s/, `${path.basename(file)}:${i + 1}: an export this test cannot read`);
  });
  return [...new Set(names)];
}

const NAMES = declaredValues(path.join(repo, 'node', 'index.d.ts'));

// Runs `source` in a child Node whose working directory is the repository
// (so 'tinyyes' resolves to this package); returns its parsed stdout.
function runNode(args, source) {
  const r = spawnSync(process.execPath, [...args, '-e', source], { cwd: repo, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('index.d.ts declares the values the README documents', () => {
  for (const name of ['Template', 'Playbook', 'version', 'limits', 'CHANNELS', 'payload', 'lint', 'metrics', 'Metrics']) {
    assert.ok(NAMES.includes(name), `${name} not found among ${NAMES.join(', ')}`);
  }
});

test('every declared value imports from ESM and equals the CommonJS one', () => {
  for (const name of NAMES) {
    assert.notEqual(esm[name], undefined, `import { ${name} } from 'tinyyes'`);
    assert.notEqual(cjs[name], undefined, `require('tinyyes').${name}`);
    assert.equal(esm[name], cjs[name], `${name}: ESM and CommonJS give different objects`);
  }
});

test('the ESM face exports exactly the declared values and a default', () => {
  assert.deepEqual(Object.keys(esm).sort(), [...NAMES, 'default'].sort());
  assert.equal(esmDefault, cjs, 'the default export is the CommonJS module');
  assert.equal(esm.default, cjs);
});

test('dynamic import() gives the same module', async () => {
  const again = await import('tinyyes');
  assert.equal(again, esm);
  for (const name of NAMES) assert.equal(again[name], cjs[name], name);
});

test('index.js imported as a file shows every declared name (CommonJS export scan)', async () => {
  const file = await import(new URL('../../node/index.js', import.meta.url).href);
  for (const name of NAMES) assert.equal(file[name], cjs[name], `import { ${name} } from '.../node/index.js'`);
});

test('named imports and destructured require of every name, in a fresh Node', () => {
  const list = NAMES.join(', ');
  const source = [
    `import { ${list} } from 'tinyyes';`,
    "import { createRequire } from 'node:module';",
    `const { ${NAMES.map((n) => `${n}: ${n}Cjs`).join(', ')} } = createRequire(process.cwd() + '/')('tinyyes');`,
    `const pairs = { ${NAMES.map((n) => `${n}: [${n}, ${n}Cjs]`).join(', ')} };`,
    'const report = {};',
    'for (const [k, [a, b]] of Object.entries(pairs)) report[k] = [a !== undefined, b !== undefined, a === b];',
    'console.log(JSON.stringify(report));',
  ].join('\n');
  const r = runNode(['--input-type=module'], source);
  assert.equal(r.status, 0, r.stderr);
  const report = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(report), NAMES);
  for (const name of NAMES) assert.deepEqual(report[name], [true, true, true], name);
});

test('a name the package does not export is a SyntaxError (the check above can fail)', () => {
  const r = runNode(['--input-type=module'], "import { Playbook, NoSuchExport } from 'tinyyes';");
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /SyntaxError: .*NoSuchExport/);
});

test('CommonJS require resolves to index.js and ESM import to index.mjs', () => {
  assert.equal(require.resolve('tinyyes'), path.join(repo, 'node', 'index.js'));
  assert.equal(import.meta.resolve('tinyyes'), new URL('../../node/index.mjs', import.meta.url).href);
});
