import { setTimeout as sleep } from 'node:timers/promises';

import { describeError } from '../describe-error.js';
import { RtorrentError } from '../rtorrent/errors.js';
import { RtorrentClient } from '../rtorrent/rtorrent-client.js';
import { timestampOf } from './poll-time.js';
import { formatPutnotif, formatPutval } from './putval.js';
import { RtorrentPoller } from './rtorrent-poller.js';
import { snapshotMetrics } from './snapshot-metrics.js';

// A call gets most of the interval, so that a slow rTorrent is abandoned before the next poll.
const CALL_SHARE_OF_INTERVAL = 0.8;
const MAX_CALL_TIMEOUT_MS = 30_000;

export interface CollectLoopOptions {
  url: string;
  instance: string;
  hostname: string;
  intervalSeconds: number;
  /** Poll once, then return. */
  once: boolean;
  /** Writes one protocol line for collectd (stdout). */
  emit(line: string): void;
  /** Tells the operator something they must act on (stderr, which collectd logs as errors). */
  warn(line: string): void;
  /** Ends the loop between polls. */
  signal?: AbortSignal;
}

/**
 * Polls rTorrent every interval and emits PUTVAL lines. When rTorrent cannot be reached it
 * emits nothing, so the archive records unknown; it says so once when rTorrent goes away and
 * once when it is back, each time also as a collectd notification. Resolves to false when the
 * last poll failed.
 */
export async function runCollectLoop(options: CollectLoopOptions): Promise<boolean> {
  const intervalMs = options.intervalSeconds * 1000;
  const timeoutMs = Math.min(MAX_CALL_TIMEOUT_MS, intervalMs * CALL_SHARE_OF_INTERVAL);
  const client = new RtorrentClient(options.url, { timeoutMs });
  const poller = new RtorrentPoller(client);
  let isReachable: boolean | undefined;
  // A poll abandoned at its deadline may still be waiting on rTorrent; the next one waits
  // for it, so that polls never overlap.
  let abandoned: Promise<unknown> | undefined;
  // Only a vanished rTorrent may come back as a new process with other commands; a slow one
  // keeps what was learned, so that its next poll is not a first one again.
  const forgetIfVanished = (error: unknown): void => {
    if (isConnectError(error)) poller.reset();
  };

  for (;;) {
    const startedAt = Date.now();
    const timeSeconds = timestampOf(startedAt, options.intervalSeconds);
    if (abandoned === undefined) {
      const poll = poller.poll();
      try {
        const snapshot = await withDeadline(poll, intervalMs, options.url);
        if (isReachable === false) {
          report(options, 'okay', timeSeconds, `rTorrent at ${options.url} is back`);
        }

        isReachable = true;
        for (const metric of snapshotMetrics(snapshot, options.instance)) {
          options.emit(
            formatPutval(options.hostname, metric, options.intervalSeconds, timeSeconds),
          );
        }
      } catch (error) {
        // Reset only once the abandoned poll has settled: until then it may write back what
        // a reset forgot.
        if (error instanceof PollDeadlineError) {
          abandoned = poll.catch(forgetIfVanished).finally(() => (abandoned = undefined));
        }

        forgetIfVanished(error);
        if (isReachable !== false) report(options, 'failure', timeSeconds, describeError(error));
        isReachable = false;
      }
    }

    if (options.once || options.signal?.aborted) return isReachable === true;

    const waitMs = Math.max(0, startedAt + intervalMs - Date.now());
    const isAborted = await sleep(waitMs, false, { signal: options.signal }).catch(() => true);
    if (isAborted) return isReachable === true;
  }
}

function report(
  options: CollectLoopOptions,
  severity: 'okay' | 'failure',
  timeSeconds: number,
  message: string,
): void {
  const firstLine = message.split('\n')[0] ?? message;
  options.warn(severity === 'okay' ? firstLine : `${firstLine}; writing nothing until it answers`);
  options.emit(
    formatPutnotif(options.hostname, options.instance, severity, timeSeconds, firstLine),
  );
}

/** Abandons a poll that cannot finish before the next one is due. */
async function withDeadline<T>(work: Promise<T>, deadlineMs: number, url: string): Promise<T> {
  const abandon = new AbortController();
  const timeout = sleep(deadlineMs, undefined, { signal: abandon.signal }).then(() => {
    throw new PollDeadlineError(url, deadlineMs);
  });
  timeout.catch(() => undefined);
  try {
    return await Promise.race([work, timeout]);
  } finally {
    abandon.abort();
  }
}

/** A poll that did not finish within its interval; the loop writes nothing for it. */
class PollDeadlineError extends Error {
  readonly code = 'ERR_POLL_DEADLINE';

  constructor(url: string, deadlineMs: number) {
    super(`poll of rTorrent at ${url} took longer than the ${deadlineMs} ms interval`);
    this.name = 'PollDeadlineError';
  }
}

function isConnectError(error: unknown): boolean {
  return error instanceof RtorrentError && error.code === 'ERR_RTORRENT_CONNECT';
}
