import { formatPutval } from '../../src/collector/putval.js';
import { RtorrentPoller } from '../../src/collector/rtorrent-poller.js';
import { snapshotMetrics } from '../../src/collector/snapshot-metrics.js';
import { RtorrentClient } from '../../src/rtorrent/rtorrent-client.js';

/** What a run of many polls used, measured after full garbage collections. */
export interface PollMemoryReport {
  polls: number;
  lines: number;
  elapsedMs: number;
  rssBefore: number;
  rssAfter: number;
  heapBefore: number;
  heapAfter: number;
}

/**
 * Polls `url` `warmUpPolls` times, then `polls` times more, formatting every PUTVAL line as
 * the collector does, and reports memory before and after the measured polls. Runs in a
 * process of its own started with `--expose-gc`, so the peer's memory is not counted.
 */
export async function pollRepeatedly(
  url: string,
  warmUpPolls: number,
  polls: number,
): Promise<PollMemoryReport> {
  const poller = new RtorrentPoller(new RtorrentClient(url, { timeoutMs: 5_000 }));
  const pollAndFormat = async (): Promise<number> => {
    const metrics = snapshotMetrics(await poller.poll(), '');

    return metrics.map((metric) => formatPutval('test', metric, 1, 0)).length;
  };

  for (let poll = 0; poll < warmUpPolls; poll++) await pollAndFormat();
  const before = settledMemory();
  const startedAt = Date.now();
  let lines = 0;
  for (let poll = 0; poll < polls; poll++) lines += await pollAndFormat();
  const elapsedMs = Date.now() - startedAt;
  const after = settledMemory();

  return {
    polls,
    lines,
    elapsedMs,
    rssBefore: before.rss,
    rssAfter: after.rss,
    heapBefore: before.heapUsed,
    heapAfter: after.heapUsed,
  };
}

/** Memory after two full collections, so that only what is still held counts. */
function settledMemory(): NodeJS.MemoryUsage {
  const collectGarbage = (globalThis as { gc?: () => void }).gc;
  if (collectGarbage === undefined) throw new Error('run node with --expose-gc');

  collectGarbage();
  collectGarbage();

  return process.memoryUsage();
}
