// index.d.ts — types for the tinyyes Node binding (node/index.js).

/** How interpolated values are escaped (never the template's own text). */
export type EscapeMode =
  /** chat channels (WhatsApp, SMS, Messenger...): values as they are */
  | 'none'
  /** web chat: & < > " ' */
  | 'html'
  /** Telegram parse_mode HTML: & < > */
  | 'telegram_html'
  /** Telegram MarkdownV2: a backslash before every special character */
  | 'telegram_md';

export interface TemplateOptions {
  /** Named partials, `{{>name}}`: name -> template text. Compiled with the template. */
  partials?: Record<string, string> | null;
  /** Default 'none'. Any other string is a TypeError. */
  escape?: EscapeMode;
  /**
   * Default true: a missing name is an error naming every missing name
   * ("missing: topic, option_b"). false gives the Mustache spec's behaviour
   * (missing renders as nothing).
   */
  strict?: boolean;
  /**
   * Default true: a rendered message still holding a `[bracketed placeholder]`
   * or a leftover `{{` / `}}` is an error instead of a message.
   */
  guard?: boolean;
}

/** The family of a tinyyes error (README.md). */
export type TinyyesErrorCode = 'TY_TEMPLATE' | 'TY_PLAYBOOK' | 'TY_STATE' | 'TY_EVENT' | 'TY_ERROR' | 'TY_NOMEM';

/** What a tinyyes error carries (README.md, "Errors"). */
export interface TinyyesErrorFields {
  code: TinyyesErrorCode;
  /**
   * Short reason word: 'missing', 'syntax', 'guard', 'depth', 'limit', 'nul',
   * 'utf8', 'json', 'arg', 'host', 'nomem', ...
   */
  reason: string;
  /** 1-based line of the error in the template (absent when it does not apply). */
  line?: number;
  /** 1-based column, counted in code points (absent when it does not apply). */
  col?: number;
  /** Where the error is: the partial's name, or a JSON path (absent when empty). */
  path?: string;
  /** Byte offset into the failing input (UTF-8). */
  offset?: number;
}

/** Options of the error constructors. */
export interface TinyyesErrorOptions {
  code?: TinyyesErrorCode;
  reason?: string;
  path?: string;
  line?: number;
  col?: number;
  offset?: number;
  cause?: unknown;
}

/**
 * Base of every error tinyyes throws. `e instanceof TinyyesError` is true for
 * all of them, the argument errors (which extend TypeError and RangeError)
 * included; `e instanceof TemplateError` for any with code 'TY_TEMPLATE'.
 */
export class TinyyesError extends Error implements TinyyesErrorFields {
  constructor(message?: string, options?: TinyyesErrorOptions);
  code: TinyyesErrorCode;
  reason: string;
  line?: number;
  col?: number;
  path?: string;
  offset?: number;
}
/** A template failed to compile or render (code 'TY_TEMPLATE'). */
export class TemplateError extends TinyyesError {}
/** A playbook is invalid (code 'TY_PLAYBOOK'; path names where). */
export class PlaybookError extends TinyyesError {}
/** A conversation state is malformed, tampered or foreign (code 'TY_STATE'). */
export class StateError extends TinyyesError {}
/** An event is malformed (code 'TY_EVENT'). */
export class EventError extends TinyyesError {}
/** An argument, or a value in it, has the wrong type: a TypeError and a TinyyesError. */
export class ArgumentTypeError extends TypeError implements TinyyesErrorFields {
  constructor(message?: string, options?: TinyyesErrorOptions);
  code: TinyyesErrorCode;
  reason: string;
  line?: number;
  col?: number;
  path?: string;
  offset?: number;
}
/** An argument value is out of range or not allowed: a RangeError and a TinyyesError. */
export class ArgumentRangeError extends RangeError implements TinyyesErrorFields {
  constructor(message?: string, options?: TinyyesErrorOptions);
  code: TinyyesErrorCode;
  reason: string;
  line?: number;
  col?: number;
  path?: string;
  offset?: number;
}
/** True for any error a tinyyes function threw (as `e instanceof TinyyesError`). */
export function isTinyyesError(e: unknown): e is TinyyesError;

/** Anything render() can read: JSON-shaped data (plain objects, arrays, strings, numbers, bigints, booleans, null), getters. */
export type TemplateData = unknown;

/**
 * A compiled Mustache template (interpolation, sections, inverted sections,
 * comments, partials, set delimiters, inheritance, dynamic names; no lambdas).
 * Immutable once compiled.
 *
 * How JS values are read: `obj[name]` on plain objects (own properties,
 * getters, Proxies of plain objects); `undefined` means missing; `null`
 * renders as nothing; inherited methods are ignored and own functions are a
 * TypeError (lambdas are not supported); arrays are lists; numbers render in
 * their shortest round-trip form (1.210 -> "1.21"); bigints as digits. Any
 * other value (a Date, Map, Set, class instance, symbol...) is not data: an
 * ArgumentTypeError with code 'TY_TEMPLATE' ("value of "x" is not data:
 * expected a map, list, string, number, boolean or null, not Date"). A string
 * with a lone surrogate, in the source, a partial or a rendered value, is a
 * TemplateError with reason 'utf8'.
 *
 * @throws {TinyyesError} code 'TY_TEMPLATE' on syntax errors (with line/col),
 *   NUL bytes (reason 'nul'), a source over 1 MiB (reason 'limit').
 * @throws {TypeError} on unknown options or option values of the wrong type.
 */
export class Template {
  constructor(source: string, options?: TemplateOptions | null);
  /**
   * Renders the template with `data`.
   * @throws {TinyyesError} code 'TY_TEMPLATE': reason 'missing' (strict mode),
   *   'guard' (a placeholder survived), 'depth', 'limit' (output over 4 MiB), ...
   *   An exception thrown by a getter in `data` propagates unchanged.
   */
  render(data?: TemplateData): string;
  /** The source text exactly as given. */
  readonly source: string;
  /** The distinct top-level names the template reads, in first-use order. */
  readonly names: string[];
}

/** The tinyyes version (the C core's TY_VERSION). */
export const version: string;

// generated by scripts/gen_api.py from csrc/data/api.json: edit that, not this
/** The documented default limits (README.md); each playbook limit is settable per Playbook. */
export const limits: Readonly<{
  /** bytes of one template source (1 MiB) */
  templateMaxSource: number;
  /** nesting of sections and partials (64) */
  templateMaxDepth: number;
  /** bytes of one rendered message (4 MiB) */
  templateMaxOutput: number;
  /** bytes of one customer message (64 KiB); PlaybookOptions.maxMessage */
  messageMaxBytes: number;
  /** bytes of playbook JSON (16 MiB); PlaybookOptions.maxBytes */
  playbookMaxBytes: number;
  /** intents per playbook (4096); PlaybookOptions.maxIntents */
  playbookMaxIntents: number;
  /** examples over all intents (200,000); PlaybookOptions.maxExamples */
  playbookMaxExamples: number;
  /** bytes of a conversation state's compact JSON (64 KiB) */
  stateMaxBytes: number;
  /** nesting of states, events and data (64) */
  valueMaxDepth: number;
  /** choices in one send action (256) */
  payloadMaxChoices: number;
  /** bytes of a send action's text (64 KiB) */
  payloadMaxText: number;
  /** bytes of text linted at once (1 MiB) */
  lintMaxBytes: number;
  /** seconds a UTC offset may reach east or west (14 hours) */
  utcOffsetMax: number;
  /** metric events read from an iterable at once (10,000) */
  metricsChunk: number;
}>;
// end of generated block

// ---- playbooks --------------------------------------------------------------------

/** JSON-shaped values: what states, events and data are made of. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * A time: Unix seconds (fractions are floored) or a Date. Where optional,
 * undefined (or null) means now, `Math.floor(Date.now() / 1000)`: the core
 * never reads the clock, the binding does.
 */
export type Time = number | Date;

/** A `file:` URL object (what fs.readFileSync accepts besides paths). */
export type FileUrl = { readonly href: string; readonly protocol: string };

/** Seconds east of UTC, or '+01:00' / '-0530' / 'Z'; within 14 hours of UTC. */
export type UtcOffset = number | string;

// The shapes of the JSON the core returns (and of step()'s event), described
// once for both bindings: python/tinyyes/shapes.py holds the same block for Python.

// generated by scripts/gen_api.py from csrc/data/shapes.json: edit that, not this
// ---- literal types

/** How serious a lint finding is: 'error' for TY005, TY008, TY101 and TY006 past a platform's hard limit. */
export type Severity = 'error' | 'warning';

/**
 * Findings about one message (lint(), and each template of a playbook's lint): TY001 open-ended closer, TY002
 * no ask, TY003 more than two options, TY004 more than one question, TY005 placeholder, TY006 too long, TY007
 * links, TY008 pressure or false urgency.
 */
export type LintCode = 'TY001' | 'TY002' | 'TY003' | 'TY004' | 'TY005' | 'TY006' | 'TY007' | 'TY008';

/**
 * Findings about the playbook itself: TY101 a name the message may miss where it is sent, TY102 a name only
 * the event's data gives, TY103 {{#options}} where no options are offered, TY104 more than three options in a
 * choice slot, TY105 a step that never runs, TY106 a flow that never starts.
 */
export type PlaybookLintCode = 'TY101' | 'TY102' | 'TY103' | 'TY104' | 'TY105' | 'TY106';

/** The type of a slot, which picks its recogniser. */
export type SlotType = 'choice' | 'yesno' | 'date' | 'time' | 'number' | 'money' | 'email' | 'phone' | 'text';

/** Where a conversation stands (State status). */
export type Status = 'active' | 'opted_out' | 'handoff' | 'closed';

/** A confirming question waiting on a yes/no (State check). */
export type Check = 'opt_out' | 'handoff';

/** Who wrote a turn of the transcript. */
export type Speaker = 'customer' | 'bot';

/** The kinds of event step() takes. */
export type EventType = 'message' | 'tick' | 'resume';

/** What the tick of a schedule action is for. */
export type ScheduleWhy = 'followup' | 'close' | 'reminder';

/** Why a person takes over: the customer asked, or the answers kept failing. */
export type HandoffReason = 'requested' | 'failures';

/**
 * The platform's messaging window: 'unknown' without the customer's last time, 'n/a' on telegram, webchat and
 * sms.
 */
export type Window = 'open' | 'closed' | 'unknown' | 'n/a';

/**
 * What a platform requires once its window has closed: an approved template (WhatsApp), the HUMAN_AGENT tag
 * or a message from the customer (Meta).
 */
export type Requires = 'template' | 'HUMAN_AGENT' | 'customer_message';

/** How an SMS is encoded. */
export type SmsEncoding = 'GSM-7' | 'UCS-2';

/** Why inbound() passed over a part of a webhook body. */
export type IgnoredReason = 'status' | 'echo' | 'unsupported' | 'empty';

// ---- values

/** A money value: {amount: 50, currency: 'USD'}. */
export interface Money {
  amount: number;
  /** ISO 4217 code; null when unsaid. */
  currency: string | null;
}

/** A money range: 'under 100' has only max, 'over 20' only min. */
export interface MoneyRange {
  /** ISO 4217 code; null when unsaid. */
  currency: string | null;
  min?: number;
  max?: number;
}

/**
 * A recogniser's value: choice -> the option's id; yesno -> 'yes' or 'no'; date -> 'YYYY-MM-DD'; time ->
 * 'HH:MM'; number -> a number; money -> Money or MoneyRange; email -> the lower-cased address; phone ->
 * digits, '+' first when given; text -> the cleaned text.
 */
export type SlotValue = string | number | Money | MoneyRange;

// ---- match and recognize

/** One intent of MatchResult ranking. */
export interface RankedIntent {
  intent: string;
  /** Calibrated, rounded to 4 decimals: the same number in C, Python and Node. */
  score: number;
}

/** What recognize() returns (null when the text is no answer). */
export interface Recognition {
  value: SlotValue;
  /** The text that gave the value. */
  text: string;
  /** Offset in code points of the original text (not UTF-16 units): the value is text[start:end]. */
  start: number;
  end: number;
}

/** A value found in a message (MatchResult entities, and its answer). */
export interface Entity extends Recognition {
  slot: string;
  type: SlotType;
}

/** What match() returns. */
export interface MatchResult {
  /** null when out of scope. */
  intent: string | null;
  score: number;
  oos: boolean;
  ranking: RankedIntent[];
  entities: Entity[];
  /** Present when expect was given: the answer to that slot, or null. */
  answer?: Entity | null;
}

/** What a playbook's stats() returns. */
export interface PlaybookStats {
  /** Memory held by the loaded playbook. */
  bytes: number;
  intents: number;
  examples: number;
  features: number;
  slots: number;
  templates: number;
  flows: number;
}

// ---- step: the event, the state, actions and metric events

/** An event for step() (docs/playbook.md). */
export interface StepEvent {
  type: EventType;
  /** Whole Unix seconds, or the binding's date (an aware datetime, a Date). */
  at: Time;
  /** The customer's message (message events only). */
  text?: string;
  /** The platform's message id: a redelivered event is answered with nothing. */
  id?: string;
  /** The option id of a button or list tap (message events only). */
  choice?: string;
  conversation?: string;
  /** 'whatsapp', 'sms', 'webchat', ... (selects per-channel template texts). */
  channel?: string;
  /** Feeds templates and options_from choices. */
  data?: { [key: string]: JsonValue };
  utc_offset?: string | number;
  /** A language of the playbook ('es'): the host says which one to answer in; kept in the state. */
  locale?: string;
}

/** An option of a choice: its id comes back as the event's choice when tapped. */
export interface Choice {
  id: string;
  title: string;
}

/** One line of the transcript (State turns, HandoffAction transcript). */
export interface Turn {
  from: Speaker;
  text: string;
  at: number;
}

/** An ask suspended by a digression into another flow (State stack). */
export interface StackFrame {
  flow: string;
  step: string;
  intent: string | null;
  asked_at: number | null;
}

/** A reminder waiting, already rendered as it will read (State reminders). */
export interface Reminder {
  at: number;
  template: string;
  text: string;
}

/**
 * A conversation state (version 1): store it as it is and pass it back with the next event. Read its fields;
 * never change it (a changed state is a state error, and a signed one must not change at all).
 */
export interface State {
  v: 1;
  /** The playbook that wrote it: its id, else its name, else ''. */
  playbook: string;
  conversation: string | null;
  channel: string | null;
  status: Status;
  intent: string | null;
  flow: string | null;
  step: string | null;
  /** A confirming question waiting on a yes/no (absent when none). */
  check?: Check;
  slots: { [key: string]: JsonValue };
  options: Choice[] | null;
  stack: StackFrame[];
  asked_at: number | null;
  reprompts: number;
  followups: number;
  /** When the next tick has something to do: a follow-up, the close, or a reminder. */
  due: number | null;
  utc_offset: number | null;
  /** The last event's time (a later event may not go back before it). */
  last_at: number;
  turns: Turn[];
  /** The conversation's language, once known (the event's, or read from the customer's words). */
  locale?: string;
  /** While reminders wait: the follow-up's (or the close's) own time. */
  followup_due?: number | null;
  /** Reminders waiting, by time. */
  reminders?: Reminder[];
  /** The version of the playbook that wrote it, when it has one. */
  playbook_version?: string;
  /** With a state time-to-live: from this time on the state is refused (reason 'expired'). */
  expires?: number;
  /** The ids of the last 16 events that carried one (redeliveries are skipped). */
  seen?: string[];
  /** Set when the playbook signs its states. */
  sig?: string;
}

/**
 * The approved WhatsApp template of a message (playbook channels.whatsapp.templates), its parameters
 * rendered.
 */
export interface WhatsAppTemplate {
  name: string;
  language: string;
  parameters: string[];
}

/** Send a message (what payload() takes). */
export interface SendAction {
  type: 'send';
  text: string;
  /** The options of the ask (buttons, quick replies); empty when it is not a choice. */
  choices: Choice[];
  template: string;
  /**
   * The wording sent: 'text', 'v1', 'v2', ... (variants[0], ...), a channel name ('sms') for the channel's
   * own text, or 'builtin' (no playbook template).
   */
  variant: string;
  /** The step that sent it; null for an intent's say or a fallback with nothing pending. */
  step: string | null;
  /**
   * Only when the playbook maps this template to an approved WhatsApp template: payload() sends that once the
   * 24-hour window has closed.
   */
  whatsapp_template?: WhatsAppTemplate;
}

/** Send a tick event at (or after) at. */
export interface ScheduleAction {
  type: 'schedule';
  at: number;
  why: ScheduleWhy;
}

/** Hand the conversation to a person; the bot is silent until a resume event. */
export interface HandoffAction {
  type: 'handoff';
  reason: HandoffReason;
  /** The intent, every filled slot and the pending question, for the person taking over. */
  summary: string;
  slots: { [key: string]: JsonValue };
  transcript: Turn[];
}

/** The conversation ended. */
export interface CloseAction {
  type: 'close';
  /** An end step's outcome ('completed', 'declined', ...) or 'no_response'. */
  outcome: string;
}

/** One of StepResult actions: narrow it on its type. */
export type Action = SendAction | ScheduleAction | HandoffAction | CloseAction;

/** The type of each kind of action. */
export type ActionType = 'send' | 'schedule' | 'handoff' | 'close';

/** What every metric event carries (docs/metrics.md, 'The events'). */
export interface MetricEventBase {
  at: number;
  conversation: string | null;
  flow: string | null;
  /** The pending question's step, or null. */
  step: string | null;
  slot: string | null;
  /**
   * The message the event is about: for ask, commit, handoff, opt_out and close the wording assigned to the
   * step's question; for followup, reprompt and reminder the message sent; for error the follow-up that could
   * not be rendered. null when there is none.
   */
  template: string | null;
  variant: string | null;
}

/** A step's question asked for the first time. */
export interface AskEvent extends MetricEventBase {
  type: 'ask';
}

/** The customer answered it. */
export interface CommitEvent extends MetricEventBase {
  type: 'commit';
  /** Seconds since the ask. */
  latency: number;
}

/** A reply was not an answer and the question was asked again. */
export interface RepromptEvent extends MetricEventBase {
  type: 'reprompt';
}

/** A follow-up went out after silence. */
export interface FollowupEvent extends MetricEventBase {
  type: 'followup';
}

/** A person takes over. */
export interface HandoffEvent extends MetricEventBase {
  type: 'handoff';
  reason: HandoffReason;
  /** Slots filled. */
  filled: number;
  /** Slots filled plus those still waited for. */
  asked: number;
}

/** The customer stopped the conversation. */
export interface OptOutEvent extends MetricEventBase {
  type: 'opt_out';
}

/** The conversation ended. */
export interface CloseEvent extends MetricEventBase {
  type: 'close';
  /** 'completed', 'declined', 'no_response', or an end step's own outcome. */
  outcome: string;
}

/** A scheduled reminder went out (template is the one sent). */
export interface ReminderEvent extends MetricEventBase {
  type: 'reminder';
}

/** A follow-up could not be rendered and was skipped. */
export interface RenderErrorEvent extends MetricEventBase {
  type: 'error';
  /** Why it could not be rendered. */
  message: string;
}

/** One of StepResult events (what metrics() counts): narrow it on its type. */
export type MetricEvent =
  | AskEvent
  | CommitEvent
  | RepromptEvent
  | FollowupEvent
  | HandoffEvent
  | OptOutEvent
  | CloseEvent
  | ReminderEvent
  | RenderErrorEvent;

/** The type of each kind of metric event. */
export type MetricEventType =
  | 'ask'
  | 'commit'
  | 'reprompt'
  | 'followup'
  | 'handoff'
  | 'opt_out'
  | 'close'
  | 'reminder'
  | 'error';

/** What step() and migrate() both return. */
export interface StepResultBase {
  /** The new state (the input is never changed): store it and pass it back with the next event. */
  state: State;
  /** What to do, in order. */
  actions: Action[];
  /** Metric events to record. */
  events: MetricEvent[];
}

/** What step() returns. */
export interface StepResult extends StepResultBase {
  /** Only for an event whose id the state has seen: nothing to do. */
  duplicate?: true;
}

/** What a playbook's migrate() returns. */
export interface MigrateResult extends StepResultBase {
  /** The state paths left behind because the playbook no longer has them. */
  dropped: string[];
}

// ---- channels and lint

/** What payload() returns. */
export interface PayloadResult {
  channel: Channel;
  /**
   * The platform's own request body (WhatsApp Cloud API message, Messenger/Instagram Send API body, Telegram
   * sendMessage) or message (web chat, SMS). A choice's reply id is its id (or its full title when the id is
   * too long for the platform): inbound() hands it back as the event's choice.
   */
  payload: { [key: string]: JsonValue };
  window: Window;
  /** Only when the window is closed: what the platform requires instead. */
  requires?: Requires;
  /**
   * Only when some were: control and bidi formatting characters taken out of the text and titles (README,
   * 'What a payload carries').
   */
  removed?: number;
  /** SMS only: message parts. */
  segments?: number;
  /** SMS only. */
  encoding?: SmsEncoding;
  /** SMS only: GSM-7 septets or UTF-16 code units counted. */
  units?: number;
}

/** One event of inbound(): pass it to step() as it is. */
export interface InboundEvent {
  type: 'message';
  /** The platform's message id (absent when it gives none). */
  id?: string;
  at: number;
  /** The customer's WhatsApp id, page-scoped id, chat id or phone number. */
  conversation: string;
  channel: Channel;
  /** The customer's text, or the title of the option tapped. */
  text: string;
  /** Only for a tap: the option id that was sent. */
  choice?: string;
}

/** One thing of a webhook body that inbound() did not read. */
export interface Ignored {
  reason: IgnoredReason;
  /** The platform's word for it: 'delivered', 'image', 'edited_message', ... */
  type: string;
  id?: string;
}

/** What inbound() returns, in body order. */
export interface InboundResult {
  events: InboundEvent[];
  ignored: Ignored[];
}

/** One finding of lint(), ordered by start, then code. */
export interface LintFinding {
  code: LintCode;
  severity: Severity;
  message: string;
  /**
   * Code point offsets of the part found: text[start:end] in Python, [...text].slice(start, end) in
   * JavaScript.
   */
  start: number;
  end: number;
}

/** One finding of a playbook's lint(): where (path, and the template text it is about), then what. */
export interface PlaybookLintFinding {
  /** The template whose text it is about; null for a finding about a slot, step or flow. */
  template: string | null;
  /** The variant's index; null for the template's text and its channel texts. */
  variant: number | null;
  /** The channel the text was linted for; null when template is null. */
  channel: Channel | null;
  /** The message's own codes (each template rendered with samples), then the playbook's. */
  code: LintCode | PlaybookLintCode;
  severity: Severity;
  message: string;
  /**
   * Code point offsets: into the rendered text (TY001-TY008), or into the template text at path (TY101 on);
   * null for a slot, step or flow.
   */
  start: number | null;
  end: number | null;
  /**
   * JSON path of what it is about: 'templates.nudge', 'templates.ask.variants[0]', 'slots.size.options',
   * 'flows.booking.steps[2]'.
   */
  path: string;
}

// ---- metrics

/** Seconds from an ask to its commit, nearest-rank percentiles. */
export interface TimeToNextStep {
  /** null without commits. */
  median: number | null;
  p90: number | null;
}

/** Commits / asks, overall and per step. */
export interface Completion {
  /** null without asks. */
  overall: number | null;
  /** 'flow.step' -> commits / asks, for steps with at least one ask. */
  by_step: { [key: string]: number };
}

/** One wording of a step's question (a row of the metrics' variants). */
export interface WordingRow {
  flow: string;
  step: string;
  template: string;
  /** 'text', 'v1', 'v2', ... (variants[0], ...), a channel name, or 'builtin'. */
  variant: string;
  asks: number;
  /** Asks a customer message followed. */
  replies: number;
  reply_rate: number;
  /** The 95 % Wilson score interval [low, high]. */
  reply_rate_ci: [number, number];
  commits: number;
  /** commits / asks. */
  completion: number;
  /** null when commits exceed asks (a log without its asks). */
  completion_ci: [number, number] | null;
  time_to_next_step: TimeToNextStep;
}

/** One step's asks and commits (the metrics' steps). */
export interface StepCounts {
  asks: number;
  commits: number;
}

/**
 * The metrics of many conversations (docs/metrics.md): Python's MetricsResult.to_dict(), Node's metrics().
 */
export interface MetricsResult {
  conversations: number;
  /** Conversations with a customer message after the first ask / conversations; null with none. */
  reply_rate: number | null;
  time_to_next_step: TimeToNextStep;
  completion: Completion;
  handoffs: number;
  /** Filled / asked slots at handoff, averaged; null with no handoff. */
  handoff_context: number | null;
  /** 'flow.step' -> conversations closed no_response with it pending. */
  drop_off: { [key: string]: number };
  opt_outs: number;
  /** A row per wording of a step's question with at least one ask, steps and wordings in order. */
  variants: WordingRow[];
  /** 'flow.step' -> its asks and commits (the counts behind completion by_step). */
  steps: { [key: string]: StepCounts };
}
// end of generated block

export interface PlaybookOptions {
  /**
   * Turns on state signing: every state step() returns carries "sig", a
   * lowercase hex HMAC-SHA256 (node:crypto) of its canonical JSON, and a
   * state passed in must carry a valid one, else an Error with code
   * 'TY_STATE', reason 'signature', path 'state.sig'. A string is used as
   * its UTF-8 bytes. Use it when the state travels through a client.
   */
  secret?: string | Uint8Array | null;
  /** Bytes of playbook JSON; null or 0: limits.playbookMaxBytes. */
  maxBytes?: number | null;
  /** Intents; null or 0: limits.playbookMaxIntents. */
  maxIntents?: number | null;
  /** Examples over all intents; null or 0: limits.playbookMaxExamples. */
  maxExamples?: number | null;
  /** Bytes of one customer message; null or 0: limits.messageMaxBytes. */
  maxMessage?: number | null;
  /**
   * Seconds a state lives after its last event (its "expires"); a later event
   * is a 'TY_STATE' error with reason 'expired'. null or 0: states do not expire.
   */
  stateTtl?: number | null;
}

export interface MatchOptions {
  /** The slot the flow waits for: its answer is recognised first and reported as `answer`. */
  expect?: string | null;
  /** Anchors relative dates ("tomorrow"); undefined means now. */
  at?: Time | null;
  /** Event data: `options_from` lists (`{times: ['Tue 10:00', 'Tue 15:00']}`). */
  data?: { [key: string]: JsonValue } | null;
  /** Overrides the playbook's utc_offset. */
  utcOffset?: UtcOffset | null;
}

export type RecognizeOptions = Omit<MatchOptions, 'expect'>;

/**
 * A loaded playbook (docs/playbook.md): intents, slots, templates and flows, validated
 * on load (an Error with code 'TY_PLAYBOOK' names the JSON path of any
 * problem), its matcher trained and its templates compiled. Immutable; it
 * belongs to the thread (worker) that loaded it.
 *
 * States, events and data are read with JSON's rules: plain objects (own
 * enumerable keys; undefined properties skipped), arrays (undefined items
 * are null), strings, finite numbers, booleans and null. Anything else
 * (functions, symbols, bigints, Dates, Maps, class instances) is a
 * TypeError naming the path ("event.data.times[1]"); NaN, infinities, lone
 * surrogates and nesting past limits.valueMaxDepth (or a cycle) are errors
 * of the input's family ('TY_EVENT', or 'TY_STATE' for states) with `path`.
 *
 * @example
 *   const pb = Playbook.default();
 *   const r = pb.step(null, { type: 'message', text: 'hi', at: new Date(), conversation: 'c-1' });
 *   await db.save('c-1', JSON.stringify(r.state));
 */
export class Playbook {
  /**
   * @param source JSON text (a string, or UTF-8 bytes in a Buffer / Uint8Array /
   *   ArrayBuffer) or a plain object (serialised with JSON.stringify; NaN or a
   *   cycle is a 'TY_PLAYBOOK' error with reason 'json').
   * @throws {TinyyesError} code 'TY_PLAYBOOK': reason 'json' (with line/col), 'schema',
   *   'utf8', 'limit', ... and `path`.
   * @throws {TypeError | RangeError} on bad arguments or options.
   */
  constructor(source: string | Uint8Array | ArrayBuffer | object, options?: PlaybookOptions | null);
  /** Loads a playbook from a JSON file (read as UTF-8 bytes). */
  static load(file: string | Uint8Array | FileUrl, options?: PlaybookOptions | null): Playbook;
  /**
   * The playbook tinyyes ships with: a local bike workshop (booking, pricing,
   * opening hours, refunds, service fit, support, a person, hesitation,
   * STOP/START). Loaded once per thread and shared.
   */
  static default(options?: { secret?: string | Uint8Array | null } | null): Playbook;
  /** The JSON text of the default playbook (a starting point for your own). */
  static defaultSource(): string;
  /** True when states are signed (a secret was given). */
  readonly signed: boolean;
  /**
   * Matches a customer message (docs/recognizers.md).
   * @throws {TinyyesError} code 'TY_EVENT': reason 'nul', 'utf8', 'limit' (over maxMessage), ...
   */
  match(text: string, options?: MatchOptions | null): MatchResult;
  /**
   * Reads text as an answer for one slot (docs/recognizers.md): the value, or null when it is not one.
   * @throws {TinyyesError} reason 'notfound' for an unknown slot.
   */
  recognize(text: string, slot: string, options?: RecognizeOptions | null): Recognition | null;
  /** Memory and model figures. */
  stats(): PlaybookStats;
  /**
   * Steps a conversation (docs/playbook.md). Pure: nothing is stored here; `state`
   * is the previous result's state (null for a new conversation). An event's
   * `at` may be a Date.
   * @throws {TinyyesError} code 'TY_STATE' (a malformed, foreign or — when
   *   signed — unsigned or altered state), 'TY_EVENT' (a malformed event),
   *   with `path`.
   */
  step(state: State | { [key: string]: JsonValue } | null | undefined, event: StepEvent): StepResult;
  /**
   * Carries a stored state across an edit of this playbook (docs/playbook.md,
   * "Editing a live playbook"): keeps what still fits, drops the rest, resumes
   * a pending question whose step is gone at the nearest sensible step.
   * @throws {TinyyesError} code 'TY_STATE': another playbook's state, reason
   *   'expired' past its "expires", 'signature' when signed and altered.
   */
  migrate(state: State | { [key: string]: JsonValue }, options?: { at?: Time | null } | null): MigrateResult;
  /**
   * A wa.me link to the business's WhatsApp `number` that carries on this web
   * chat in WhatsApp (docs/inbound.md): the prefilled message ends with a
   * short reference signed with this playbook's secret. Offer it with
   * payload(action, 'webchat', { whatsappLink }).
   * @throws {TinyyesError} reason 'arg': no secret, a bad number, an id that cannot travel in a message.
   */
  handoverLink(state: State | { conversation: string; locale?: string } | string, number: string): string;
  /** The web conversation a customer's message continues (its signed reference checked), or null. */
  handoverRef(text: string): string | null;
  /** A copy of `state` with a fresh "sig" (moving unsigned states to a signed playbook). */
  sign<S extends object>(state: S): S & { sig: string };
}

// ===================================================================== //
// Channels, lint and metrics (README.md, "Channels, lint and metrics"; docs/metrics.md): node/channels.js
// ===================================================================== //

// generated by scripts/gen_api.py from csrc/data/api.json: edit that, not this
/** The channel names payload, lint and playbook "channels" keys accept. */
export type Channel = 'whatsapp' | 'messenger' | 'instagram' | 'telegram' | 'webchat' | 'sms';

/** ['whatsapp', 'messenger', 'instagram', 'telegram', 'webchat', 'sms'] (frozen). */
export const CHANNELS: readonly Channel[];
// end of generated block

export interface PayloadOptions {
  /** When the message goes out: Unix seconds or a Date. Undefined/null: now (this machine's clock). */
  at?: Time | null;
  /**
   * The customer's last message: Unix seconds or a Date. Undefined/null:
   * unknown, and `window` is 'unknown' on WhatsApp, Messenger and Instagram.
   */
  lastCustomerAt?: Time | null;
  /** Telegram text escaping: 'html' (the default), 'markdownv2' or 'none' (ASCII case-insensitive). */
  parseMode?: 'html' | 'markdownv2' | 'none' | string | null;
  /** A person sends it: Messenger/Instagram HUMAN_AGENT tag, a 7-day window instead of 24 hours. */
  humanAgent?: boolean | null;
  /** The recipient (phone number, PSID, chat id; a number or bigint is written in decimal). Undefined: left out. */
  to?: string | number | bigint | null;
  /** Words of SMS options and the WhatsApp list button; undefined or unknown: English. */
  locale?: string | null;
  /** Web chat only: a "continue in WhatsApp" link (Playbook#handoverLink) offered with the message. */
  whatsappLink?: string | null;
}

/**
 * Turns a `send` action of Playbook#step into the platform's own message
 * JSON for `channel` (README.md). Choice titles over a platform limit are cut
 * at a grapheme boundary (never inside an emoji or a combining sequence)
 * and end in "…".
 * @throws {TinyyesError} code 'TY_ERROR': reason 'arg' (unknown channel, bad
 *   parseMode; path 'channel', 'options.parse_mode'), 'schema' (not a send
 *   action; path 'action.text', ...), 'limit', 'utf8', 'nul'.
 * @throws {TypeError | RangeError} on bad argument types.
 */
export function payload(action: SendAction | { [key: string]: JsonValue }, channel: Channel | string,
  options?: PayloadOptions | null): PayloadResult;

/**
 * Reads one webhook request body of a messaging platform (docs/inbound.md):
 * WhatsApp Cloud API, Messenger, Instagram, one Telegram Update, a
 * Twilio-style form-encoded SMS, or the web chat's
 * {conversation, text, id?, at?, choice?}. `body` is the raw request body
 * as received (a Buffer from express.raw(), or a string); `at` is when it
 * arrived (seconds or a Date; default now), used where the body has no time.
 * @throws {TinyyesError} code 'TY_EVENT' with the JSON path of what is not the
 *   platform's shape (reason 'event'), or reason 'json' with line and col;
 *   code 'TY_ERROR' reason 'arg' for an unknown channel.
 * @throws {TypeError} on bad argument types.
 */
export function inbound(channel: Channel | string, body: string | ArrayBufferView,
  options?: { at?: Time | null } | null): InboundResult;

/**
 * True when a webhook request really comes from the platform (docs/inbound.md):
 * its signature header (X-Hub-Signature-256, X-Telegram-Bot-Api-Secret-Token,
 * X-Twilio-Signature) matches `body`, the raw request body as received.
 * `secret`: the Meta app secret, the Telegram secret token or the Twilio auth
 * token (SMS: `options.url` is the full URL Twilio requested). Constant-time;
 * a missing or malformed header is false.
 * @throws {TinyyesError} reason 'arg': an unknown channel, 'webchat' (your own
 *   site), SMS without url.
 * @throws {TypeError} on bad argument types.
 */
export function verify(channel: Channel | string, secret: string | ArrayBufferView,
  headers: { [name: string]: string | string[] | undefined } | { get(name: string): string | null },
  body: string | ArrayBufferView, options?: { url?: string | null } | null): boolean;

/**
 * Meta's webhook verification request: returns `hub.challenge` (answer 200
 * with it) when `hub.mode` is 'subscribe' and `hub.verify_token` equals
 * `verifyToken`, else null (answer 403).
 */
export function handshake(query: { [key: string]: unknown } | { get(name: string): string | null },
  verifyToken: string): string | null;

export interface LintOptions {
  /** Default 'webchat'. */
  channel?: Channel | string | null;
  /** Phrase tables; default 'en' (a locale without its own tables uses English; 'en-GB' uses 'en'). */
  locale?: string | null;
}

/**
 * Lints one outgoing message (docs/playbook.md). Findings are ordered by start, then code.
 * A string as the second argument is the channel.
 * @throws {TinyyesError} code 'TY_ERROR': reason 'arg' (unknown channel), 'utf8', 'nul', 'limit' (over 1 MiB).
 */
export function lint(text: string, options?: LintOptions | Channel | string | null): LintFinding[];

export interface Playbook {
  /**
   * Lints every template (docs/playbook.md): its text and each variant as sent on
   * `channel` (default 'webchat'), and each channel text on its own channel,
   * rendered with sample values (TY001-TY008); and the playbook itself: names
   * a message may miss where it is sent, options that are not there, too many
   * options, steps and flows nothing reaches (TY101-TY106). A string is the
   * channel.
   * @throws {TinyyesError} code 'TY_ERROR' reason 'arg' for an unknown channel.
   */
  lint(options?: { channel?: Channel | string | null } | Channel | string | null): PlaybookLintFinding[];
}

/**
 * A streaming metrics accumulator (docs/metrics.md): add the `events` of step
 * results as they come, from any number of conversations in any order, then
 * read result(). Memory grows with distinct conversations and steps (and 8
 * bytes per commit), not with events; freed when the object is collected.
 */
export class Metrics {
  constructor();
  /**
   * Counts an array or any iterable of metric events, handed to the core
   * 10,000 at a time (a generator over a log of any length is fine).
   * @throws {TinyyesError} code 'TY_EVENT' with path naming the event's
   *   index in `events` ("events[12].type"); the 10,000-event chunks before
   *   it stay counted, the rest of the call is not. Anything but an array
   *   or iterable: 'events: must be a list of metric events'.
   * @throws {TypeError} for a value JSON cannot carry (a Date, a class instance), with path.
   */
  add(events: Iterable<MetricEvent | { [key: string]: JsonValue }>): void;
  /** The metrics so far (adding more afterwards is fine). */
  result(): MetricsResult;
  /** Events counted so far. */
  readonly count: number;
}

/** The metrics of an array or iterable of metric events from many conversations (through Metrics). */
export function metrics(events: Iterable<MetricEvent | { [key: string]: JsonValue }>): MetricsResult;

// ===================================================================== //
// end of channels, lint and metrics
// ===================================================================== //

// ===================================================================== //
// The chat audit (docs/audit.md): node/audit.js
// ===================================================================== //

/** A moment of the method a finding calls for (and where a conversation stopped), in the method's order. */
export type AuditMoment =
  | 'first_reply' | 'clarify' | 'price' | 'recommendation' | 'booking' | 'follow_up' | 'permission_close'
  | 'need_to_think' | 'handoff';

/**
 * What went wrong: the business's last message leaves no next step
 * ('open_closer' TY001, 'no_next_step' and 'price_no_next_step' TY002); any
 * business message with 'too_many_options' (TY003), 'several_questions'
 * (TY004) or 'pressure' (TY008); a customer question answered late
 * ('late_answer', with `waited`) or never ('unanswered_question'); "I'll
 * think about it" never followed up ('think_no_followup'); a customer's
 * answer to the business's question that heard nothing back
 * ('answer_unanswered').
 */
export type AuditFindingCode =
  | 'open_closer' | 'no_next_step' | 'price_no_next_step' | 'too_many_options' | 'several_questions'
  | 'pressure' | 'late_answer' | 'unanswered_question' | 'think_no_followup' | 'answer_unanswered';

/** One finding in a conversation: the message it is about. */
export interface AuditFinding {
  code: AuditFindingCode;
  /** The message's index in its conversation (0 for the first). */
  message: number;
  /** When it was sent (Unix seconds). */
  at: number;
  from: 'business' | 'customer';
  /** Its text (cut to 200 bytes). */
  text: string;
  /** The lint code the finding is (LintFinding['code']), or null. */
  lint: LintFinding['code'] | null;
  /** The micro-commitment moment it calls for. */
  moment: AuditMoment;
  /** Only for 'late_answer': the seconds of opening hours the customer waited. */
  waited?: number;
}

/** One conversation of an audit. */
export interface AuditConversation {
  /** The conversation id: a WhatsApp file's name, or the CSV/JSON conversation column. */
  id: string;
  /** The first customer's sender name; null when only the business wrote. */
  customer: string | null;
  messages: number;
  /** Its first and last message (Unix seconds). */
  started: number;
  ended: number;
  ended_by: 'business' | 'customer';
  /** The moment it stopped at. */
  stopped_at: AuditMoment;
  outcome: 'booked' | 'open';
  /** The customer wrote again after the business's first message. */
  replied: boolean;
  findings: AuditFinding[];
}

/** Customer questions left unanswered, grouped by a playbook's intents (or by wording). */
export interface AuditUnanswered {
  /** The playbook's intent; null when grouped by wording (no playbook, or no intent matched). */
  intent: string | null;
  label: string;
  count: number;
  /** Up to three of the questions. */
  examples: string[];
}

/** The totals of an audit. */
export interface AuditSummary {
  conversations: number;
  messages: number;
  customers: number;
  /** Conversations the customer replied in after the business's first message / those the business answered; null with none. */
  reply_rate: number | null;
  replied: number;
  /** Seconds to the business's first response (nearest-rank median; null with none), and how many had one. */
  first_response: { median: number | null; count: number };
  booked: number;
  /** Conversations by the moment they stopped at, and 'booked' (moments with none left out). */
  ended_at: { [moment in AuditMoment | 'booked']?: number };
  /** Each finding code found and how often, most frequent first. */
  findings: { code: AuditFindingCode; count: number }[];
  unanswered: AuditUnanswered[];
}

/** A line that could not be read. */
export interface AuditProblem {
  /** The input's name (the file's name, 'rows' for row objects). */
  input: string;
  /** Its line, 1-based. */
  line: number;
  message: string;
}

/** The result of audit() as plain data (what AuditResult#toJSON returns). */
export interface AuditData {
  /** The business's sender name (given, or guessed). */
  business: string;
  conversations: AuditConversation[];
  summary: AuditSummary;
  problems: AuditProblem[];
}

/**
 * What audit() found: the result's fields as own enumerable properties, so
 * JSON.stringify(result) is its JSON.
 */
export class AuditResult implements AuditData {
  /** Wraps an audit result (audit()'s, or one parsed from its JSON). */
  constructor(data: AuditData);
  business: string;
  conversations: AuditConversation[];
  summary: AuditSummary;
  problems: AuditProblem[];
  /** The readable report (what `npx tinyyes audit` prints; the same text as Python's). */
  report(): string;
  /** A plain, JSON-ready copy. */
  toJSON(): AuditData;
}

/**
 * One message given as a row: conversation, time (ISO 8601 text, Unix
 * seconds or a Date), sender and text, under any key names (see
 * AuditOptions.columns).
 */
export type AuditRow = { [key: string]: JsonValue | Date | bigint | undefined };

export interface AuditOptions {
  /** The business's sender name; null: guessed (the sender in the most conversations who opens the fewest). */
  business?: string | null;
  /** Groups the unanswered questions by its intents; null: by wording. */
  playbook?: Playbook | null;
  /** The exports' format; null: by file suffix (.txt, .csv, .jsonl/.ndjson), else guessed from the text. */
  format?: 'whatsapp' | 'csv' | 'jsonl' | null;
  /** WhatsApp dates day first or month first; null: told by the dates (day first when they never tell). */
  dateOrder?: 'dmy' | 'mdy' | null;
  /** The exports' local time, for times without an offset. Default UTC. */
  utcOffset?: UtcOffset | null;
  /** CSV column / JSON key names; those left out are found among the usual names. */
  columns?: { conversation?: string | null; time?: string | null; sender?: string | null; text?: string | null } | null;
  /** Opening hours, 'mon-fri 09:00-17:30, sat 10:00-14:00'; null: always open. */
  hours?: string | null;
  /** Seconds of opening hours after which an answer is late; null or 0: 3600. */
  lateAfter?: number | null;
}

/**
 * Audits past chats (docs/audit.md): where each conversation stopped and
 * why, and the totals. `source`: a WhatsApp "Export chat" file, a CSV or
 * JSON-lines export, a folder of them (every .txt, .csv, .jsonl and .ndjson
 * file, by name), an array of paths, or an array of row objects. Files are
 * read as UTF-8. Lines that cannot be read are in `problems`.
 * @throws {TinyyesError} reason 'arg': an unknown format, a CSV/JSON export
 *   without a needed column, no message at all, bad hours, a business that
 *   sent nothing; 'utf8': a file that is not UTF-8.
 * @throws {TypeError | RangeError} on bad arguments and unknown options; a
 *   file that cannot be read throws the fs error (ENOENT...).
 */
export function audit(source: string | Iterable<string> | Iterable<AuditRow>, options?: AuditOptions | null): AuditResult;
