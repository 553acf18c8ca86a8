// templates.test.js — Node binding tests for tinyyes templates (node:test).
//
// Runs the shared vectors (tests/vectors/templates.json), the Mustache spec
// files from the shared directory (TINYYES_SHARED, else <repo>/../shared;
// skipped with a message when absent), and the binding's own API tests:
// option validation, error objects, how JS values read as data, the JS
// pre-extraction fast path against the plain native path, worker threads,
// finalizers under GC, and bad input.
'use strict';

const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const v8 = require('node:v8');
const vm = require('node:vm');
const { Worker } = require('node:worker_threads');
const { spawnSync } = require('node:child_process');

const repo = path.resolve(__dirname, '..', '..');
const ty = require(path.join(repo, 'node'));
const { Template } = ty;
const NativeTemplate = ty._native.Template;

// Renders through the plain native path (no JS pre-extraction).
function nativeRender(source, data, options) {
  return new NativeTemplate(source, options).render(data);
}

// Asserts that fn throws an Error (a `Kind`) whose listed properties match
// `want` (a RegExp matches a string property).
function assertTyError(fn, want, Kind = Error) {
  let caught;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught, `expected an error matching ${JSON.stringify(want)}`);
  assert.ok(caught instanceof Kind, `not a ${Kind.name}: ${caught}`);
  for (const [k, v] of Object.entries(want)) {
    if (v instanceof RegExp) assert.match(String(caught[k]), v, `error.${k}`);
    else assert.deepEqual(caught[k], v, `error.${k} (message: ${caught.message})`);
  }
  return caught;
}

// ---- shared vectors ------------------------------------------------------

describe('vectors: tests/vectors/templates.json', () => {
  const file = path.join(repo, 'tests', 'vectors', 'templates.json');
  const vectors = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.ok(vectors.tests.length > 0);
  for (const v of vectors.tests) {
    test(v.name, () => {
      const options = { ...(v.options || {}) };
      if (v.partials) options.partials = v.partials;
      const run = () => new Template(v.template, options).render(v.data);
      if ('error' in v) {
        assertTyError(run, v.error);
        // the plain native path fails the same way
        assertTyError(() => nativeRender(v.template, v.data, options), v.error);
      } else {
        assert.equal(run(), v.expected);
        assert.equal(nativeRender(v.template, v.data, options), v.expected);
      }
    });
  }
});

// ---- Mustache spec --------------------------------------------------------

const sharedDir = process.env.TINYYES_SHARED || path.resolve(repo, '..', 'shared');
const specDir = path.join(sharedDir, 'conformance', 'mustache-spec');
const SPEC_FILES = ['comments', 'delimiters', 'interpolation', 'inverted', 'partials', 'sections',
  '~inheritance', '~dynamic-names'];
const SPEC_OPTIONS = { strict: false, guard: false, escape: 'html' };

describe('Mustache spec', () => {
  if (!fs.existsSync(specDir)) {
    test('spec files', { skip: `Mustache spec not found at ${specDir} (set TINYYES_SHARED)` }, () => {});
    return;
  }
  for (const name of SPEC_FILES) {
    const file = path.join(specDir, `${name}.json`);
    describe(name, () => {
      if (!fs.existsSync(file)) {
        test(name, { skip: `${file} not found` }, () => {});
        return;
      }
      const spec = JSON.parse(fs.readFileSync(file, 'utf8'));
      for (const c of spec.tests) {
        test(c.name, () => {
          const options = { ...SPEC_OPTIONS, partials: c.partials || {} };
          assert.equal(new Template(c.template, options).render(c.data), c.expected, c.desc);
          assert.equal(nativeRender(c.template, c.data, options), c.expected, `${c.desc} (native path)`);
        });
      }
    });
  }
});

// ---- the API -------------------------------------------------------------------

describe('module', () => {
  test('exports', () => {
    assert.equal(typeof Template, 'function');
    assert.match(ty.version, /^\d+\.\d+\.\d+/);
    assert.equal(ty.version, require(path.join(repo, 'package.json')).version);
  });
});

describe('options', () => {
  test('defaults: strict, guard on, no escaping', () => {
    assert.equal(new Template('{{x}}').render({ x: '<&>' }), '<&>');
    assertTyError(() => new Template('{{x}}').render({}), { code: 'TY_TEMPLATE', reason: 'missing' });
    assertTyError(() => new Template('{{x}}').render({ x: '[name]' }), { code: 'TY_TEMPLATE', reason: 'guard' });
  });

  test('escape modes', () => {
    const v = { x: `<b>"A&B's"</b>_*[x]` };
    assert.equal(new Template('{{x}}', { escape: 'html', guard: false }).render(v),
      '&lt;b&gt;&quot;A&amp;B&#39;s&quot;&lt;/b&gt;_*[x]');
    assert.equal(new Template('{{x}}', { escape: 'telegram_html', guard: false }).render(v),
      '&lt;b&gt;"A&amp;B\'s"&lt;/b&gt;_*[x]');
    assert.equal(new Template('{{x}}', { escape: 'telegram_md', guard: false }).render({ x: 'a_b*c.' }),
      'a\\_b\\*c\\.');
    // never the template's own text
    assert.equal(new Template('<i>{{x}}</i>', { escape: 'html' }).render({ x: '&' }), '<i>&amp;</i>');
    // triple mustache stays raw
    assert.equal(new Template('{{{x}}}', { escape: 'html' }).render({ x: '&' }), '&');
  });

  test('unknown escape is a TypeError naming the allowed values', () => {
    const e = assertTyError(() => new Template('x', { escape: 'markdown' }), { name: 'TypeError' });
    assert.ok(e instanceof TypeError);
    for (const mode of ['none', 'html', 'telegram_html', 'telegram_md', 'markdown']) {
      assert.ok(e.message.includes(`'${mode}'`), e.message);
    }
    assert.throws(() => new Template('x', { escape: 1 }), TypeError);
    assert.throws(() => new Template('x', { escape: 'HTML' }), TypeError);
  });

  test('unknown option keys are a TypeError', () => {
    assert.throws(() => new Template('x', { strcit: false }), (e) => e instanceof TypeError && /strcit/.test(e.message));
    assert.throws(() => new Template('x', { partial: {} }), TypeError);
  });

  test('option types are checked', () => {
    assert.throws(() => new Template('x', { strict: 'no' }), TypeError);
    assert.throws(() => new Template('x', { guard: 0 }), TypeError);
    assert.throws(() => new Template('x', { partials: 'p' }), TypeError);
    assert.throws(() => new Template('x', { partials: ['a'] }), TypeError);
    assert.throws(() => new Template('x', { partials: { p: 1 } }), (e) => e instanceof TypeError && /p/.test(e.message));
    assert.throws(() => new Template('x', 'html'), TypeError);
    assert.throws(() => new Template('x', [1]), TypeError);
    // undefined and null mean "defaults"
    assert.equal(new Template('x', undefined).render({}), 'x');
    assert.equal(new Template('x', null).render({}), 'x');
    assert.equal(new Template('x', { strict: undefined, partials: null }).render({}), 'x');
  });

  test('strict: false gives the spec behaviour', () => {
    assert.equal(new Template('[{{x}}]', { strict: false, guard: false }).render({}), '[]');
  });

  test('guard: false lets placeholders through', () => {
    assert.equal(new Template('{{x}}', { guard: false }).render({ x: '[topic]' }), '[topic]');
    assert.equal(new Template('{{x}}', { guard: false }).render({ x: '{{y}}' }), '{{y}}');
  });

  test('partials', () => {
    const t = new Template('Hi {{>who}}!', { partials: { who: '{{name}}' } });
    assert.equal(t.render({ name: 'Ann' }), 'Hi Ann!');
    assert.deepEqual(t.names, ['name']);
  });

  test('source must be a string; new is required', () => {
    assert.throws(() => new Template(), TypeError);
    assert.throws(() => new Template(42), TypeError);
    assert.throws(() => new Template(null), TypeError);
    assert.throws(() => NativeTemplate('x'), TypeError);
    assert.throws(() => Template('x'), TypeError);
  });
});

describe('errors', () => {
  test('missing names: one error naming every one', () => {
    const e = assertTyError(() => new Template('Hi {{name}}, about {{topic}} or {{option_b}}?').render({ name: 'A' }), {
      code: 'TY_TEMPLATE', reason: 'missing', message: 'missing: topic, option_b',
    });
    assert.equal(typeof e.offset, 'number');
    assert.ok(!('path' in e));
  });

  test('syntax errors carry line and col', () => {
    const e = assertTyError(() => new Template('Hello\n  {{#a}}x'), { code: 'TY_TEMPLATE', reason: 'syntax', line: 2 });
    assert.equal(typeof e.col, 'number');
    assert.ok(e.col >= 1);
    assertTyError(() => new Template('{{#a}}{{/b}}'), { code: 'TY_TEMPLATE', reason: 'syntax', line: 1 });
    assertTyError(() => new Template('é {{x'), { code: 'TY_TEMPLATE', reason: 'syntax', line: 1 });
  });

  test('errors inside a partial name it in path', () => {
    const e = assertTyError(() => new Template('{{>p}}', { partials: { p: 'x\n{{#open}}' } }),
      { code: 'TY_TEMPLATE', reason: 'syntax' });
    assert.equal(typeof e.path, 'string');
    assert.ok(e.path.includes('p'), e.path);
  });

  test('a missing name is not confused with null, false, 0 or ""', () => {
    const t = new Template('[{{a}}|{{b}}|{{c}}|{{d}}]', { guard: false });
    assert.equal(t.render({ a: null, b: false, c: 0, d: '' }), '[|false|0|]');
  });

  test('recursion stops at the depth limit', () => {
    const t = new Template('{{>r}}', { partials: { r: '{{#a}}{{>r}}{{/a}}' } });
    assertTyError(() => t.render({ a: true }), { code: 'TY_TEMPLATE', reason: 'depth' });
  });
});

describe('getters', () => {
  test('source is the string as given and read-only', () => {
    const src = 'Hi {{name}} \u00e9 😀';
    const t = new Template(src);
    assert.equal(t.source, src); // the JS string itself
    assert.throws(() => { 'use strict'; t.source = 'x'; }, TypeError);
    assert.equal(t.source, src);
  });

  test('names lists the top-level names, first use first', () => {
    const t = new Template('{{b}} {{#list}}{{a}}{{/list}} {{x.y}} {{b}}');
    assert.deepEqual(t.names, ['b', 'list', 'a', 'x']);
    assert.notEqual(t.names, t.names); // a fresh array each time
    assert.deepEqual(new Template('plain').names, []);
  });

  test('methods refuse foreign receivers', () => {
    const t = new Template('x');
    assert.throws(() => Template.prototype.render.call({}, {}), TypeError);
    assert.throws(() => NativeTemplate.prototype.render.call({}, {}), TypeError);
    assert.throws(() => Object.getOwnPropertyDescriptor(NativeTemplate.prototype, 'source').get.call({}), TypeError);
    assert.equal(t.render(), 'x');
  });
});

describe('data', () => {
  // Each case renders through the fast path and the plain native path.
  function both(source, data, options) {
    const a = new Template(source, options).render(data);
    const b = nativeRender(source, data, options);
    assert.equal(a, b, 'fast path and native path differ');
    return a;
  }

  test('arrays, nested objects, implicit iterator', () => {
    assert.equal(both('{{#xs}}{{.}},{{/xs}}', { xs: [1, 'b', true] }), '1,b,true,');
    assert.equal(both('{{#xs}}{{n}}{{/xs}}', { xs: [{ n: 1 }, { n: 2 }] }), '12');
    assert.equal(both('{{#xs}}{{#.}}{{.}}{{/.}};{{/xs}}', { xs: [[1, 2], [3]] }), '12;3;');
    assert.equal(both('{{a.b.c}}', { a: { b: { c: 'deep' } } }), 'deep');
    assert.equal(both('{{#.}}{{.}}{{/.}}', ['x', 'y']), 'xy');
    assert.equal(both('{{^xs}}none{{/xs}}', { xs: [] }), 'none');
    assert.equal(both('{{.}}', 'root'), 'root');
    assert.equal(both('{{.}}', 7), '7');
  });

  test('numbers use the shortest round-trip form', () => {
    assert.equal(both('{{x}}', { x: 1.210 }), '1.21');
    assert.equal(both('{{x}}', { x: 3 }), '3');
    assert.equal(both('{{x}}', { x: -0.5 }), '-0.5');
    assert.equal(both('{{x}}', { x: 0.1 + 0.2 }), '0.30000000000000004');
    assert.equal(both('{{x}}', { x: 1e21 }), '1e+21');
    assert.equal(both('{{x}}', { x: 2 ** 53 }), '9007199254740992');
    assert.equal(both('{{#xs}}{{.}} {{/xs}}', { xs: [1.5, 120] }), '1.5 120 ');
  });

  test('unicode and emoji pass through unchanged', () => {
    const data = { a: 'José Ñandú', b: '日本語', c: '👍🏽 family: 👨‍👩‍👧', d: 'مرحبا' };
    assert.equal(both('{{a}}|{{b}}|{{c}}|{{d}}', data), 'José Ñandú|日本語|👍🏽 family: 👨‍👩‍👧|مرحبا');
    assert.equal(both('é{{a}}😀', { a: '€' }), 'é€😀');
    assert.equal(both('{{x}}', { x: 'é'.repeat(5000) }), 'é'.repeat(5000)); // past the scratch buffer
  });

  // Both paths throw the same error (the fast path and the native reader).
  function bothThrow(source, data, want) {
    assertTyError(() => new Template(source).render(data), want);
    assertTyError(() => nativeRender(source, data), want);
  }

  test('lone surrogates are errors (source and data); U+FFFD itself is text', () => {
    const text = (name, at) => ({
      code: 'TY_TEMPLATE', reason: 'utf8',
      message: `value of "${name}" is not valid Unicode text: lone surrogate at index ${at}`,
    });
    bothThrow('{{x}}', { x: 'a\uD800b' }, text('x', 1));
    bothThrow('{{x}}', { x: '\uDC00' }, text('x', 0));
    bothThrow('{{#s}}x{{/s}}', { s: '\uDC00' }, text('s', 0)); // a section's truth
    bothThrow('{{#xs}}{{.}}{{/xs}}', { xs: ['ok', '\uFFFD\uD800'] }, text('.', 1));
    assertTyError(() => new Template('\uD83D{{x}}'), {
      code: 'TY_TEMPLATE', reason: 'utf8', message: 'template source: lone surrogate at index 0 is not valid Unicode text',
    });
    // two values whose lone halves would meet if joined stay two errors
    bothThrow('{{a}}{{b}}', { a: 'x\uD83D', b: '\uDE00y' }, text('a', 1));
    bothThrow('{{b}}-{{a}}', { a: '\uD83D', b: '\uDE00' }, text('b', 0));
    // U+FFFD and surrogate pairs are ordinary text, and a bad string the
    // template does not render is not read
    assert.equal(both('{{x}}{{y}}', { x: '\uFFFD', y: '\uD83D\uDE00' }), '\uFFFD😀');
    assert.equal(both('{{#no}}{{x}}{{/no}}ok', { no: false, x: '\uD800' }), 'ok');
  });

  test('undefined is missing, null renders as nothing', () => {
    assertTyError(() => new Template('{{x}}').render({ x: undefined }), { reason: 'missing', message: 'missing: x' });
    assert.equal(both('[{{x}}]', { x: null }, { guard: false }), '[]');
    // undefined falls through to the outer context
    assert.equal(both('{{#s}}{{x}}{{/s}}', { x: 'outer', s: { x: undefined } }), 'outer');
  });

  test('booleans', () => {
    assert.equal(both('{{#a}}yes{{/a}}{{^b}}no{{/b}}{{a}}', { a: true, b: false }), 'yesnotrue');
  });

  test('getters are read; class instances are not data; inherited methods are not data', () => {
    class Person {
      constructor(first, last) { this.first = first; this.last = last; }
      get full() { return `${this.first} ${this.last}`; }
    }
    const p = new Person('Ann', 'Lee');
    const notData = (where) => ({
      code: 'TY_TEMPLATE', reason: 'arg',
      message: `${where} is not data: expected a map, list, string, number, boolean or null, not Person`,
    });
    bothThrow('{{full}}', p, notData('the root value'));
    bothThrow('{{#p}}{{full}}{{/p}}', { p }, notData('value of "p"'));
    assert.equal(both('{{#p}}{{full}}{{/p}}', { p: { ...p, full: 'Ann Lee' } }), 'Ann Lee');
    assertTyError(() => new Template('{{toString}}{{constructor}}').render({}),
      { reason: 'missing', message: 'missing: toString, constructor' });
    assertTyError(() => new Template('{{__proto__}}').render({}), { reason: 'missing' });
    // JSON.parse can make an own __proto__: that one is data
    assert.equal(both('{{__proto__}}', JSON.parse('{"__proto__": "own"}')), 'own');
    const o = { get g() { return 'got'; } };
    assert.equal(both('{{g}}', o), 'got');
    assert.equal(both('{{#x}}{{g}}{{/x}}', { x: o }), 'got');
  });

  test('own functions are an error: lambdas are not supported', () => {
    for (const run of [(s, d) => new Template(s).render(d), (s, d) => nativeRender(s, d)]) {
      assert.throws(() => run('{{f}}', { f: () => 'x' }), (e) => e instanceof TypeError && /lambda/.test(e.message));
      assert.throws(() => run('{{#xs}}{{.}}{{/xs}}', { xs: [() => 1] }), TypeError);
      assert.throws(() => run('{{#o}}{{f}}{{/o}}', { o: { f() {} } }), TypeError);
    }
  });

  test('bigint renders as digits; Dates and symbols are not data', () => {
    assert.equal(both('{{n}}', { n: 12345678901234567890n }), '12345678901234567890');
    assert.equal(both('{{#xs}}{{.}}{{/xs}}', { xs: [1n] }), '1');
    const want = /^value of "d" is not data: expected a map, list, string, number, boolean or null, not /;
    for (const [d, name] of [[new Date(0), 'Date'], [Symbol('x'), 'symbol']]) {
      for (const run of [(s, x) => new Template(s).render(x), nativeRender]) {
        const e = assertTyError(() => run('{{d}}', { d }), { message: want, code: 'TY_TEMPLATE' }, TypeError);
        assert.ok(e.message.endsWith(`not ${name}`), e.message);
      }
    }
  });

  test('Proxies of plain objects read as objects', () => {
    const seen = [];
    const px = new Proxy({}, { get(_t, k) { seen.push(k); return k === 'who' ? 'proxy' : undefined; } });
    assert.equal(both('{{who}}', px), 'proxy');
    assert.ok(seen.includes('who'));
  });

  test('a getter that throws propagates its own exception', () => {
    const boom = new Error('boom');
    const d = { get x() { throw boom; } };
    assert.throws(() => new Template('{{x}}').render(d), (e) => e === boom);
    assert.throws(() => nativeRender('{{x}}', d), (e) => e === boom);
    assert.throws(() => new Template('{{#o}}{{x}}{{/o}}').render({ o: d }), (e) => e === boom);
  });

  test('a getter the template does not reach is not an error', () => {
    const d = { show: false, get secret() { throw new Error('must not be needed'); } };
    assert.equal(both('{{#show}}{{secret}}{{/show}}ok', d), 'ok');
  });

  test('re-entrant render from a getter', () => {
    const inner = new Template('<{{v}}>');
    const outer = new Template('{{a}}|{{b}}|{{c}}');
    const d = {
      a: 'x',
      get b() { return inner.render({ v: 'in' }) + outer.render({ a: 1, b: 2, c: 3 }); },
      c: 'z',
    };
    assert.equal(outer.render(d), 'x|<in>1|2|3|z');
    assert.equal(nativeRender('{{a}}|{{b}}|{{c}}', d), 'x|<in>1|2|3|z');
  });

  test('data that is not an object', () => {
    assert.equal(both('x', undefined), 'x');
    assert.equal(both('x', null), 'x');
    assertTyError(() => new Template('{{a}}').render('str'), { reason: 'missing' });
    assertTyError(() => new Template('{{a}}').render([{ a: 1 }]), { reason: 'missing' });
  });

  test('interpolating a list or map is an error in strict mode', () => {
    assertTyError(() => new Template('{{xs}}').render({ xs: [1] }), { code: 'TY_TEMPLATE' });
    assertTyError(() => new Template('{{o}}').render({ o: {} }), { code: 'TY_TEMPLATE' });
  });

  test('past the bounds of the JS walk', () => {
    // deeper than the walk goes
    let deep = { v: 'bottom' };
    let src = '{{v}}';
    for (let i = 0; i < 12; i++) {
      deep = { n: deep };
      src = `{{#n}}${src}{{/n}}`;
    }
    assert.equal(both(src, deep), 'bottom');
    // more values than the walk takes
    const xs = Array.from({ length: 5000 }, (_, i) => ({ v: i % 3 ? `s${i}` : i }));
    const want = xs.map((x) => String(x.v)).join('');
    assert.equal(both('{{#xs}}{{v}}{{/xs}}', { xs }), want);
    assert.equal(both('{{#a}}{{#xs}}{{v}}{{/xs}}{{/a}}', { a: { xs } }), want);
    // class instances and Dates inside lists are refused by the native reader
    class P { constructor(n) { this.n = n; } }
    bothThrow('{{#ps}}{{n}},{{/ps}}', { ps: [{ n: 0 }, new P(1)] }, { message: /^item 1 of "ps" is not data: .*, not P$/ });
    bothThrow('{{#ds}}{{.}}{{/ds}}', { ds: [new Date(0)] }, { message: /^item 0 of "ds" is not data: .*, not Date$/ });
    // holes and undefined in lists
    assert.equal(both('{{#xs}}[{{.}}]{{/xs}}', { xs: [1, undefined, , null] }, { guard: false }), '[1][][][]');
    // dotted names below the walk's names
    assert.equal(both('{{a.b.c}} {{#a}}{{b.c}}{{/a}}', { a: { b: { c: 'd' } } }), 'd d');
    // the same object twice and a cycle
    const shared = { v: 's' };
    const cyc = { v: 'c' };
    cyc.self = cyc;
    assert.equal(both('{{#a}}{{v}}{{/a}}{{#b}}{{v}}{{/b}}', { a: shared, b: shared }), 'ss');
    assert.equal(both('{{#self}}{{#self}}{{v}}{{/self}}{{/self}}', cyc), 'c');
  });

  test('the walk learns which names to read, and stays exact when paths change', () => {
    const src = '{{#a}}{{x}}{{/a}}{{#b}}{{y}}{{z}}{{/b}}{{#c}}{{#d}}{{w}}{{/d}}{{/c}}{{v}}';
    const opts = { strict: false, guard: false };
    const t = new Template(src, opts);
    const nt = new NativeTemplate(src, opts);
    const datas = [
      { a: [{ x: 1 }], b: false, v: 'v' }, // learns x (nested), a, b, c, v (root)
      { a: [], b: [{ y: 'y1', z: 'z1' }], v: 'v' }, // y, z: never read by the walk yet
      { a: [], b: { y: 'y2' }, z: 'zroot', v: 'v' }, // z falls through to the root
      { c: [{ d: [{ w: 'w1' }] }], v: 'v' }, // deeper
      { c: [{ d: { w: 'w2' } }], w: 'root-w', v: 'v' },
      { a: [{ x: 'again' }], b: [{ y: 'y3' }], c: [{ d: [{}] }], w: 'w-root', z: 'z', v: 'v' },
      { v: 'v', get a() { return [{ x: 'getter' }]; } },
    ];
    for (let round = 0; round < 3; round++) {
      for (const d of datas) assert.equal(t.render(d), nt.render(d), JSON.stringify(d));
    }
    // strict: a name the walk skipped is still reported missing correctly
    const st = new Template('{{#xs}}{{name}}{{/xs}}');
    assert.equal(st.render({ xs: [{ name: 'a' }] }), 'a');
    assertTyError(() => st.render({ xs: [{}] }), { reason: 'missing', message: 'missing: name' });
    assert.equal(st.render({ xs: [{}], name: 'outer' }), 'outer');
  });

  test('many names (past the native key cache)', () => {
    const names = Array.from({ length: 100 }, (_, i) => `n${i}`);
    const src = names.map((n) => `{{${n}}}`).join(',');
    const data = Object.fromEntries(names.map((n, i) => [n, i % 2 ? `v${i}` : i]));
    const want = names.map((n, i) => (i % 2 ? `v${i}` : String(i))).join(',');
    assert.equal(both(src, data), want);
    assert.equal(both(src, data), want); // second render reuses the cache
  });

  test('dynamic partial names read from data', () => {
    const opts = { partials: { a: 'A{{x}}', b: 'B{{x}}' } };
    assert.equal(both('{{>*which}}', { which: 'b', x: 1 }, opts), 'B1');
  });

  test('rendering many times is stable', () => {
    const t = new Template('Hi {{name}}, {{#xs}}{{.}}{{/xs}} {{n}}');
    for (let i = 0; i < 2000; i++) {
      assert.equal(t.render({ name: `p${i}`, xs: [i, 'é'], n: i / 4 }), `Hi p${i}, ${i}é ${i / 4}`);
    }
  });
});

describe('invalid input', () => {
  test('NUL in the source', () => {
    assertTyError(() => new Template('a\u0000b'), { code: 'TY_TEMPLATE', reason: 'nul' });
  });

  test('NUL in a value', () => {
    assertTyError(() => new Template('{{x}}').render({ x: 'a\u0000b' }), { code: 'TY_TEMPLATE', reason: 'nul' });
    assertTyError(() => nativeRender('{{x}}', { x: 'a\u0000b' }), { code: 'TY_TEMPLATE', reason: 'nul' });
  });

  test('a 2 MiB template is over the limit', () => {
    assertTyError(() => new Template('x'.repeat(2 << 20)), { code: 'TY_TEMPLATE', reason: 'limit' });
  });

  test('output over the limit', () => {
    const t = new Template('{{#xs}}{{{s}}}{{/xs}}', { guard: false });
    const s = 'y'.repeat(1 << 20);
    assertTyError(() => t.render({ xs: [1, 2, 3, 4, 5], s }), { code: 'TY_TEMPLATE', reason: 'limit' });
    assert.equal(t.render({ xs: [1], s }).length, 1 << 20);
  });

  test('pre-extraction records are never trusted', () => {
    // records of four doubles [tag, a, b, c]: 7 MAP (a: objs index, b: block),
    // 8 LIST (c: length), 1 STRING (a: UTF-16 length), 6 HOST, 0 ABSENT
    const t = new NativeTemplate('{{a}}{{b}}');
    const rp = (tpl, objs, joined, meta, n) =>
      ty._native._renderPre(tpl._id, objs, joined, meta instanceof Float64Array ? meta.buffer : meta, n);
    const d = { a: 'x', b: 'y' };
    const recs = (...r) => new Float64Array(r.flat());
    assert.equal(rp(t, [d], 'xy', recs([7, 0, 1, 2], [1, 1, 0, 0], [1, 1, 0, 0]), 3), 'xy');
    assert.equal(rp(t, [d], '', recs([7, 0, 1, 2], [6, 0, 0, 0], [6, 0, 0, 0]), 3), 'xy');
    // string lengths that do not add up: read from the objects instead
    assert.equal(rp(t, [d], 'xyz', recs([7, 0, 1, 2], [1, 5, 0, 0], [1, 1, 0, 0]), 3), 'xy');
    assert.equal(rp(t, [d], 'x', recs([7, 0, 1, 2], [1, 1, 0, 0], [1, 1, 0, 0]), 3), 'xy');
    const bad = [
      recs([7, 0, 1, 2], [1, -1, 0, 0], [1, 1, 0, 0]), // negative length
      recs([7, 0, 1, 2], [NaN, 0, 0, 0], [1, 1, 0, 0]), // bad tag
      recs([7, 0, 1, 2], [9, 0, 0, 0], [1, 1, 0, 0]), // unknown tag
      recs([7, 0, 0, 2], [1, 1, 0, 0], [1, 1, 0, 0]), // block not after its parent
      recs([7, 0, 2, 2], [1, 1, 0, 0], [1, 1, 0, 0]), // block past the end
      recs([7, 0, 1, 2], [7, 0, 1, 2], [1, 1, 0, 0]), // a cycle
      recs([7, 0, 1, 2], [8, 0, 3, 1], [8, 0, 3, 1], [1, 1, 0, 0]), // a record in two blocks
      recs([1, 1, 0, 0], [1, 1, 0, 0], [1, 1, 0, 0]), // root not a map
      recs([7, 0, 1, 1], [1, 1, 0, 0], [1, 1, 0, 0]), // a map block of the wrong size
    ];
    for (const m of bad) assert.throws(() => rp(t, [d], 'xy', m, m.length / 4), TypeError, String(m));
    const ok = recs([7, 0, 1, 2], [1, 1, 0, 0], [1, 1, 0, 0]);
    assert.throws(() => rp(t, [d], 'xy', ok, 4), TypeError); // more records than given
    assert.throws(() => rp(t, [d], 'xy', ok, 0), TypeError);
    assert.throws(() => rp(t, [d], 'xy', [7, 0, 1, 0, 1, 1, 0, 0, 1, 1, 0, 0], 3), TypeError);
    assert.throws(() => rp(t, [d], 'xy', new Uint8Array(96), 3), TypeError);
    assert.throws(() => rp(t, [d], 'xy', new Float64Array(13).buffer.slice(1), 3), TypeError); // misaligned/short
    assert.throws(() => rp(t, [d], 5, ok, 3), TypeError);
    assert.throws(() => rp(t, [d], 'xy', ok), TypeError);
    // ids name live templates only
    for (const id of [-1, 1e9, 2 ** 32, 'x', undefined]) {
      assert.throws(() => ty._native._renderPre(id, [d], 'xy', ok.buffer, 3), TypeError);
    }
    assert.equal(new Template('x')._id, undefined); // hidden on the public class
    // an objs index that is not there: an exception, not a crash
    const t2 = new NativeTemplate('{{#o}}{{z}}{{/o}}');
    const dangling = recs([7, 0, 1, 2], [7, 99, 3, 2], [0, 0, 0, 0], [0, 0, 0, 0], [6, 0, 0, 0]);
    assert.throws(() => rp(t2, [{}], '', dangling, 5));
  });
});

describe('_jsonRoundtrip (the output tape)', () => {
  const rt = ty._jsonRoundtrip;

  test('every kind converts', () => {
    const v = { s: 'é😀', n: [0, -1.5, 1e300, 3], b: [true, false], z: null, o: { k: { '': 'empty key' } }, a: [] };
    assert.deepEqual(rt(JSON.stringify(v)), v);
    assert.equal(rt('"x"'), 'x');
    assert.equal(rt('12.5'), 12.5);
    assert.equal(rt('null'), null);
  });

  test('key order is kept', () => {
    assert.deepEqual(Object.keys(rt('{"b":1,"a":2,"c":3}')), ['b', 'a', 'c']);
  });

  test('large documents', () => {
    const big = Array.from({ length: 5000 }, (_, i) => ({ i, s: `v${i}` }));
    assert.deepEqual(rt(JSON.stringify(big)), big);
  });

  test('what JSON.parse gives, whatever the shapes', () => {
    const texts = [
      '{"b":1,"2":"x","a":[{"k":"é😀 \\u2028"},{"k":"ascii"}],"1":{"":null}}', // integer keys first, as JSON.parse
      JSON.stringify({ s: '😀'.repeat(3) + 'x', t: 'a\u0000b'.slice(0, 1), n: -0 }),
      JSON.stringify(Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`key${i}`, i]))), // past a shape's keys
      JSON.stringify(Array.from({ length: 5000 }, (_, i) => ({ [`only${i}`]: i }))), // past the shape table
      '{"__proto__":{"__proto__":[1]},"constructor":"c","toString":2}',
    ];
    for (const text of texts) {
      const got = rt(text);
      const want = JSON.parse(text);
      assert.deepEqual(got, want);
      assert.equal(JSON.stringify(got), JSON.stringify(want));
      assert.equal(Object.is(rt('-0'), -0), true);
    }
  });

  test('without code generation the objects are the same', () => {
    const { execFileSync } = require('node:child_process');
    const code = `const ty = require(${JSON.stringify(path.join(repo, 'node'))});
      const text = '{"__proto__":{"a":1},"b":[{"c":2},{"c":3}],"1":true}';
      process.stdout.write(JSON.stringify([ty._jsonRoundtrip(text), Object.keys(ty._jsonRoundtrip(text)),
        Object.getPrototypeOf(ty._jsonRoundtrip(text)) === Object.prototype]));`;
    const out = execFileSync(process.execPath, ['--disallow-code-generation-from-strings', '-e', code]);
    const text = '{"__proto__":{"a":1},"b":[{"c":2},{"c":3}],"1":true}';
    assert.equal(out.toString(), JSON.stringify([JSON.parse(text), Object.keys(JSON.parse(text)), true]));
  });

  test('errors', () => {
    assertTyError(() => rt('{"a":1,}'), { code: 'TY_ERROR', reason: 'json', line: 1 });
    assertTyError(() => rt('{"a":1,"a":2}'), { code: 'TY_ERROR', reason: 'json', path: 'a' });
    assertTyError(() => rt('['.repeat(100) + ']'.repeat(100)), { code: 'TY_ERROR', reason: 'depth' });
    assertTyError(() => rt('"\\u0000"'), { reason: 'nul' });
    assert.throws(() => rt(5), TypeError);
  });
});

// ---- worker threads and GC ------------------------------------------------------

describe('runtime', () => {
  test('the addon loads and renders in worker threads at once', async () => {
    const code = `
      const { parentPort, workerData } = require('node:worker_threads');
      const { Template } = require(workerData.entry);
      const t = new Template('{{who}} #{{#xs}}{{.}}{{/xs}}', { escape: 'html' });
      let out = '';
      for (let i = 0; i < 5000; i++) out = t.render({ who: workerData.who + '&', xs: [i] });
      parentPort.postMessage(out);`;
    const entry = path.join(repo, 'node');
    const run = (who) => new Promise((resolve, reject) => {
      const w = new Worker(code, { eval: true, workerData: { entry, who } });
      w.once('message', resolve);
      w.once('error', reject);
      w.once('exit', (c) => { if (c !== 0) reject(new Error(`worker exit ${c}`)); });
    });
    const main = new Template('{{who}}');
    const [a, b] = await Promise.all([run('w1'), run('w2')]);
    assert.equal(a, 'w1&amp; #4999');
    assert.equal(b, 'w2&amp; #4999');
    assert.equal(main.render({ who: 'main' }), 'main'); // the main thread's instance is untouched
  });

  test('a synchronous loop that creates and drops Templates and Playbooks stays bounded', () => {
    // Basic finalizers run inside garbage collection, so native memory is
    // freed while the loop runs, not only when the event loop next turns
    // (before: 100,000 Templates took RSS from 43 to 460 MB, 4,000
    // Playbooks to 3.3 GB). A child process, so this file's heap is apart.
    const script = `
      const ty = require(${JSON.stringify(path.join(repo, 'node'))});
      const live = ty._native._liveTemplates, livePb = ty._native._livePlaybooks;
      const rss = () => process.memoryUsage.rss();
      const out = { t: [], p: [] };
      for (let i = 1; i <= 200000; i++) {
        const t = new ty.Template('Hello {{name}}, order ' + i + ' is {{#ready}}ready{{/ready}}{{^ready}}coming{{/ready}}.');
        t.render({ name: 'Ana', ready: i % 2 === 0 });
        if (i % 50000 === 0) out.t.push(rss());
      }
      out.liveTemplates = live();
      const src = ty.Playbook.defaultSource();
      for (let i = 1; i <= 600; i++) {
        new ty.Playbook(src).match('when do you open ' + i);
        if (i % 150 === 0) out.p.push(rss());
      }
      out.livePlaybooks = livePb();
      process.stdout.write(JSON.stringify(out));
    `;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 300000 });
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    const mb = (xs) => xs.map((x) => Math.round(x / 1048576)).join(' ');
    assert.ok(out.liveTemplates < 100000, `${out.liveTemplates} of 200,000 dropped Templates still held`);
    assert.ok(out.livePlaybooks < 300, `${out.livePlaybooks} of 600 dropped Playbooks still held`);
    // after the first quarter the collector has found its size: the rest
    // of the loop may not keep growing (unfreed, it would add 600+ MB)
    assert.ok(out.t[3] - out.t[0] < 96 << 20, `Templates: RSS ${mb(out.t)} MB`);
    assert.ok(out.p[3] - out.p[0] < 96 << 20, `Playbooks: RSS ${mb(out.p)} MB`);
  });

  test('templates are freed by GC (finalizers run, nothing crashes)', async () => {
    let gc = global.gc;
    if (typeof gc !== 'function') {
      v8.setFlagsFromString('--expose-gc');
      gc = vm.runInNewContext('gc');
    }
    // The addon counts its Templates not yet finalized; the GC runs their
    // (basic) finalizers, and the loop yields now and then all the same.
    const live = ty._native._liveTemplates;
    const tick = () => new Promise((resolve) => setTimeout(resolve, 1));
    const before = live();
    for (let i = 0; i < 10000; i++) {
      const t = new Template(`Hi {{name}} ${i} {{#xs}}{{.}}{{/xs}}`, { partials: { p: '{{q}}' } });
      if (i % 1000 === 0) t.render({ name: 'x', xs: [1] });
      if (i % 2500 === 0) await tick();
    }
    assert.ok(live() > before);
    for (let k = 0; k < 20 && live() > before + 100; k++) {
      gc();
      await tick();
    }
    assert.ok(live() <= before + 100, `${live() - before} of 10000 templates were never finalized`);
    const t = new Template('{{a}}');
    assert.equal(t.render({ a: 'still fine' }), 'still fine');
  });
});
