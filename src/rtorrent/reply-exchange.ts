import {
  RtorrentMalformedReplyError,
  RtorrentReplyTooLargeError,
  RtorrentTimeoutError,
  type RtorrentError,
} from './errors.js';
import type { ReplyLimits, TransportReply } from './reply-limits.js';
import type { XmlRpcReplyDecoder } from './xmlrpc-reply-decoder.js';
import type { XmlRpcReply } from './xmlrpc-value.js';

/**
 * The part of one call that every transport shares: the deadline, the reply-size cap, the
 * decoder the reply bytes stream into, and settling the call's promise exactly once.
 */
export class ReplyExchange {
  bytes = 0;
  private isSettled = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly url: string,
    private readonly method: string,
    private readonly limits: ReplyLimits,
    /** Where the reply's bytes go as they arrive. */
    readonly decoder: XmlRpcReplyDecoder,
    private readonly settle: {
      resolve(reply: TransportReply<XmlRpcReply>): void;
      reject(error: RtorrentError): void;
      /** Drops the connection, whichever way the call ended. */
      close(): void;
    },
  ) {
    this.timer = setTimeout(() => {
      this.fail(new RtorrentTimeoutError(url, method, limits.timeoutMs));
    }, limits.timeoutMs);
  }

  /** Counts a chunk against the cap and hands it to `consume`; a decoding error ends the call. */
  receive(chunk: Buffer, consume: (chunk: Buffer) => void): void {
    this.bytes += chunk.length;
    if (this.bytes > this.limits.maxReplyBytes) {
      return this.fail(
        new RtorrentReplyTooLargeError(this.url, this.method, this.limits.maxReplyBytes),
      );
    }

    this.attempt(() => consume(chunk));
  }

  /** The reply is complete: decode its end and resolve the call. */
  finish(): void {
    this.attempt(() => {
      const reply = this.decoder.end();
      this.end(() => this.settle.resolve({ reply, bytes: this.bytes }));
    });
  }

  fail(error: RtorrentError): void {
    this.end(() => this.settle.reject(error));
  }

  /** A reply the decoder or the transport found malformed. */
  malformed(reason: string, cause?: unknown): void {
    this.fail(new RtorrentMalformedReplyError(this.url, reason, { cause }));
  }

  private attempt(work: () => void): void {
    try {
      work();
    } catch (error) {
      this.malformed(error instanceof Error ? error.message : String(error), error);
    }
  }

  private end(report: () => void): void {
    if (this.isSettled) return;

    this.isSettled = true;
    clearTimeout(this.timer);
    this.settle.close();
    report();
  }
}
