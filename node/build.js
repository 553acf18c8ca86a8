#!/usr/bin/env node
/*
 * build.js — builds the native addon (build/Release/tinyyes.node) with
 * node-gyp; it is the package's `install` script.
 *
 * Why not plain `node-gyp rebuild`: on a machine without network access
 * node-gyp cannot download Node's headers, yet the running Node usually has
 * them installed beside it (<prefix>/include/node). We point node-gyp there
 * with --nodedir. We also check pkg-config for utf8proc first, so a
 * missing library is named with its Debian package instead of surfacing as a
 * gyp stack trace.
 *
 * We run `configure build` rather than `rebuild`, so that a rebuild after an
 * edit compiles only what changed; on a fresh checkout the two are
 * equivalent. build/ is node-gyp's alone (Make writes out/, setuptools
 * out/python).
 *
 * As the install script it runs with --if-no-prebuild: when node-gyp-build
 * finds an addon that fits this machine (prebuilds/<platform>-<arch>/, or an
 * earlier build) and it loads, nothing is compiled; `npm install
 * --build-from-source` compiles anyway.
 *
 * Other arguments are passed on to node-gyp (e.g. `node node/build.js --debug`).
 */
'use strict';

const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const root = path.resolve(__dirname, '..');

// Native libraries the core links against: pkg-config name -> Debian package.
const NATIVE_DEPS = [
  ['libutf8proc', 'libutf8proc-dev'],
];

function fail(msg) {
  process.stderr.write(`tinyyes: ${msg}\n`);
  process.exit(1);
}

function checkPkgConfig() {
  const probe = spawnSync('pkg-config', ['--version'], { stdio: 'ignore' });
  if (probe.error || probe.status !== 0) {
    fail('pkg-config is not installed; install the Debian package pkg-config ' +
         '(apt-get install pkg-config libutf8proc-dev)');
  }
  const missing = NATIVE_DEPS.filter(([name]) =>
    spawnSync('pkg-config', ['--exists', name], { stdio: 'ignore' }).status !== 0);
  if (missing.length) {
    const debs = missing.map(([, deb]) => deb);
    fail(`pkg-config cannot find ${missing.map(([n]) => n).join(', ')}; install the ` +
         `Debian package(s) ${debs.join(', ')} (apt-get install ${debs.join(' ')})`);
  }
}

// The prefix the running Node was installed under, if its headers are there.
function localNodedir() {
  const prefix = path.dirname(path.dirname(process.execPath));
  const header = path.join(prefix, 'include', 'node', 'node_api.h');
  return fs.existsSync(header) ? prefix : null;
}

// node-gyp's entry script: the one npm tells us about, else npm's own copy.
function findNodeGyp() {
  const fromNpm = process.env.npm_config_node_gyp;
  if (fromNpm && fs.existsSync(fromNpm)) return fromNpm;
  const prefix = path.dirname(path.dirname(process.execPath));
  const candidates = [
    path.join(prefix, 'lib', 'node_modules', 'npm', 'node_modules'),
    path.join(prefix, 'node_modules', 'npm', 'node_modules'), // Windows layout
  ];
  for (const dir of [root, ...candidates]) {
    try {
      return require.resolve('node-gyp/bin/node-gyp.js', { paths: [dir] });
    } catch (_) { /* try the next place */ }
  }
  return null;
}

// True when node-gyp-build resolves an addon for this machine and it loads
// (its bundled libraries found, the C library new enough).
function prebuiltLoads() {
  if (process.env.npm_config_build_from_source === 'true') return false;
  let file;
  try {
    file = require('node-gyp-build').path(root);
  } catch (_) {
    process.stderr.write('tinyyes: no prebuilt addon for this machine; building from source\n');
    return false;
  }
  try {
    require(file);
  } catch (e) {
    process.stderr.write(`tinyyes: ${path.relative(root, file)} does not load here ` +
                         `(${e.message.split('\n')[0]}); building from source\n`);
    return false;
  }
  return true;
}

function main() {
  const argv = process.argv.slice(2);
  const ifNoPrebuild = argv.includes('--if-no-prebuild');
  if (ifNoPrebuild && prebuiltLoads()) return;
  checkPkgConfig();
  const gyp = findNodeGyp();
  if (!gyp) fail('cannot find node-gyp (it ships with npm); install npm');
  const args = [gyp, 'configure', 'build'];
  const nodedir = process.env.npm_config_nodedir || localNodedir();
  if (nodedir) {
    args.push(`--nodedir=${nodedir}`);
  } else {
    process.stderr.write('tinyyes: no Node headers beside this Node; ' +
                         'node-gyp will try to download them\n');
  }
  args.push(...argv.filter((a) => a !== '--if-no-prebuild'));
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (r.error) fail(`cannot run node-gyp: ${r.error.message}`);
  process.exit(r.status === null ? 1 : r.status);
}

main();
