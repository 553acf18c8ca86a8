// index.d.mts — types of the ES module face (node/index.mjs): the same
// declarations as index.d.ts, which describes the CommonJS module, plus the
// default export (that module's exports object).
import tinyyes from './index.js';

export * from './index.js';
export default tinyyes;
