// run.mjs — the Node typing test (`make test-typing-node`).
//
// 1. `tsc --strict --noEmit` (tsconfig.json: nodenext module resolution, no
//    DOM or @types/node, declaration files checked too) over
//    uses_every_api.ts copied as an ES module (.mts, so 'tinyyes' resolves
//    through the "import" condition to node/index.d.mts) and as CommonJS
//    (.cts: the "require" condition, node/index.d.ts), and over
//    default_import.mts. The copies go to out/typing/src; an error in them
//    is at the same line of tests/typescript/uses_every_api.ts.
// 2. The same files compiled to out/typing/js and run: the ES module one
//    imported, the CommonJS one required. Both must pass their checks and
//    give the same lines.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const out = path.join(repo, 'out', 'typing');
const tsc = path.join(repo, 'node_modules', '.bin', 'tsc');

if (!fs.existsSync(tsc)) {
  console.error(`test-typing-node: ${tsc} is missing: run \`npm install\` (typescript is a devDependency)`);
  process.exit(1);
}

fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(path.join(out, 'src'), { recursive: true });
const body = fs.readFileSync(path.join(here, 'uses_every_api.ts'), 'utf8');
fs.writeFileSync(path.join(out, 'src', 'uses_every_api.mts'), body);
fs.writeFileSync(path.join(out, 'src', 'uses_every_api.cts'), body);
for (const f of ['globals.d.ts', 'default_import.mts']) fs.copyFileSync(path.join(here, f), path.join(out, 'src', f));
const base = path.relative(out, path.join(here, 'tsconfig.json'));
fs.writeFileSync(path.join(out, 'tsconfig.json'), JSON.stringify({
  extends: base.split(path.sep).join('/'),
  compilerOptions: { rootDir: 'src', outDir: 'js', noEmit: false },
  files: ['src/globals.d.ts', 'src/uses_every_api.mts', 'src/uses_every_api.cts', 'src/default_import.mts'],
}, null, 2));

function run(args) {
  console.log(`$ tsc ${args.join(' ')}`);
  try {
    execFileSync(tsc, args, { cwd: repo, stdio: 'inherit' });
  } catch (_) {
    console.error('test-typing-node: tsc failed (out/typing/src/* lines are those of tests/typescript/*)');
    process.exit(1);
  }
}

const project = path.relative(repo, path.join(out, 'tsconfig.json'));
run(['--strict', '--noEmit', '-p', project]);
run(['-p', project]);

const repoUrl = pathToFileURL(repo + path.sep).href;
const esm = await import(pathToFileURL(path.join(out, 'js', 'uses_every_api.mjs')).href);
const cjs = createRequire(import.meta.url)(path.join(out, 'js', 'uses_every_api.cjs'));
const fromEsm = esm.usesEveryApi(repoUrl);
const fromCjs = cjs.usesEveryApi(repoUrl);
if (JSON.stringify(fromEsm) !== JSON.stringify(fromCjs)) {
  console.error('test-typing-node: the ES module and CommonJS runs differ:', fromEsm, fromCjs);
  process.exit(1);
}
const dflt = await import(pathToFileURL(path.join(out, 'js', 'default_import.mjs')).href);
if (dflt.same !== true || dflt.channels.length !== 6) {
  console.error('test-typing-node: the default export is not the CommonJS module');
  process.exit(1);
}
console.log(`test-typing-node: ok (ESM and CommonJS runs agree on ${fromEsm.length} lines)`);
for (const line of fromEsm) console.log(`  ${line}`);
