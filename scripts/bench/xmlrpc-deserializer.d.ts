// The `xmlrpc` package's reply decoder, which its own typings do not declare.
declare module 'xmlrpc/lib/deserializer.js' {
  import type { Readable } from 'node:stream';

  export default class Deserializer {
    constructor(encoding?: string);
    deserializeMethodResponse(
      stream: Readable,
      callback: (error: Error | null, value?: unknown) => void,
    ): void;
  }
}
