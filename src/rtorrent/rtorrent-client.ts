import { RtorrentFaultError } from './errors.js';
import { sendOverHttp } from './http-transport.js';
import type { ReplyLimits, TransportReply } from './reply-limits.js';
import { parseRtorrentUrl, type RtorrentEndpoint } from './rtorrent-url.js';
import { sendOverScgi } from './scgi-transport.js';
import { XmlRpcReplyDecoder, type XmlRpcReplyDecoderOptions } from './xmlrpc-reply-decoder.js';
import { encodeMethodCall, type XmlRpcParam } from './xmlrpc-request-encoder.js';
import type { XmlRpcFault, XmlRpcReply, XmlRpcValue } from './xmlrpc-value.js';

export const DEFAULT_CALL_TIMEOUT_MS = 10_000;
// 10,000 items answer a full item multicall with about 5 MB; this leaves room for ten times
// that while still bounding what a broken or hostile peer can make rtmon hold.
export const DEFAULT_MAX_REPLY_BYTES = 64 * 1024 * 1024;

export type { XmlRpcParam } from './xmlrpc-request-encoder.js';

/** One call inside a `system.multicall`. */
export interface MethodCall {
  method: string;
  params?: XmlRpcParam[];
}

/** What one call inside a `system.multicall` gave: its value, or the fault rTorrent put there. */
export type MulticallOutcome = { value: XmlRpcValue } | { fault: XmlRpcFault };

export interface RtorrentClientOptions {
  timeoutMs?: number;
  maxReplyBytes?: number;
}

/**
 * Talks XML-RPC to one rTorrent. Calls wait for each other, so at most one request is in
 * flight, and each has its own deadline and reply-size cap.
 */
export class RtorrentClient {
  readonly endpoint: RtorrentEndpoint;
  readonly limits: ReplyLimits;
  /** Bytes received over every reply so far, for the collector's poll-size sensor. */
  bytesReceived = 0;
  /**
   * Texts over every reply so far that held bytes which are not UTF-8, decoded with U+FFFD in
   * their place. rTorrent 0.9.8 built with xmlrpc-c sends '?' for each such byte itself, so a
   * count here points at another build of rTorrent or at something between it and rtmon.
   */
  textsWithInvalidUtf8 = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private methods: Promise<ReadonlySet<string>> | undefined;

  constructor(url: string, options: RtorrentClientOptions = {}) {
    this.endpoint = parseRtorrentUrl(url);
    this.limits = {
      timeoutMs: options.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS,
      maxReplyBytes: options.maxReplyBytes ?? DEFAULT_MAX_REPLY_BYTES,
    };
  }

  get url(): string {
    return this.endpoint.url;
  }

  /** Calls one method; an XML-RPC fault becomes an `RtorrentFaultError`. */
  async call(method: string, params: XmlRpcParam[] = []): Promise<XmlRpcValue> {
    return this.valueOf(method, await this.enqueue(method, params, {}));
  }

  /**
   * Calls a method that answers with a list, such as `d.multicall2`, and hands each element to
   * `visit` as soon as it is decoded instead of building the list: at 10,000 items that spares
   * keeping 100,000 values alive until the reply ends. Resolves with how many elements came,
   * or undefined when the answer is not a list at all.
   */
  async callForEach(
    method: string,
    params: XmlRpcParam[],
    visit: (element: XmlRpcValue) => void,
  ): Promise<number | undefined> {
    let count = 0;
    const eachElement = (element: XmlRpcValue): void => {
      count++;
      visit(element);
    };
    const value = this.valueOf(method, await this.enqueue(method, params, { eachElement }));

    return Array.isArray(value) ? count : undefined;
  }

  /**
   * Sends many calls in one round trip. rTorrent answers each with a one-element array, or
   * with a fault struct in its place while it goes on with the rest.
   */
  async multicall(calls: MethodCall[]): Promise<MulticallOutcome[]> {
    const batch = calls.map((call) => ({ methodName: call.method, params: call.params ?? [] }));
    const value = await this.call('system.multicall', [batch]);
    if (!Array.isArray(value) || value.length !== calls.length) {
      throw new TypeError(
        `system.multicall returned ${describeShape(value)} for ${calls.length} calls`,
      );
    }

    return value.map(readOutcome);
  }

  /** The commands this rTorrent has, asked once and kept until `forgetMethods()`. */
  listMethods(): Promise<ReadonlySet<string>> {
    this.methods ??= this.call('system.listMethods').then(
      (value) => new Set(Array.isArray(value) ? value.map(String) : []),
    );
    this.methods.catch(() => (this.methods = undefined));

    return this.methods;
  }

  /** Makes the next `listMethods()` ask again, after rTorrent may have been restarted. */
  forgetMethods(): void {
    this.methods = undefined;
  }

  private valueOf(method: string, reply: XmlRpcReply): XmlRpcValue {
    if ('fault' in reply) {
      const { faultCode, faultString } = reply.fault;
      throw new RtorrentFaultError(this.url, method, faultCode, faultString);
    }

    return reply.value;
  }

  private enqueue(
    method: string,
    params: XmlRpcParam[],
    decoding: XmlRpcReplyDecoderOptions,
  ): Promise<XmlRpcReply> {
    const run = (): Promise<XmlRpcReply> => this.send(method, params, decoding);
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);

    return result;
  }

  private async send(
    method: string,
    params: XmlRpcParam[],
    decoding: XmlRpcReplyDecoderOptions,
  ): Promise<XmlRpcReply> {
    const body = encodeMethodCall(method, params);
    const decoder = new XmlRpcReplyDecoder(decoding);
    const exchange: TransportReply<XmlRpcReply> =
      this.endpoint.kind === 'http'
        ? await sendOverHttp(this.endpoint, body, method, this.limits, decoder)
        : await sendOverScgi(this.endpoint, body, method, this.limits, decoder);
    this.bytesReceived += exchange.bytes;
    this.textsWithInvalidUtf8 += decoder.textsWithInvalidUtf8;

    return exchange.reply;
  }
}

function readOutcome(entry: XmlRpcValue): MulticallOutcome {
  if (Array.isArray(entry)) return { value: entry[0] ?? null };

  const isStruct = typeof entry === 'object' && entry !== null && !Buffer.isBuffer(entry);
  if (isStruct && 'faultCode' in entry) {
    return {
      fault: { faultCode: Number(entry['faultCode']), faultString: String(entry['faultString']) },
    };
  }

  return { value: entry };
}

function describeShape(value: XmlRpcValue): string {
  return Array.isArray(value) ? `${value.length} results` : typeof value;
}
