// globals.d.ts — the few host globals uses_every_api.ts calls, declared here
// so the check needs neither the DOM library nor @types/node (and so
// node/index.d.ts is proved to need neither).
declare class URL {
  constructor(url: string, base?: string);
  readonly href: string;
  readonly protocol: string;
  readonly pathname: string;
}
declare class TextEncoder {
  encode(text: string): Uint8Array;
}
