import { createServer } from 'node:http';

import { bencodeBytes } from './named-torrent.js';

/** An HTTP tracker on loopback that refuses every announce with the same reason. */
export interface RefusingTracker {
  announceUrl: string;
  close(): Promise<void>;
}

/** Starts a tracker that answers each announce with a bencoded `failure reason` of `reason`. */
export async function startRefusingTracker(reason: Buffer): Promise<RefusingTracker> {
  const answer = Buffer.concat([
    Buffer.from('d14:failure reason'),
    bencodeBytes(reason),
    Buffer.from('e'),
  ]);
  const server = createServer((_request, response) => response.end(answer));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');

  return {
    announceUrl: `http://127.0.0.1:${address.port}/announce`,
    close: () => {
      server.closeAllConnections();

      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
