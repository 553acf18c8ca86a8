'use strict';
// shapes.test.js — what the Node binding really returns, against the
// description its types are generated from (csrc/data/shapes.json; the
// interfaces of node/index.d.ts are written from it by scripts/gen_api.py).
//
// Real results (every conversation vector stepped again, the scripted
// customers of the example playbooks with their stats, lint and payloads,
// migrations, the match, recognize, payload, lint, inbound and metrics
// vectors) are checked value by value: every member the description says
// is always there present, no member it does not name, each of the type it
// gives. Then the other way round: every shape of a result was returned
// with each of its members, an optional member was sometimes absent and
// each value of a literal type occurred, so the description cannot drift
// from the core in either direction. tests/python/test_shapes.py does the
// same through Python.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const ty = require('../../node/index.js');

const { Playbook } = ty;
const repo = path.join(__dirname, '..', '..');
const vectors = path.join(repo, 'tests', 'vectors');
const read = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));
const api = read(path.join(repo, 'csrc', 'data', 'api.json'));
const entries = read(path.join(repo, 'csrc', 'data', 'shapes.json')).shapes.filter((e) => e.name);
const byName = Object.fromEntries(entries.map((e) => [e.name, e]));

// ---- the description's types, read by its own rules ("how" in shapes.json) ----------

// Tokens of a type: ( ) | 'literal' digits names.
const TOKEN = /\(|\)|\||'[^']*'|\d+|[A-Za-z_][A-Za-z_0-9]*/g;
const PRIMITIVES = ['string', 'integer', 'number', 'boolean', 'null'];

// A type as a tree: {kind: 'union', of}, {kind: 'list'|'map'|'pair', of},
// {kind: 'lit', value}, {kind: 'prim', name} or {kind: 'ref', name}.
function parseType(text) {
  assert.equal(text.replace(TOKEN, '').trim(), '', `cannot read the type ${text}`);
  const tokens = text.match(TOKEN);
  let i = 0;
  const union = () => {
    const of = [term()];
    while (tokens[i] === '|') {
      i++;
      of.push(term());
    }
    return of.length === 1 ? of[0] : { kind: 'union', of };
  };
  const term = () => {
    const tok = tokens[i++];
    assert.ok(tok !== undefined, `${text} ends too soon`);
    if (['list', 'map', 'pair'].includes(tok) && tokens[i] === 'of') {
      i++;
      return { kind: tok, of: term() };
    }
    if (tok === '(') {
      const inner = union();
      assert.equal(tokens[i++], ')', `${text}: unclosed (`);
      return inner;
    }
    if (tok.startsWith("'")) return { kind: 'lit', value: tok.slice(1, -1) };
    if (/^\d+$/.test(tok)) return { kind: 'lit', value: Number(tok) };
    if (tok === 'true') return { kind: 'lit', value: true };
    if (PRIMITIVES.includes(tok)) return { kind: 'prim', name: tok };
    return { kind: 'ref', name: tok };
  };
  const tree = union();
  assert.equal(i, tokens.length, `${text}: unexpected ${tokens[i]}`);
  return tree;
}

// An entry's members, its parents' first: [{name, type, optional}].
function members(entry) {
  const own = entry.members.map(([name, type]) => ({
    name: name.replace(/\?$/, ''), type: parseType(type), optional: name.endsWith('?'),
  }));
  return (entry.extends ? members(byName[entry.extends]) : []).concat(own);
}

// The literal `type` of each shape of the union an entry's tags_of names.
function tags(entry) {
  const union = parseType(byName[entry.tags_of].type);
  return (union.kind === 'union' ? union.of : [union]).map((b) => members(byName[b.name]).find((m) => m.name === 'type').type.value);
}

// What the checked values held: the keys of each shape checked as itself
// (of any value, and of every value), the values of each literal alias.
class Seen {
  constructor() {
    this.keys = new Map();
    this.always = new Map();
    this.literals = new Map();
  }

  merge(other) {
    for (const [name, keys] of other.keys) this.keys.set(name, new Set([...(this.keys.get(name) || []), ...keys]));
    for (const [name, keys] of other.always) {
      const had = this.always.get(name);
      this.always.set(name, had ? new Set([...had].filter((k) => keys.has(k))) : keys);
    }
    for (const [name, values] of other.literals) {
      this.literals.set(name, new Set([...(this.literals.get(name) || []), ...values]));
    }
  }
}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const show = (v) => JSON.stringify(v);
const CHECKS = {
  string: (v) => typeof v === 'string',
  integer: (v) => Number.isInteger(v),
  number: (v) => typeof v === 'number' && Number.isFinite(v),
  boolean: (v) => typeof v === 'boolean',
  null: (v) => v === null,
};

// Problems of a value that is no JSON value at all.
function jsonProblems(value, where) {
  if (value === null || ['string', 'boolean'].includes(typeof value)) return [];
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [`${where}: ${value} is not JSON`];
  if (Array.isArray(value)) return value.flatMap((v, i) => jsonProblems(v, `${where}[${i}]`));
  if (isObject(value) && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.entries(value).flatMap(([k, v]) => jsonProblems(v, `${where}.${k}`));
  }
  return [`${where}: ${String(value)} is not JSON`];
}

// Problems of value against a type tree (a list of strings).
function described(value, tree, where, seen) {
  switch (tree.kind) {
    case 'prim':
      return CHECKS[tree.name](value) ? [] : [`${where}: ${show(value)} is not ${tree.name}`];
    case 'lit':
      return value === tree.value ? [] : [`${where}: ${show(value)} is not ${show(tree.value)}`];
    case 'list':
    case 'pair':
      if (!Array.isArray(value) || (tree.kind === 'pair' && value.length !== 2)) {
        return [`${where}: ${show(value)} is not a ${tree.kind}`];
      }
      return value.flatMap((v, i) => described(v, tree.of, `${where}[${i}]`, seen));
    case 'map':
      if (!isObject(value)) return [`${where}: ${show(value)} is not a map`];
      return Object.entries(value).flatMap(([k, v]) => described(v, tree.of, `${where}.${k}`, seen));
    case 'union': {
      const tried = [];
      for (const branch of tree.of) {
        const trial = new Seen();
        const problems = described(value, branch, where, trial);
        if (!problems.length) {
          seen.merge(trial);
          return [];
        }
        tried.push(problems);
      }
      return tried.reduce((a, b) => (b.length < a.length ? b : a));
    }
    default:
      return describedName(value, tree.name, where, seen);
  }
}

// Problems of value against a name: JsonValue, Channel, an alias or a shape.
function describedName(value, name, where, seen) {
  if (name === 'JsonValue') return jsonProblems(value, where);
  if (name === 'Channel') return api.channels.includes(value) ? [] : [`${where}: ${show(value)} is not a channel`];
  const entry = byName[name];
  assert.ok(entry, `the description has no ${name}`);
  if (entry.tags_of) return tags(entry).includes(value) ? [] : [`${where}: ${show(value)} is no ${name}`];
  if (entry.type) {
    const problems = described(value, parseType(entry.type), where, seen);
    if (!problems.length && ['string', 'number'].includes(typeof value)) {
      seen.literals.set(name, new Set([...(seen.literals.get(name) || []), value]));
    }
    return problems;
  }
  if (!isObject(value)) return [`${where}: ${show(value)} is not an object (${name})`];
  const mems = new Map(members(entry).map((m) => [m.name, m]));
  const problems = [...mems.values()].filter((m) => !m.optional && !(m.name in value))
    .map((m) => `${where}: ${name} lacks ${m.name}`);
  for (const [k, v] of Object.entries(value)) {
    if (!mems.has(k)) problems.push(`${where}: ${k} is not a member of ${name}`);
    else problems.push(...described(v, mems.get(k).type, `${where}.${k}`, seen));
  }
  if (!problems.length) {
    const keys = new Set(Object.keys(value));
    const had = seen.always.get(name);
    seen.keys.set(name, new Set([...(seen.keys.get(name) || []), ...keys]));
    seen.always.set(name, had ? new Set([...had].filter((k) => keys.has(k))) : keys);
  }
  return problems;
}

// ---- real results ---------------------------------------------------------------------

const AT = 1795000000;
const results = []; // [value, type text, where]
const note = (value, type, where) => results.push([value, type, where]);
const jsonFiles = (dir) => fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => path.join(dir, f));

// Every conversation vector stepped again, its events noted too; a
// confirming question and signed states.
function conversations() {
  for (const file of jsonFiles(path.join(vectors, 'conversations'))) {
    const doc = read(file);
    const pb = doc.playbook === 'default' ? Playbook.default() : new Playbook(doc.playbook);
    let state = null;
    doc.steps.forEach((step, i) => {
      note(step.event, 'Event', `${path.basename(file)} step ${i} event`);
      const result = pb.step(state, step.event);
      note(result, 'StepResult', `${path.basename(file)} step ${i}`);
      state = result.state;
    });
  }
  for (const file of jsonFiles(path.join(vectors, 'conversations'))) { // the same from text (stepJson)
    const doc = read(file);
    const pb = doc.playbook === 'default' ? Playbook.default() : new Playbook(doc.playbook);
    let stored = null;
    doc.steps.forEach((step, i) => {
      const result = pb.stepJson(stored, step.event);
      note(result, 'StepJsonResult', `${path.basename(file)} step ${i} from text`);
      stored = result.state;
    });
  }
  const pb = Playbook.default();
  const first = pb.step(null, { type: 'message', text: 'I want to book a tune-up', at: AT });
  note(pb.step(first.state, { type: 'message', text: 'not interested', at: AT + 60 }), 'StepResult', 'a confirming question');
  const signed = Playbook.default({ secret: 'k' });
  const hi = signed.step(null, { type: 'message', text: 'hi', at: AT });
  note(hi, 'StepResult', 'signed step');
  note(signed.sign(hi.state), 'State', 'sign()');
}

// The scripted customers of the example playbooks: stats, lint on every
// channel, each step and each send action's payload on every channel.
function scripted() {
  const doc = read(path.join(vectors, 'example_playbooks.json'));
  for (const conv of doc.conversations) {
    const pb = Playbook.load(path.join(repo, conv.playbook));
    note(pb.stats(), 'PlaybookStats', `${conv.name} stats`);
    for (const channel of [null, ...ty.CHANNELS]) note(pb.lint(channel), 'list of PlaybookFinding', `${conv.name} lint`);
    let state = null;
    let at = doc.at;
    for (const text of conv.messages) {
      const event = { type: 'message', text, at, conversation: conv.conversation, channel: conv.channel };
      const result = pb.step(state, event);
      note(result, 'StepResult', `${conv.name} ${show(text)}`);
      for (const action of result.actions.filter((a) => a.type === 'send')) {
        for (const channel of ty.CHANNELS) {
          note(ty.payload(action, channel, { at: at + 60, lastCustomerAt: at }), 'PayloadResult', `${conv.name} payload ${channel}`);
        }
      }
      state = result.state;
      at += 60;
    }
  }
}

// Migrations across playbook edits, and a state that expires.
function stateEdits() {
  const doc = read(path.join(vectors, 'state_edits.json'));
  for (const c of doc.tests.filter((t) => 'expected' in t.migrate)) {
    note(new Playbook(c.after).migrate(doc.state, { at: c.migrate.at }), 'MigrateResult', `migrate ${c.name}`);
  }
  const pb = new Playbook(doc.before.playbook, { stateTtl: 3600 });
  note(pb.step(null, doc.before.events[0]), 'StepResult', 'stateTtl');
}

// The match and recognize vectors, each call made again.
function matching() {
  for (const file of jsonFiles(path.join(vectors, 'match'))) {
    const doc = read(file);
    const pb = new Playbook(doc.playbook);
    for (const c of doc.tests) {
      const options = { at: c.at ?? AT, data: c.data ?? null };
      if (c.expect !== undefined) options.expect = c.expect;
      note(pb.match(c.text, options), 'MatchResult', `${path.basename(file)} ${c.name}`);
    }
  }
  for (const file of jsonFiles(path.join(vectors, 'recognize'))) {
    const doc = read(file);
    const pb = new Playbook(doc.playbook);
    for (const c of doc.tests) {
      const got = pb.recognize(c.text, c.slot, { at: c.at ?? AT, data: c.data ?? null });
      note(got, 'Recognized | null', `${path.basename(file)} ${c.name}`);
    }
  }
  const pb = Playbook.default();
  note(pb.match('tomorrow', { expect: 'day', at: AT }), 'MatchResult', 'match expect');
  note(pb.match('zzz', { expect: 'day', at: AT }), 'MatchResult', 'match expect, no answer');
}

// The payload, lint, playbook lint, inbound and metrics vectors.
function channelsLintMetrics() {
  const camel = (k) => k.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
  for (const c of read(path.join(vectors, 'payloads.json')).tests.filter((t) => 'expected' in t)) {
    const options = Object.fromEntries(Object.entries(c.options || {}).map(([k, v]) => [camel(k), v]));
    note(ty.payload(c.action, c.channel, options), 'PayloadResult', `payload ${c.name}`);
  }
  for (const c of read(path.join(vectors, 'lint.json')).tests.filter((t) => 'expected' in t)) {
    note(ty.lint(c.text, { channel: c.channel, locale: c.locale }), 'list of Finding', `lint ${c.name}`);
  }
  for (const c of read(path.join(vectors, 'lint_playbooks.json')).tests) {
    note(new Playbook(c.playbook).lint(c.channel), 'list of PlaybookFinding', `playbook lint ${c.name}`);
  }
  for (const c of read(path.join(vectors, 'inbound.json')).cases.filter((t) => 'expected' in t)) {
    note(ty.inbound(c.channel, c.body, { at: c.at }), 'InboundResult', `inbound ${c.name}`);
  }
  for (const c of read(path.join(vectors, 'metrics.json')).tests.filter((t) => 'expected' in t)) {
    note(ty.metrics(c.events), 'MetricsDict', `metrics ${c.name}`);
  }
  const events = jsonFiles(path.join(vectors, 'conversations'))
    .flatMap((f) => read(f).steps.flatMap((s) => s.expected.events));
  note(ty.metrics(events), 'MetricsDict', 'metrics of the vectors');
}

conversations();
scripted();
stateEdits();
matching();
channelsLintMetrics();

const seen = new Seen();
const problems = results.flatMap(([value, type, where]) => described(value, parseType(type), where, seen));
const resultShapes = entries.filter((e) => e.members && !e.input).map((e) => e.name);
const bases = new Set(entries.map((e) => e.extends).filter(Boolean));
const childrenOf = (name) => entries.filter((e) => e.extends === name).map((e) => e.name);

// ---- the tests ------------------------------------------------------------------------

test('the description checker can fail', () => {
  const rejects = [
    [{ type: 'send', text: 'hi', choices: [], template: 't', variant: 'text' }, 'Action'], // no step
    [{ type: 'close', outcome: 3 }, 'Action'],
    [{ type: 'schedule', at: 1.5, why: 'close' }, 'Action'],
    [{ intent: null, score: '0.5', oos: true, ranking: [], entities: [] }, 'MatchResult'],
    [{ value: true, text: 'x', start: 0, end: 1 }, 'Recognized'],
    [{ amount: 5, currency: null, min: 1 }, 'SlotValue'],
    [{ channel: 'email', payload: {}, window: 'n/a' }, 'PayloadResult'],
    [{ median: null, p90: null, mean: 1 }, 'TimeToNextStep'],
    [[1], 'pair of number'],
    [{ a: new Date(0) }, 'map of JsonValue'],
  ];
  for (const [value, type] of rejects) assert.notDeepEqual(described(value, parseType(type), 'value', new Seen()), [], type);
});

test('real results match the description (members, optional members, types)', () => {
  assert.ok(results.length > 500, `only ${results.length} results checked`);
  assert.deepEqual(problems.slice(0, 20), []);
});

test('every shape of a result was returned with each member it describes', () => {
  // a base (MetricEventBase, StepResultBase) through each shape that extends it
  for (const name of resultShapes) {
    for (const shape of bases.has(name) ? childrenOf(name) : [name]) {
      assert.ok(seen.keys.has(shape), `no ${shape} was returned by the calls checked`);
      const missing = members(byName[name]).map((m) => m.name).filter((m) => !seen.keys.get(shape).has(m));
      assert.deepEqual(missing, [], `${name}: described, never returned (in ${shape})`);
    }
  }
});

test('an optional member was absent from some result', () => {
  for (const name of resultShapes) {
    const optional = byName[name].members.filter(([m]) => m.endsWith('?')).map(([m]) => m.slice(0, -1));
    for (const child of bases.has(name) ? childrenOf(name) : [name]) {
      const always = seen.always.get(child) || new Set();
      assert.deepEqual(optional.filter((m) => always.has(m)), [], `${child}: always present`);
    }
  }
});

test('each value of a literal type occurred', () => {
  for (const e of entries.filter((x) => x.type)) {
    const tree = parseType(e.type);
    const branches = tree.kind === 'union' ? tree.of : [tree];
    if (!branches.every((b) => b.kind === 'lit')) continue;
    const got = seen.literals.get(e.name) || new Set();
    assert.deepEqual(branches.map((b) => b.value).filter((v) => !got.has(v)), [], `${e.name}: described, never seen`);
  }
});
