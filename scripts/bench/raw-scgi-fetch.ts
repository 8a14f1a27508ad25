import { connect } from 'node:net';

import { frameScgiRequest } from '../../src/rtorrent/scgi-request.js';

/**
 * Sends one XML-RPC body to rTorrent's unix socket and reads the reply without looking at it:
 * the floor any poll over the same request stands on. Resolves with the number of bytes.
 */
export function fetchReplySize(socketPath: string, body: Buffer): Promise<number> {
  return exchange(socketPath, body, () => undefined);
}

/** The same exchange, keeping the reply's XML body (after the CGI-style headers). */
export async function fetchReplyBody(socketPath: string, body: Buffer): Promise<Buffer> {
  const chunks: Buffer[] = [];
  await exchange(socketPath, body, (chunk) => chunks.push(chunk));
  const reply = Buffer.concat(chunks);
  const headerEnd = reply.indexOf('\r\n\r\n');
  if (headerEnd === -1) throw new Error('the reply from rTorrent has no header block');

  return reply.subarray(headerEnd + 4);
}

function exchange(socketPath: string, body: Buffer, onChunk: (chunk: Buffer) => void) {
  return new Promise<number>((resolve, reject) => {
    const socket = connect(socketPath);
    let bytes = 0;
    socket.on('connect', () => socket.write(frameScgiRequest(body)));
    socket.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      onChunk(chunk);
    });
    // rTorrent closes the connection once the reply is sent.
    socket.on('end', () => {
      socket.destroy();
      resolve(bytes);
    });
    socket.on('error', reject);
  });
}
