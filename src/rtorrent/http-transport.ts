import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

import {
  RtorrentConnectError,
  RtorrentMalformedReplyError,
  RtorrentReplyTooLargeError,
  RtorrentTimeoutError,
  type RtorrentError,
} from './errors.js';
import type { ReplyLimits, TransportReply } from './reply-limits.js';
import type { RtorrentEndpoint } from './rtorrent-url.js';
import { XmlRpcReplyDecoder } from './xmlrpc-reply-decoder.js';
import type { XmlRpcReply } from './xmlrpc-value.js';

type HttpEndpoint = Extract<RtorrentEndpoint, { kind: 'http' }>;

/**
 * POSTs one XML-RPC body to a web server's `/RPC2` that fronts rTorrent, and decodes the
 * reply while it arrives. User and password in the URL become basic authentication.
 */
export function sendOverHttp(
  endpoint: HttpEndpoint,
  body: Buffer,
  method: string,
  limits: ReplyLimits,
): Promise<TransportReply<XmlRpcReply>> {
  return new Promise((resolve, reject) => {
    const url = endpoint.url;
    const target = new URL(endpoint.href);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const decoder = new XmlRpcReplyDecoder();
    let bytes = 0;
    let isSettled = false;

    const request = send(target, {
      method: 'POST',
      headers: { 'Content-Type': 'text/xml', 'Content-Length': body.length },
      auth: readAuth(target),
    });

    const timer = setTimeout(() => {
      fail(new RtorrentTimeoutError(url, method, limits.timeoutMs));
    }, limits.timeoutMs);

    function fail(error: RtorrentError): void {
      if (isSettled) return;

      isSettled = true;
      clearTimeout(timer);
      request.destroy();
      reject(error);
    }

    function onResponse(response: IncomingMessage): void {
      if (response.statusCode !== 200) {
        response.resume();

        return fail(new RtorrentMalformedReplyError(url, `HTTP status ${response.statusCode}`));
      }

      response.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > limits.maxReplyBytes) {
          return fail(new RtorrentReplyTooLargeError(url, method, limits.maxReplyBytes));
        }

        try {
          decoder.write(chunk);
        } catch (error) {
          fail(new RtorrentMalformedReplyError(url, describe(error), { cause: error }));
        }
      });

      response.on('end', () => {
        try {
          const reply = decoder.end();
          if (isSettled) return;

          isSettled = true;
          clearTimeout(timer);
          resolve({ reply, bytes });
        } catch (error) {
          fail(new RtorrentMalformedReplyError(url, describe(error), { cause: error }));
        }
      });
    }

    request.on('response', onResponse);
    request.on('error', (error) => fail(new RtorrentConnectError(url, { cause: error })));
    request.end(body);
  });
}

function readAuth(target: URL): string | undefined {
  if (target.username === '') return undefined;

  return `${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}`;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
