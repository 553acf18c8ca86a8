// package.test.js — what the npm package says about itself (node:test): its
// version is the C library's (ty_version(), the header's TY_VERSION) and the
// package.json's, its licence is MIT, and the playbook JSON Schema ships in
// it and resolves as 'tinyyes/playbook.schema.json'. The schema's agreement
// with the loader is tests/python/test_schema.py.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const repo = path.resolve(__dirname, '..', '..');
const ty = require(path.join(repo, 'node'));
const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8'));
const header = fs.readFileSync(path.join(repo, 'csrc', 'include', 'tinyyes.h'), 'utf8');

test('version: the library, the header and package.json agree', () => {
  const source = /^#define TY_VERSION "([^"]*)"$/m.exec(header)[1];
  const parts = ['MAJOR', 'MINOR', 'PATCH'].map((p) => new RegExp(`^#define TY_VERSION_${p} (\\d+)$`, 'm').exec(header)[1]);
  assert.equal(parts.join('.'), source);
  assert.equal(ty.version, source);
  assert.equal(pkg.version, source);
});

test('licence and repository metadata', () => {
  assert.equal(pkg.license, 'MIT');
  assert.match(fs.readFileSync(path.join(repo, 'LICENSE'), 'utf8'), /^MIT License\n\nCopyright \(c\) 2026 the tinyyes authors\n/);
  assert.match(pkg.repository.url, /github\.com\/tinyyes\/tinyyes/);
  assert.ok(pkg.files.includes('LICENSE'));
});

test('the playbook schema ships and resolves by the package name', () => {
  assert.ok(pkg.files.includes('playbook.schema.json'));
  const resolved = require.resolve('tinyyes/playbook.schema.json');
  assert.equal(resolved, path.join(repo, 'playbook.schema.json'));
  const schema = require('tinyyes/playbook.schema.json');
  assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
  assert.deepEqual(schema.required, ['tinyyes']);
  // the patterns are ECMA-262 with Unicode property escapes, as editors run them
  const name = new RegExp(schema.$defs.name.pattern, 'u');
  for (const ok of ['ask_day', 'mañana', 'step-2', 'цены']) assert.ok(name.test(ok), ok);
  for (const bad of ['ask day', 'a.b', '@flow', '']) assert.ok(!name.test(bad), bad);
  const walk = (node) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === 'object') {
      if (typeof node.pattern === 'string') new RegExp(node.pattern, 'u'); // throws when invalid
      Object.values(node).forEach(walk);
    }
  };
  walk(schema);
});
