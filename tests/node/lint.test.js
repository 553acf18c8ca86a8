// lint.test.js — message lint through the Node binding (docs/playbook.md), node:test.
//
// The shared vectors (tests/vectors/lint.json) byte for byte, spans as code
// points, defaults and locales, bad input, Playbook#lint over every
// template and the playbook-level checks (tests/vectors/lint_playbooks.json;
// the default playbook has no finding on any channel), every playbook the
// repository ships (tests/vectors/lint_shipped.json), and
// `npx tinyyes lint` (node/cli.js, node/lint_cli.js) through a pipe: lines,
// --json, --text, stdin, exit statuses 0/1/2; then the same command lines
// through `python -m tinyyes lint` with the output compared byte for byte
// (skipped without a Python tinyyes that has lint). The twin of
// tests/python/test_lint.py.
'use strict';

const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const repo = path.resolve(__dirname, '..', '..');
const ty = require(path.join(repo, 'node'));
const { Playbook, lint, CHANNELS } = ty;
const CLI = path.join(repo, 'node', 'cli.js');

const FINDING_KEYS = ['code', 'severity', 'message', 'start', 'end'];
const PLAYBOOK_FINDING_KEYS = ['template', 'variant', 'channel', ...FINDING_KEYS, 'path'];
const PLAYBOOK_CODES = ['TY101', 'TY102', 'TY103', 'TY104', 'TY105', 'TY106'];

const { assertTyError } = require('./helpers');

// text[start, end) in code points, as the findings count them.
const span = (text, f) => Array.from(text).slice(f.start, f.end).join('');

// ---- shared vectors ---------------------------------------------------------------

const vectors = JSON.parse(fs.readFileSync(path.join(repo, 'tests', 'vectors', 'lint.json'), 'utf8')).tests;

describe('vectors: tests/vectors/lint.json', () => {
  test('every code has a vector', () => {
    const codes = new Set(vectors.flatMap((c) => (c.expected || []).map((f) => f.code)));
    for (let i = 1; i <= 8; i++) assert.ok(codes.has(`TY00${i}`), `no vector finds TY00${i}`);
    assert.ok(vectors.some((c) => Array.isArray(c.expected) && c.expected.length === 0), 'no clean message');
  });

  for (const c of vectors) {
    test(c.name, () => {
      const options = 'channel' in c ? { channel: c.channel } : undefined;
      if (c.error) {
        assertTyError(() => lint(c.text, options), {
          code: c.error.code, reason: c.error.reason, path: c.error.path, message: c.error.message,
        });
        return;
      }
      const got = lint(c.text, options);
      assert.equal(JSON.stringify(got), JSON.stringify(c.expected));
      const n = Array.from(c.text).length;
      for (const f of got) {
        assert.deepEqual(Object.keys(f), FINDING_KEYS);
        assert.ok(f.start >= 0 && f.start <= f.end && f.end <= n, JSON.stringify(f));
      }
    });
  }
});

// ---- lint() -----------------------------------------------------------------------

describe('lint()', () => {
  test('spans are code points', () => {
    const text = '\u{1F6B2} Your bike is ready! Last chance to book a Tune-up, a Full service or a wheel true. ' +
      'Let me know.';
    const got = Object.fromEntries(lint(text).map((f) => [f.code, span(text, f)]));
    assert.equal(got.TY008, 'Last chance');
    assert.equal(got.TY001, 'Let me know');
  });

  test('defaults and locale', () => {
    const text = 'Which day suits you? Let me know!';
    const want = lint(text);
    assert.deepEqual(lint(text, { channel: 'webchat' }), want);
    assert.deepEqual(lint(text, 'webchat'), want);
    assert.deepEqual(lint(text, { channel: null, locale: null }), want);
    assert.deepEqual(lint(text, { channel: '' }), want); // empty: the default, as in C
    // a locale without its own tables falls back to English
    assert.deepEqual(lint(text, { locale: 'en-GB' }), want);
    assert.deepEqual(lint(text, { locale: 'xx' }), want);
    assert.deepEqual(lint(text, { channel: 'sms' }), lint(text, { channel: 'sms', locale: 'en' }));
  });

  test('bad input', () => {
    assertTyError(() => lint('Which day?', { channel: 'fax' }), {
      code: 'TY_ERROR', reason: 'arg', path: 'channel',
      message: 'unknown channel "fax" (allowed: whatsapp, messenger, instagram, telegram, webchat, sms)',
    });
    const bad = [['bad \ud800 text', 'utf8'], ['a\u0000b?', 'nul'], ['x'.repeat((1 << 20) + 1), 'limit']];
    for (const [text, reason] of bad) {
      assertTyError(() => lint(text), { code: 'TY_ERROR', reason });
    }
    assertTyError(() => lint(Buffer.from('Which day?')), { message: /text must be a string/ }, TypeError);
    assertTyError(() => lint('Which day?', { channel: 1 }), { message: /channel must be a string/ }, TypeError);
    assertTyError(() => lint('Which day?', { chanel: 'sms' }), { message: /unknown lint\(\) option 'chanel'/ },
      TypeError);
  });

  test('a long text', () => {
    const text = 'Your bike is ready for collection and the chain has been cleaned. '.repeat(400) +
      'Shall I book the next service?';
    const found = lint(text, { channel: 'whatsapp' });
    assert.ok(found.some((f) => f.code === 'TY006'));
    assert.deepEqual(lint(text, { channel: 'whatsapp' }), found);
  });
});

// ---- Playbook#lint ----------------------------------------------------------------------

const PUSHY = {
  tinyyes: 1, name: 'Pushy', locale: 'en',
  intents: { buy: { examples: ['I want to buy a plan'], flow: 'buy' } },
  slots: { plan: { type: 'choice', options: [{ id: 'a', title: 'Basic' }, { id: 'b', title: 'Pro' }] } },
  templates: {
    ask_plan: {
      text: 'Which plan: {{#options}}{{title}}{{^last}} or {{/last}}{{/options}}?',
      variants: ['Last chance! Basic or Pro?'],
      channels: { sms: 'Act now: pick a plan. Reply A or B.' },
    },
    thanks: 'Thanks for your order. Let me know if you have any questions.',
  },
  flows: {
    buy: {
      steps: [{ id: 'plan', say: 'ask_plan', ask: 'plan' }, { id: 'end', say: 'thanks', end: 'completed' }],
    },
  },
};

describe('Playbook#lint', () => {
  for (const channel of [undefined, ...CHANNELS]) {
    test(`the default playbook has no finding (${channel || 'default channel'})`, () => {
      assert.deepEqual(Playbook.default().lint(channel === undefined ? undefined : { channel }), []);
    });
  }

  test('findings name the template, the variant and the channel', () => {
    const findings = new Playbook(PUSHY).lint({ channel: 'whatsapp' });
    const where = new Set(findings.map((f) => JSON.stringify([f.template, f.variant, f.channel, f.code])));
    assert.ok(where.has(JSON.stringify(['ask_plan', 0, 'whatsapp', 'TY008']))); // the variant, on the channel linted
    assert.ok(where.has(JSON.stringify(['ask_plan', null, 'sms', 'TY008']))); // the channel text, on its own channel
    assert.ok(where.has(JSON.stringify(['thanks', null, 'whatsapp', 'TY001'])));
    assert.ok(where.has(JSON.stringify(['thanks', null, 'whatsapp', 'TY002'])));
    assert.ok(!findings.some((f) => f.template === 'ask_plan' && f.variant === null && f.channel === 'whatsapp'));
    const errors = new Set(findings.filter((f) => f.severity === 'error').map((f) => `${f.template} ${f.code}`));
    assert.deepEqual(errors, new Set(['ask_plan TY008']));
    assert.deepEqual(new Playbook(PUSHY).lint('whatsapp'), findings); // deterministic; a string is the channel
    assertTyError(() => new Playbook(PUSHY).lint({ channel: 'fax' }), { code: 'TY_ERROR', reason: 'arg' });
    assertTyError(() => new Playbook(PUSHY).lint({ locale: 'en' }), { message: /unknown Playbook#lint\(\) option/ },
      TypeError);
  });

  test('lint is a method of Playbook only', () => {
    assert.equal(typeof Playbook.prototype.lint, 'function');
    assert.ok(!Object.keys(Playbook.prototype).includes('lint'));
    assert.throws(() => Playbook.prototype.lint.call({}), TypeError);
    assert.throws(() => ty._native._playbookLint({}, null), /needs a Playbook/);
  });
});

// ---- the playbook-level checks: shared vectors -------------------------------------------

// The template text a finding's JSON path names.
function textAt(playbook, p) {
  const parts = p.split('.');
  const tpl = playbook.templates[parts[1]];
  if (parts.length === 2) return tpl;
  if (parts[2] === 'text') return tpl.text;
  if (parts[2].startsWith('variants[')) return tpl.variants[Number(parts[2].slice('variants['.length, -1))];
  return tpl.channels[parts[3]];
}

const playbookVectors = JSON.parse(fs.readFileSync(path.join(repo, 'tests', 'vectors', 'lint_playbooks.json'),
  'utf8')).tests;

describe('vectors: tests/vectors/lint_playbooks.json', () => {
  test('every playbook code has a vector', () => {
    const codes = new Set(playbookVectors.flatMap((c) => c.expected.map((f) => f.code)));
    for (const code of PLAYBOOK_CODES) assert.ok(codes.has(code), `no vector finds ${code}`);
    assert.ok(playbookVectors.some((c) => c.expected.length === 0), 'no clean playbook');
  });

  for (const c of playbookVectors) {
    test(c.name, () => {
      const got = new Playbook(c.playbook).lint(c.channel === undefined ? undefined : { channel: c.channel });
      assert.equal(JSON.stringify(got), JSON.stringify(c.expected));
      for (const f of got) {
        assert.deepEqual(Object.keys(f), PLAYBOOK_FINDING_KEYS);
        if (f.template === null) {
          assert.deepEqual([f.variant, f.channel, f.start, f.end], [null, null, null, null]);
        } else if (PLAYBOOK_CODES.includes(f.code)) {
          // offsets index the template text at the path: the tag found
          assert.ok(Array.from(textAt(c.playbook, f.path)).slice(f.start, f.end).join('').startsWith('{{'),
            JSON.stringify(f));
        }
      }
    });
  }
});

// ---- every playbook the repository ships -------------------------------------------------

const shipped = JSON.parse(fs.readFileSync(path.join(repo, 'tests', 'vectors', 'lint_shipped.json'), 'utf8'))
  .playbooks;

function loadShipped(entry) {
  if (entry.playbook === 'default') return Playbook.default();
  const text = fs.readFileSync(path.join(repo, entry.playbook), 'utf8');
  return new Playbook(entry.key ? JSON.parse(text)[entry.key] : text);
}

describe('every shipped playbook: tests/vectors/lint_shipped.json', () => {
  for (const entry of shipped) {
    test(entry.playbook, () => {
      const pb = loadShipped(entry);
      assert.deepEqual(pb.lint().map((f) => [f.path, f.code]), entry.findings);
      if (entry.playbook === 'default' || entry.playbook.startsWith('examples/')) {
        assert.deepEqual(entry.findings, []);
        for (const channel of CHANNELS) assert.deepEqual(pb.lint({ channel }), [], channel);
      }
    });
  }

  test('every one is listed', () => {
    const want = new Set(['default']);
    const add = (dir, keep) => {
      for (const f of fs.readdirSync(path.join(repo, dir)).filter((n) => n.endsWith('.json')).sort()) {
        if (keep(path.join(repo, dir, f))) want.add(`${dir}/${f}`);
      }
    };
    add('examples/playbooks', () => true);
    add('tests/vectors/conversations/quality/playbooks', () => true);
    add('tests/vectors/conversations', (p) => typeof JSON.parse(fs.readFileSync(p, 'utf8')).playbook === 'object');
    assert.deepEqual(new Set(shipped.map((e) => e.playbook)), want);
  });
});

// ---- the CLI ------------------------------------------------------------------------------

function runCli(args, input) {
  const r = spawnSync(process.execPath, [CLI, 'lint', ...args],
    { input: input || '', encoding: 'utf8', timeout: 60000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tinyyes-lint-'));
const pushyFile = path.join(dir, 'pushy.json');
fs.writeFileSync(pushyFile, JSON.stringify(PUSHY));
// A follow-up greets a name asked only later, and a flow nothing starts.
const FORGETFUL = {
  tinyyes: 1,
  intents: { book: { examples: ['book me in'], flow: 'booking' } },
  slots: { name: { type: 'text' } },
  templates: {
    ask_name: { text: 'What name should I book it under?' },
    done: "Thanks, {{name}}. We'll text you the day before.",
    nudge: 'Hi {{name}}, just checking in. {{question}}',
  },
  flows: {
    booking: { steps: [{ id: 'who', say: 'ask_name', ask: 'name' }, { id: 'done', say: 'done', end: 'completed' }] },
    spare: { steps: [{ id: 'x', say: 'done', end: 'completed' }] },
  },
  followups: [{ after: '4h', say: 'nudge' }],
};
const forgetfulFile = path.join(dir, 'forgetful.json');
fs.writeFileSync(forgetfulFile, JSON.stringify(FORGETFUL));

describe('npx tinyyes lint', () => {
  test('the default playbook is clean: exit 0', () => {
    const r = runCli([]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '0 errors, 0 warnings\n');
    assert.equal(r.stderr, '');
  });

  test('playbook findings: a path, a channel only for a template', () => {
    const r = runCli([forgetfulFile]);
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(r.stdout.trimEnd().split('\n'), [
      `${forgetfulFile}: templates.nudge [webchat] TY101 error: {{name}} may be missing: slot "name" can still be ` +
        'empty when followups[0] is sent while flows.booking.steps[0] waits; fill it before, or write ' +
        '{{#name}}...{{/name}}',
      `${forgetfulFile}: flows.spare TY106 warning: flow "spare" never starts: no intent has "flow": "spare" and no ` +
        'step that runs has "@spare" in its next',
      '1 error, 1 warning']);
  });

  test('errors exit 1, one line each', () => {
    const r = runCli([pushyFile, '--channel', 'whatsapp']);
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines[lines.length - 1], '2 errors, 2 warnings');
    assert.ok(lines.includes(`${pushyFile}: templates.ask_plan.variants[0] [whatsapp] TY008 error: pressure or false ` +
      'urgency "Last chance": give a real reason or none; the customer\'s yes must be free: "Last chance"'), r.stdout);
    assert.ok(lines.includes(`${pushyFile}: templates.ask_plan.channels.sms [sms] TY008 error: pressure or false ` +
      'urgency "Act now": give a real reason or none; the customer\'s yes must be free: "Act now"'), r.stdout);
    assert.ok(lines.some((l) => l.startsWith(`${pushyFile}: templates.thanks [whatsapp] TY001 warning: `)));
    assert.equal(r.stderr, '');
  });

  test('--json prints Playbook#lint', () => {
    let r = runCli([pushyFile, '--json', '--channel', 'messenger']);
    assert.equal(r.code, 1);
    assert.deepEqual(JSON.parse(r.stdout), new Playbook(PUSHY).lint({ channel: 'messenger' }));
    assert.equal(r.stdout, `${JSON.stringify(JSON.parse(r.stdout), null, 2)}\n`);
    r = runCli(['--json']);
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.stdout), Playbook.default().lint());
  });

  test('- reads the playbook from stdin', () => {
    const r = runCli(['-', '--json'], JSON.stringify(PUSHY));
    assert.equal(r.code, 1);
    assert.deepEqual(JSON.parse(r.stdout), new Playbook(PUSHY).lint());
    const lines = runCli(['-'], JSON.stringify(PUSHY)).stdout;
    assert.match(lines, /^<stdin>: templates\./);
  });

  test('--text lints one message', () => {
    let r = runCli(['--text', 'Which day suits you? Let me know!']);
    assert.equal(r.code, 0);
    assert.deepEqual(r.stdout.trimEnd().split('\n'), [
      'message: [webchat] TY001 warning: open-ended closer "Let me know": end with one clear next step ' +
        '(a question answerable in seconds, or an action): "Let me know"',
      '0 errors, 1 warning']);
    const pushy = 'Only today: 50% off! Book now at https://example.com';
    r = runCli(['--text', pushy, '--channel', 'sms', '--json']);
    assert.equal(r.code, 1);
    assert.deepEqual(JSON.parse(r.stdout), lint(pushy, { channel: 'sms' }));
    r = runCli(['--text', 'Which day works?', '--json']);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, '[]\n');
  });

  test('a long span is quoted cut, with an ellipsis', () => {
    const text = `${'Please come in at any time between nine and five and we will look at it. '.repeat(6)}OK?`;
    const r = runCli(['--text', text]);
    const line = r.stdout.split('\n').find((l) => l.includes('TY006'));
    assert.ok(line, r.stdout);
    assert.match(line, /: "Please come in at any time between nine and five and we wil\u2026"$/);
  });

  test('exit 2: unreadable, broken or invalid playbooks, bad arguments', () => {
    let r = runCli([path.join(dir, 'missing.json')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot read .*missing\.json: No such file or directory/);
    assert.equal(r.stdout, '');
    const broken = path.join(dir, 'broken.json');
    fs.writeFileSync(broken, '{"tinyyes": 1, "templates": {"a": "Hi?"');
    r = runCli([broken]);
    assert.equal(r.code, 2);
    assert.ok(r.stderr.includes('broken.json'), r.stderr);
    assert.equal(r.stdout, '');
    const invalid = path.join(dir, 'invalid.json');
    fs.writeFileSync(invalid, '{"tinyyes": 1, "tempaltes": {}}');
    r = runCli([invalid, '--json']);
    assert.equal(r.code, 2);
    assert.ok(r.stderr.includes('tempaltes'), r.stderr);
    assert.equal(r.stdout, '');
    r = runCli([pushyFile, '--text', 'Hi?']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /not both/);
    r = runCli(['--channel', 'fax']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /invalid choice: 'fax'/);
    r = runCli([pushyFile, '--locale', 'en']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--locale/);
    // a message the core refuses (argv cannot carry a NUL: in-process)
    const { runLint } = require(path.join(repo, 'node', 'lint_cli.js'));
    let err = '';
    assert.equal(runLint({ text: 'a\u0000b?' }, { error: (s) => { err += s; }, write: () => {} }), 2);
    assert.match(err, /^tinyyes lint: text contains a NUL byte/);
    r = runCli(['--nope']);
    assert.equal(r.code, 2);
  });

  test('--help mentions lint; lint --help its options', () => {
    let r = spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' });
    assert.equal(r.status, 0);
    assert.match(r.stdout, /lint/);
    assert.match(r.stdout, /chat/);
    r = spawnSync(process.execPath, [CLI, 'lint', '--help'], { encoding: 'utf8' });
    assert.equal(r.status, 0);
    for (const opt of ['--text', '--channel', '--locale', '--json', 'PLAYBOOK']) assert.ok(r.stdout.includes(opt), opt);
  });

  test('in-process: runLint with io hooks', () => {
    const { runLint } = require(path.join(repo, 'node', 'lint_cli.js'));
    let out = '';
    const code = runLint({ playbook: '-', json: false }, { input: JSON.stringify(PUSHY), write: (s) => { out += s; } });
    assert.equal(code, 1);
    assert.match(out, /^<stdin>: templates\.ask_plan\.variants\[0\] \[webchat\] TY008 error: /m);
  });
});

// ---- the same command lines through python -m tinyyes lint -----------------------------

// A Python with a tinyyes that has lint (TINYYES_PYTHON, else the
// repository's .venv), or a reason to skip.
function findPython() {
  const python = process.env.TINYYES_PYTHON || path.join(repo, '.venv', 'bin', 'python');
  if (!fs.existsSync(python)) return { skip: `no Python at ${python} (make deps, or set TINYYES_PYTHON)` };
  const r = spawnSync(python, ['-c', 'import tinyyes; tinyyes.lint; import tinyyes.cli as c; c.run_lint'],
    { encoding: 'utf8', cwd: os.tmpdir() });
  if (r.status !== 0) return { skip: `the tinyyes Python package for ${python} has no lint yet (make build-python)` };
  return { python };
}

describe('the same output from python -m tinyyes lint', () => {
  const found = findPython();
  const cases = [
    [],
    ['--json'],
    [pushyFile, '--channel', 'whatsapp'],
    [pushyFile, '--json', '--channel', 'sms'],
    [forgetfulFile],
    [forgetfulFile, '--json'],
    ['--text', 'Which day suits you? Let me know!'],
    ['--text', 'Only today: 50% off! Book now at https://example.com', '--channel', 'sms'],
    [path.join(dir, 'missing.json')],
    ['--channel', 'fax'],
  ];
  for (const args of cases) {
    test(args.join(' ') || '(no arguments)', found.skip ? { skip: found.skip } : {}, () => {
      const node = runCli(args);
      const py = spawnSync(found.python, ['-m', 'tinyyes', 'lint', ...args],
        { encoding: 'utf8', cwd: os.tmpdir(), env: { ...process.env, PYTHONIOENCODING: 'utf-8', COLUMNS: '80' } });
      assert.equal(node.code, py.status);
      assert.equal(node.stdout, py.stdout);
      if (args[0] !== '--channel') assert.equal(node.stderr, py.stderr); // argparse names its own prog
    });
  }
});
