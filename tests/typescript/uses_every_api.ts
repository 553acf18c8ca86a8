// uses_every_api.ts — every API of node/index.d.ts, used with strict types.
//
// tests/typescript/run.mjs checks it with `tsc --strict --noEmit` under
// nodenext resolution twice, copied as an ES module (.mts: the "import"
// condition, node/index.d.mts) and as CommonJS (.cts: the "require"
// condition, node/index.d.ts), then compiles and runs both, so what the
// types promise is also what the calls return. The lines after an
// expect-error directive are misuses the types must reject (never run).
import {
  AuditResult, CHANNELS, Metrics, Playbook, Template, audit, handshake, inbound, limits, lint, metrics, payload, verify,
  version,
} from 'tinyyes';
import type {
  Action, AuditConversation, AuditData, AuditFinding, AuditMoment, AuditOptions, AuditProblem, AuditRow,
  AuditSummary, AuditUnanswered, Channel, Choice, CloseAction, Ignored, InboundEvent, InboundResult, Entity, EscapeMode, FileUrl, HandoffAction, JsonValue, LintFinding,
  LintOptions, MatchOptions, MatchResult, MetricEvent, MetricEventBase, MetricsResult, Money, PayloadOptions,
  PayloadResult, PlaybookLintFinding, PlaybookOptions, PlaybookStats, RankedIntent, Recognition, RecognizeOptions,
  ScheduleAction, SendAction, SlotValue, State, StepEvent, StepResult, StepJsonResult, TemplateData, TemplateOptions, Time,
  TinyyesError, TinyyesErrorCode, Turn, UtcOffset, WordingRow,
} from 'tinyyes';

const AT = 1795514400; // Tue 2026-11-24 10:00 UTC

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`uses_every_api: ${what}`);
}

// Exhaustiveness: a kind the switches below miss is a compile error here.
function never(x: never): never {
  throw new Error(`unexpected kind ${JSON.stringify(x)}`);
}

function isTinyyesError(e: unknown): e is TinyyesError {
  return e instanceof Error && typeof (e as { code?: unknown }).code === 'string';
}

function templates(): void {
  const escape: EscapeMode = 'html';
  const options: TemplateOptions = { partials: { who: '{{name}}' }, escape, strict: true, guard: true };
  const t = new Template('Hi {{>who}}, {{#items}}{{.}} {{/items}}', options);
  const data: TemplateData = { name: '<Ann>', items: [1, 2] };
  const out: string = t.render(data);
  check(out === 'Hi &lt;Ann&gt;, 1 2 ', `render: ${out}`);
  const source: string = t.source;
  const names: string[] = t.names;
  check(source.startsWith('Hi') && names.includes('items'), 'source, names');
  check(new Template('{{x}}', null).render({ x: 1 }) === '1', 'null options');
  check(new Template('plain').render() === 'plain', 'render without data');
  try {
    new Template('Hi {{name}}').render({});
    check(false, 'strict render of a missing name throws');
  } catch (e) {
    check(isTinyyesError(e), 'a TinyyesError');
    if (isTinyyesError(e)) {
      const code: TinyyesErrorCode = e.code;
      const reason: string = e.reason;
      const where: [number | undefined, number | undefined, string | undefined, number | undefined] =
        [e.line, e.col, e.path, e.offset];
      check(code === 'TY_TEMPLATE' && reason === 'missing' && where.length === 4, `error ${code} ${reason}`);
    }
  }
  const v: string = version;
  const sizes: number[] = [
    limits.templateMaxSource, limits.templateMaxDepth, limits.templateMaxOutput, limits.messageMaxBytes,
    limits.playbookMaxBytes, limits.playbookMaxIntents, limits.playbookMaxExamples, limits.stateMaxBytes,
    limits.valueMaxDepth,
  ];
  check(/^\d+\.\d+\.\d+/.test(v) && sizes.every((n) => Number.isInteger(n) && n > 0), 'version, limits');
}

function loading(repoUrl: string): Playbook {
  const text: string = Playbook.defaultSource();
  const options: PlaybookOptions = { maxBytes: null, maxIntents: 0, maxExamples: null, maxMessage: 4096 };
  const fromText = new Playbook(text, options);
  const bytes = new TextEncoder().encode(text);
  const fromBytes = new Playbook(bytes);
  const fromBuffer = new Playbook(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const fromObject = new Playbook(JSON.parse(text) as object, null);
  const stats: PlaybookStats[] = [fromText, fromBytes, fromBuffer, fromObject].map((pb) => pb.stats());
  check(stats.every((s) => s.intents === stats[0].intents && s.bytes > 0 && s.examples > 0 && s.features > 0 &&
    s.slots > 0 && s.templates > 0 && s.flows > 0), 'stats');
  // Playbook.load with a file: URL object (as fs.readFileSync reads it) and a path
  const url = new URL('examples/playbooks/salon.json', repoUrl);
  const file: FileUrl = url;
  check(Playbook.load(file).stats().flows > 0 && Playbook.load(url.pathname, options).stats().flows > 0, 'load');
  const signedPb = Playbook.default({ secret: 'k' });
  check(signedPb.signed && !Playbook.default().signed && !Playbook.default(null).signed, 'signed');
  return Playbook.default();
}

function matching(pb: Playbook): void {
  const at: Time = new Date(AT * 1000);
  const offset: UtcOffset = '+01:00';
  const options: MatchOptions = { expect: 'day', at, utcOffset: offset, data: { times: ['Tue 10:00'] } };
  const m: MatchResult = pb.match('could I book a tune-up tomorrow', options);
  const intent: string | null = m.intent;
  const ranked: RankedIntent[] = m.ranking;
  check(intent === null || ranked.some((r) => r.intent === intent && typeof r.score === 'number'), 'ranking');
  check(typeof m.score === 'number' && typeof m.oos === 'boolean', 'score, oos');
  for (const e of m.entities) {
    const entity: Entity = e;
    const value: SlotValue = entity.value;
    check(typeof entity.slot === 'string' && typeof entity.type === 'string' && value !== undefined, 'entity');
  }
  const answer: Entity | null | undefined = m.answer;
  check(answer !== undefined, 'answer present with expect');
  if (answer) check(answer.slot === 'day' && answer.type === 'date' && answer.value === '2026-11-25', 'answer');
  const ropts: RecognizeOptions = { at: AT, utcOffset: 3600 };
  const r: Recognition | null = pb.recognize('tomorrow', 'day', ropts);
  check(r !== null && r.text === 'tomorrow' && r.start === 0 && r.end === 8, 'recognize');
  check(pb.recognize('purple', 'day', { at: AT }) === null, 'recognize: none');
  const money: SlotValue = { amount: 50, currency: null } satisfies Money;
  check(typeof money === 'object', 'money');
  // @ts-expect-error: expect is match()'s option, not recognize()'s
  if (Math.random() > 2) pb.recognize('x', 'day', { expect: 'day' });
}

// One action, narrowed on its kind.
function describeAction(a: Action): string {
  switch (a.type) {
    case 'send': {
      const s: SendAction = a;
      const choices: Choice[] = s.choices;
      const step: string | null = s.step;
      return `send ${s.template}/${s.variant} ${choices.map((c) => c.id).join(',')} ${step} ${s.text.length}`;
    }
    case 'schedule': {
      const s: ScheduleAction = a;
      return `schedule ${s.at - AT} ${s.why}`;
    }
    case 'handoff': {
      const h: HandoffAction = a;
      const turns: Turn[] = h.transcript;
      const slots: { [slot: string]: JsonValue } = h.slots;
      return `handoff ${h.reason} ${h.summary.length} ${turns.length} ${Object.keys(slots).length}`;
    }
    case 'close': {
      const c: CloseAction = a;
      return `close ${c.outcome}`;
    }
    default:
      return never(a);
  }
}

// One metric event, narrowed on its kind: each kind's own fields.
function describeEvent(e: MetricEvent): string {
  const base: MetricEventBase = e;
  const head = `${e.type} ${base.flow}.${base.step} ${base.slot} ${base.template}/${base.variant}`;
  switch (e.type) {
    case 'ask': case 'reprompt': case 'followup': case 'opt_out': case 'reminder':
      return head;
    case 'commit':
      check(typeof e.latency === 'number', 'commit.latency');
      return `${head} +${e.latency}s`;
    case 'handoff':
      check(typeof e.reason === 'string' && e.filled <= e.asked, 'handoff event');
      return `${head} ${e.reason} ${e.filled}/${e.asked}`;
    case 'close':
      check(typeof e.outcome === 'string', 'close.outcome');
      return `${head} ${e.outcome}`;
    case 'error':
      return `${head} ${e.message}`;
    default:
      return never(e);
  }
}

function conversation(pb: Playbook): { events: MetricEvent[]; lines: string[]; last: SendAction } {
  const events: MetricEvent[] = [];
  const lines: string[] = [];
  let state: State | null = null;
  let last: SendAction | null = null;
  const replies = ['hi', 'I want to book a service', 'Tune-up', 'tomorrow', 'talk to a person'];
  replies.forEach((text, i) => {
    const event: StepEvent = {
      type: 'message', text, at: AT + 60 * i, conversation: 'c-1', channel: 'whatsapp', locale: 'en',
      utc_offset: '+00:00', data: { times: ['Tue 10:00'] },
    };
    const r: StepResult = pb.step(state, event);
    state = r.state;
    for (const a of r.actions) {
      lines.push(describeAction(a));
      if (a.type === 'send') last = a;
    }
    events.push(...r.events);
    lines.push(...r.events.map(describeEvent));
  });
  const s: State = state!;
  const status: State['status'] = s.status;
  const locale: string | undefined = s.locale;
  check(s.v === 1 && status === 'handoff' && locale === 'en' && s.turns.every((t) => t.from === 'customer' ||
    t.from === 'bot'), `state ${status} ${locale}`);
  check(s.conversation === 'c-1' && typeof s.last_at === 'number' && Array.isArray(s.stack), 'state fields');
  // a tick, with a Date for its time
  const tick = pb.step(pb.step(null, { type: 'message', text: 'hi', at: AT }).state, { type: 'tick', at: new Date((AT + 86400) * 1000) });
  lines.push(...tick.actions.map(describeAction));
  check(last !== null, 'a send action');
  return { events, lines, last: last! };
}

function signing(): void {
  const pb = Playbook.default({ secret: new TextEncoder().encode('key') });
  const first = pb.step(null, { type: 'message', text: 'hi', at: AT });
  const sig: string | undefined = first.state.sig;
  check(typeof sig === 'string' && sig.length === 64, 'signed state');
  const next = pb.step(first.state, { type: 'message', text: 'book', at: AT + 1 });
  const moved = pb.sign({ ...next.state });
  const s: string = moved.sig;
  const v: 1 = moved.v; // the input's fields survive the signing
  check(s.length === 64 && v === 1, 'sign');
  const stored: StepJsonResult = pb.stepJson(null, { type: 'message', text: 'hi', at: AT });
  const text: string = stored.state;
  const again = pb.stepJson(new TextEncoder().encode(text), { type: 'message', text: 'book', at: AT + 1 });
  check(again.actions.length > 0 && JSON.parse(again.state).sig.length === 64, 'stepJson');
}

function channels(send: SendAction): void {
  const all: readonly Channel[] = CHANNELS;
  check(all.length === 6 && all.includes('sms'), 'CHANNELS');
  const options: PayloadOptions = {
    at: AT, lastCustomerAt: new Date((AT - 60) * 1000), parseMode: 'html', humanAgent: false, to: 4915112345678n,
    locale: 'en',
  };
  for (const channel of all) {
    const p: PayloadResult = payload(send, channel, options);
    const window: PayloadResult['window'] = p.window;
    check(p.channel === channel && typeof p.payload === 'object', `payload ${channel}`);
    if (channel === 'sms') {
      const encoding: 'GSM-7' | 'UCS-2' | undefined = p.encoding;
      check(encoding !== undefined && p.segments! >= 1 && p.units! > 0 && window === 'n/a', 'sms payload');
    }
  }
  const closed = payload(send, 'whatsapp', { at: AT, lastCustomerAt: AT - 2 * 86400 });
  check(closed.window === 'closed' && closed.requires === 'template', 'closed window');
  check(payload({ type: 'send', text: 'Hi', choices: [], template: 't', variant: 'text', step: null }, 'webchat')
    .window === 'n/a', 'payload of a plain object');
  // @ts-expect-error: an unknown option
  if (Math.random() > 2) payload(send, 'sms', { bogus: 1 });
  // @ts-expect-error: CHANNELS is read-only
  if (Math.random() > 2) CHANNELS.push('fax');
  const body = '{"update_id":1,"message":{"message_id":1,"date":1795000000,"chat":{"id":7},"text":"hi"}}';
  const got: InboundResult = inbound('telegram', new TextEncoder().encode(body), { at: new Date(AT * 1000) });
  const ev: InboundEvent = got.events[0];
  const skipped: Ignored[] = inbound('telegram', '{"update_id":2,"edited_message":{}}').ignored;
  check(ev.id === '1' && ev.choice === undefined && skipped[0].reason === 'unsupported', 'inbound');
  check(Playbook.default().step(null, ev).duplicate === undefined, 'inbound event steps');
  const real: boolean = verify('telegram', 'tok', { 'x-telegram-bot-api-secret-token': 'tok' }, body);
  const challenge: string | null = handshake({ 'hub.mode': 'subscribe', 'hub.verify_token': 't', 'hub.challenge': '9' }, 't');
  check(real && challenge === '9', 'verify and handshake');
  const signed = Playbook.default({ secret: 'k' });
  const link: string = signed.handoverLink('web-1', '+447700900123');
  const back: string | null = signed.handoverRef(decodeURIComponent(link));
  check(back === 'web-1' && payload(send, 'webchat', { whatsappLink: link }).channel === 'webchat', 'handover');
  // @ts-expect-error: the body is the raw request body, not parsed JSON
  if (Math.random() > 2) inbound('telegram', { update_id: 1 });
}

function linting(pb: Playbook): void {
  const lopts: LintOptions = { channel: 'sms', locale: 'en-GB' };
  const findings: LintFinding[] = lint('Any questions? Act now!', lopts);
  check(findings.length > 0 && findings.every((f) => /^TY00\d$/.test(f.code) && f.start <= f.end), 'lint');
  const severities = findings.map((f): 'error' | 'warning' => f.severity);
  check(severities.length === findings.length && lint('Tuesday or Wednesday?', 'webchat').length === 0, 'lint clean');
  check(Array.isArray(lint('Hi', null)) && Array.isArray(lint('Hi')), 'lint without options');
  const pbFindings: PlaybookLintFinding[] = [...pb.lint(), ...pb.lint('sms'), ...pb.lint({ channel: 'whatsapp' }), ...pb.lint(null)];
  for (const f of pbFindings) {
    const at: [string | null, number | null, Channel | null, string] = [f.template, f.variant, f.channel, f.path];
    check(at.length === 4 && (f.start === null || typeof f.start === 'number'), 'playbook lint finding');
  }
}

function counting(events: MetricEvent[]): void {
  const m = new Metrics();
  m.add(events);
  m.add((function* gen(): Generator<MetricEvent> { yield* events; })());
  const count: number = m.count;
  check(count === 2 * events.length, 'Metrics.count');
  const r: MetricsResult = m.result();
  const once: MetricsResult = metrics(events);
  check(r.conversations === 1 && once.conversations === 1 && once.handoffs === 1, `metrics ${once.handoffs}`);
  const rate: number | null = once.reply_rate;
  const completion: number | null = once.completion.overall;
  const byStep: { [step: string]: number } = once.completion.by_step;
  const median: number | null = once.time_to_next_step.median;
  check(rate !== undefined && completion !== undefined && median !== undefined && typeof byStep === 'object' &&
    typeof once.drop_off === 'object' && once.opt_outs === 0 && once.handoff_context !== undefined, 'result fields');
  for (const row of once.variants) {
    const w: WordingRow = row;
    const ci: [number, number] = w.reply_rate_ci;
    const cci: [number, number] | null = w.completion_ci;
    check(ci[0] <= ci[1] && (cci === null || cci[0] <= cci[1]) && w.asks >= w.replies &&
      typeof w.time_to_next_step.p90 !== 'undefined', `wording ${w.flow}.${w.step} ${w.template}/${w.variant}`);
  }
  // @ts-expect-error: a commit's latency needs narrowing on type first
  if (Math.random() > 2) check(events[0].latency > 0, 'unreachable');
}

function auditing(repoUrl: string, pb: Playbook): void {
  const options: AuditOptions = {
    business: 'Northbank Bike Workshop', playbook: pb, format: 'whatsapp', dateOrder: null, utcOffset: '+00:00',
    hours: 'mon-sat 09:00-18:00', lateAfter: 3600,
  };
  const folder = new URL('examples/audit/chats', repoUrl).pathname;
  const r: AuditResult = audit(folder, options);
  const s: AuditSummary = r.summary;
  const moments: AuditMoment[] = r.conversations.map((c: AuditConversation) => c.stopped_at);
  check(r.business === 'Northbank Bike Workshop' && s.conversations === 50 && moments.length === 50, 'audit');
  for (const c of r.conversations) {
    for (const f of c.findings) {
      const found: AuditFinding = f;
      const waited: number | undefined = found.waited;
      check(found.code !== 'late_answer' || typeof waited === 'number', `audit finding ${found.code}`);
    }
  }
  const groups: AuditUnanswered[] = s.unanswered;
  const median: number | null = s.first_response.median;
  check(groups.every((g) => g.count >= g.examples.length) && median !== undefined, 'audit summary');
  const rows: AuditRow[] = [
    { conversation: 'c1', time: new Date(AT * 1000), sender: 'Ann', text: 'do you fix brakes?' },
    { conversation: 'c1', time: AT + 60, sender: 'Shop', text: 'We do. Tuesday or Wednesday?' },
  ];
  const fromRows = audit(rows, { business: 'Shop', columns: { sender: 'sender' } });
  const problems: AuditProblem[] = fromRows.problems;
  const plain: AuditData = fromRows.toJSON();
  const again = new AuditResult(plain);
  check(problems.length === 0 && again.report() === fromRows.report() && again.report().startsWith('Audit of 1 '),
    'audit rows');
  // @ts-expect-error: dateOrder is 'dmy' or 'mdy'
  if (Math.random() > 2) audit(folder, { dateOrder: 'ymd' });
}

/**
 * Runs every use; returns the conversation's lines (the caller compares the
 * ESM and CommonJS runs). `repoUrl`: the repository's file: URL, ending in '/'.
 */
export function usesEveryApi(repoUrl: string): string[] {
  templates();
  const pb = loading(repoUrl);
  matching(pb);
  const { events, lines, last } = conversation(pb);
  signing();
  channels(last);
  linting(pb);
  counting(events);
  auditing(repoUrl, pb);
  return lines;
}
