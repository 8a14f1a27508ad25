import type { ProcessSample } from './process-stats.js';

/** One item's fields that the sensors need. */
export interface ItemRow {
  hash: string;
  upRate: number;
  downRate: number;
  skipRate: number;
  sizeBytes: number;
  leftBytes: number;
  sizeFiles: number;
  message: string;
  peersConnected: number;
}

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
  items: ItemRow[] | undefined;
  /** The poller's own map, kept between polls: read it before the next poll, do not keep it. */
  trackerDomains: ReadonlyMap<string, string>;
  peers: PeerCounts | undefined;
  process: ProcessSample | undefined;
  /** CPU use since the previous poll of the same process, in percent of one core. */
  cpuPercent: number | null;
  pollMilliseconds: number;
  replyBytes: number;
}
