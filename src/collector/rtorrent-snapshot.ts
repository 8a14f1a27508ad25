import type { ItemTotals } from './item-totals.js';
import type { ProcessSample } from './process-stats.js';

/** How many connected peers have each property. */
export interface PeerCounts {
  connected: number;
  encrypted: number;
  incoming: number;
  obfuscated: number;
  preferred: number;
  snubbed: number;
  unwanted: number;
}

/** Everything one poll read from rTorrent; a reading that was not available is undefined. */
export interface RtorrentSnapshot {
  globals: Record<string, number | string | undefined>;
  viewSizes: Map<string, number>;
  items: ItemTotals | undefined;
  peers: PeerCounts | undefined;
  process: ProcessSample | undefined;
  /** CPU use since the previous poll of the same process, in percent of one core. */
  cpuPercent: number | null;
  pollMilliseconds: number;
  replyBytes: number;
}
