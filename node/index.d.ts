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

/** The family of a tinyyes error (SPEC §10). */
export type TinyyesErrorCode = 'TY_TEMPLATE' | 'TY_PLAYBOOK' | 'TY_STATE' | 'TY_EVENT' | 'TY_ERROR' | 'TY_NOMEM';

/**
 * Errors thrown by tinyyes are plain `Error`s (a `RangeError` for 'TY_NOMEM',
 * a `TypeError` for bad arguments and for functions met as data) carrying:
 */
export interface TinyyesError extends Error {
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

/** Anything render() can read: JSON-shaped data, class instances, getters. */
export type TemplateData = unknown;

/**
 * A compiled Mustache template (interpolation, sections, inverted sections,
 * comments, partials, set delimiters, inheritance, dynamic names; no lambdas).
 * Immutable once compiled.
 *
 * How JS values are read: `obj[name]` (own properties, getters, class
 * accessors, Proxies); `undefined` means missing; `null` renders as nothing;
 * inherited methods are ignored and own functions are a TypeError (lambdas
 * are not supported); arrays are lists; numbers render in their shortest
 * round-trip form (1.210 -> "1.21"); Dates as `toISOString()`; bigints as
 * digits; symbols are a TypeError; lone surrogates become U+FFFD.
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
