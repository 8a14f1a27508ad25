import { Readable } from 'node:stream';

import Deserializer from 'xmlrpc/lib/deserializer.js';

// The size of the pieces a unix socket hands Node, so the deserializer sees what it would live.
const CHUNK_BYTES = 64 * 1024;

/** Decodes a reply with the `xmlrpc` package's deserializer, fed from a stream of its bytes. */
export function decodeWithXmlrpcPackage(body: Buffer): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const stream = new Readable({ read: () => undefined });
    for (let start = 0; start < body.length; start += CHUNK_BYTES) {
      stream.push(body.subarray(start, start + CHUNK_BYTES));
    }
    stream.push(null);

    new Deserializer().deserializeMethodResponse(stream, (error, value) => {
      if (error) reject(error);
      else resolve(value);
    });
  });
}
