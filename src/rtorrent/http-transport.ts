import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

import { RtorrentConnectError } from './errors.js';
import { ReplyExchange } from './reply-exchange.js';
import type { ReplyLimits, TransportReply } from './reply-limits.js';
import type { RtorrentEndpoint } from './rtorrent-url.js';
import type { XmlRpcReplyDecoder } from './xmlrpc-reply-decoder.js';
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
  decoder: XmlRpcReplyDecoder,
): Promise<TransportReply<XmlRpcReply>> {
  return new Promise((resolve, reject) => {
    const url = endpoint.url;
    const target = new URL(endpoint.href);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const request = send(target, {
      method: 'POST',
      headers: { 'Content-Type': 'text/xml', 'Content-Length': body.length },
      auth: readAuth(target),
    });
    const exchange = new ReplyExchange(url, method, limits, decoder, {
      resolve,
      reject,
      close: () => request.destroy(),
    });

    request.on('response', (response: IncomingMessage) => {
      if (response.statusCode !== 200) {
        response.resume();

        return exchange.malformed(`HTTP status ${response.statusCode}`);
      }

      response.on('data', (chunk: Buffer) => {
        exchange.receive(chunk, (bytes) => exchange.decoder.write(bytes));
      });
      response.on('end', () => exchange.finish());
    });
    request.on('error', (error) => exchange.fail(new RtorrentConnectError(url, { cause: error })));
    request.end(body);
  });
}

function readAuth(target: URL): string | undefined {
  if (target.username === '') return undefined;

  return `${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}`;
}
