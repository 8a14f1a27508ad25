import { connect, type Socket } from 'node:net';

import {
  RtorrentConnectError,
  RtorrentMalformedReplyError,
  RtorrentReplyTooLargeError,
  RtorrentTimeoutError,
  type RtorrentError,
} from './errors.js';
import type { ReplyLimits, TransportReply } from './reply-limits.js';
import type { RtorrentEndpoint } from './rtorrent-url.js';
import { frameScgiRequest } from './scgi-request.js';
import { ScgiReplyReader } from './scgi-reply-reader.js';
import { XmlRpcReplyDecoder } from './xmlrpc-reply-decoder.js';
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
): Promise<TransportReply<XmlRpcReply>> {
  return new Promise((resolve, reject) => {
    const url = endpoint.url;
    const decoder = new XmlRpcReplyDecoder();
    const reader = new ScgiReplyReader((chunk) => decoder.write(chunk));
    const socket = openSocket(endpoint);
    let bytes = 0;
    let isConnected = false;
    let isSettled = false;

    const timer = setTimeout(() => {
      fail(new RtorrentTimeoutError(url, method, limits.timeoutMs));
    }, limits.timeoutMs);

    function fail(error: RtorrentError): void {
      if (isSettled) return;

      isSettled = true;
      clearTimeout(timer);
      socket.destroy();
      reject(error);
    }

    function succeed(reply: XmlRpcReply): void {
      if (isSettled) return;

      isSettled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ reply, bytes });
    }

    socket.on('connect', () => {
      isConnected = true;
      socket.write(frameScgiRequest(body));
    });

    socket.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > limits.maxReplyBytes) {
        return fail(new RtorrentReplyTooLargeError(url, method, limits.maxReplyBytes));
      }

      try {
        reader.push(chunk);
      } catch (error) {
        fail(new RtorrentMalformedReplyError(url, describe(error), { cause: error }));
      }
    });

    socket.on('end', () => {
      if (bytes === 0) return fail(new RtorrentMalformedReplyError(url, 'empty reply'));

      if (!reader.hasBody) {
        return fail(new RtorrentMalformedReplyError(url, 'reply ends inside its headers'));
      }

      try {
        succeed(decoder.end());
      } catch (error) {
        fail(new RtorrentMalformedReplyError(url, describe(error), { cause: error }));
      }
    });

    socket.on('error', (error) => {
      if (isConnected && bytes > 0) {
        return fail(
          new RtorrentMalformedReplyError(url, 'connection broke mid-reply', { cause: error }),
        );
      }

      fail(new RtorrentConnectError(url, { cause: error }));
    });
  });
}

function openSocket(endpoint: ScgiEndpoint): Socket {
  if (endpoint.kind === 'scgi-unix') return connect(endpoint.socketPath);

  return connect(endpoint.port, endpoint.host);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
