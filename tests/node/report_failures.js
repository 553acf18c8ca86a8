// report_failures.js — prints the failures of a node:test TAP log again, at
// its end: each `not ok` line with its YAML block (the error, or for a test
// file that died, its exit code and signal) and the diagnostics printed just
// before it. CI shows only the tail of a run, where these would otherwise be
// thousands of lines up. Usage: node tests/node/report_failures.js LOG
'use strict';

const fs = require('node:fs');

// The failure blocks of the TAP text, as arrays of lines.
function failures(text) {
  const lines = text.split('\n');
  const found = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^(\s*)not ok /.exec(lines[i]);
    if (!m) continue;
    let from = i;
    if (from > 0 && /^\s*# Subtest: /.test(lines[from - 1])) from--;
    while (from > 0 && /^\s*# (?!Subtest:)/.test(lines[from - 1])) from--;
    let to = i + 1;
    if (to < lines.length && lines[to] === `${m[1]}  ---`) {
      while (to < lines.length && lines[to] !== `${m[1]}  ...`) to++;
      to++;
    }
    found.push(lines.slice(from, to));
  }
  return found;
}

if (require.main === module) {
  const found = failures(fs.readFileSync(process.argv[2], 'utf8'));
  console.log(`==== node:test failures (${found.length}), repeated from above`);
  for (const block of found) console.log(block.join('\n'));
}

module.exports = { failures };
