// default_import.mts — the ES module face's default export (node/index.d.mts)
// is the CommonJS module: the same values as the named exports.
import tinyyes, { Playbook, payload } from 'tinyyes';

export const same: boolean = tinyyes.Playbook === Playbook && tinyyes.payload === payload;
export const channels: readonly string[] = tinyyes.CHANNELS;
