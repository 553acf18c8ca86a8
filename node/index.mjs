// index.mjs — the ES module face of tinyyes: `import { Playbook } from 'tinyyes'`.
//
// It loads the CommonJS module (index.js) and re-exports each public name
// explicitly, so named imports never depend on Node's scan of index.js, and
// ESM and CommonJS users share one addon and the very same objects (no
// dual-package hazard). The default export is the CommonJS module itself.
// Keep the list equal to the values of index.d.ts (tests/node/esm.test.mjs
// checks).
import tinyyes from './index.js';

export const {
  Template,
  Playbook,
  version,
  limits,
  CHANNELS,
  payload,
  lint,
  metrics,
  Metrics,
  inbound,
  verify,
  handshake,
  audit,
  AuditResult,
  TinyyesError,
  TemplateError,
  PlaybookError,
  StateError,
  EventError,
  ArgumentTypeError,
  ArgumentRangeError,
  isTinyyesError,
} = tinyyes;

export default tinyyes;
