import { connect, type Socket } from 'node:net';

import { RtorrentConnectError } from './errors.js';
import { ReplyExchange } from './reply-exchange.js';
import type { ReplyLimits, TransportReply } from './reply-limits.js';
import type { RtorrentEndpoint } from './rtorrent-url.js';
import { frameScgiRequest } from './scgi-request.js';
import { ScgiReplyReader } from './scgi-reply-reader.js';
import type { XmlRpcReplyDecoder } from './xmlrpc-reply-decoder.js';
import type { XmlRpcReply } from './xmlrpc-value.js';

type ScgiEndpoint = Extract<RtorrentEndpoint, { kind: 'scgi-unix' | 'scgi-tcp' }>;

/**
 * Sends one XML-RPC body over a fresh SCGI connection and decodes the reply while it arrives.
 * rTorrent closes the connection after each reply, so its end marks the end of the reply.
 */
export function sendOverScgi(
  endpoint: ScgiEndpoint,
  body: Buffer,
  method: string,
  limits: ReplyLimits,
  decoder: XmlRpcReplyDecoder,
): Promise<TransportReply<XmlRpcReply>> {
  return new Promise((resolve, reject) => {
    const url = endpoint.url;
    const socket = openSocket(endpoint);
    const exchange = new ReplyExchange(url, method, limits, decoder, {
      resolve,
      reject,
      close: () => socket.destroy(),
    });
    const reader = new ScgiReplyReader((chunk) => exchange.decoder.write(chunk));
    let isConnected = false;

    socket.on('connect', () => {
      isConnected = true;
      socket.write(frameScgiRequest(body));
    });

    socket.on('data', (chunk: Buffer) => exchange.receive(chunk, (bytes) => reader.push(bytes)));

    socket.on('end', () => {
      if (exchange.bytes === 0) return exchange.malformed('empty reply');

      if (!reader.hasBody) return exchange.malformed('reply ends inside its headers');

      exchange.finish();
    });

    socket.on('error', (error) => {
      if (isConnected && exchange.bytes > 0) {
        return exchange.malformed('connection broke mid-reply', error);
      }

      exchange.fail(new RtorrentConnectError(url, { cause: error }));
    });
  });
}

function openSocket(endpoint: ScgiEndpoint): Socket {
  if (endpoint.kind === 'scgi-unix') return connect(endpoint.socketPath);

  return connect(endpoint.port, endpoint.host);
}
