import { readTrackerDomain } from '../collector/tracker-plugin-instance.js';
import type { RrdHost, RrdPlugin } from '../rrd/rrd-catalog.js';
import type { LiveSnapshot } from './live-snapshot.js';
import type { MaybeReading } from './reading.js';
import { mapValues, type GaugeReads, type Resolver } from './reading-plan.js';

export const ITEM_KINDS = [
  'total',
  'transferring',
  'messages',
  'complete',
  'incomplete',
  'seeding',
  'leeching',
  'started',
  'stopped',
  'active',
  'hashing',
] as const;

export const PEER_KINDS = [
  'connected',
  'encrypted',
  'incoming',
  'obfuscated',
  'preferred',
  'snubbed',
  'unwanted',
] as const;

/** rTorrent's single-value sensors: snapshot key, then series name. */
const RTORRENT_SERIES = {
  uptime: 'uptime',
  rateUp: 'gauge-rate_up',
  rateDown: 'gauge-rate_down',
  rateSkip: 'gauge-rate_skip',
  sockets: 'current_connections-sockets',
  http: 'current_connections-http',
  openFiles: 'file_handles-open',
  memoryPieces: 'memory-pieces',
  cpuPercent: 'percent-cpu',
  memoryPercent: 'percent-memory',
  rss: 'ps_rss',
  vm: 'ps_vm',
  sizeTotal: 'bytes-size_total',
  leftTotal: 'bytes-left_total',
  files: 'count-files_total',
  pollSeconds: 'response_time-poll',
  responseBytes: 'bytes-response',
} as const;

export type RtorrentKey = keyof typeof RTORRENT_SERIES;

export interface TrackerReadings {
  domain: string;
  items: MaybeReading;
  messages: MaybeReading;
  rateUp: MaybeReading;
  rateDown: MaybeReading;
}

/** Asks for every rTorrent sensor file; the answer becomes the snapshot's `rtorrent` part. */
export function planRtorrent(gauges: GaugeReads, rtorrent: RrdPlugin | undefined) {
  const want = (name: string) =>
    rtorrent === undefined ? undefined : gauges.wantIn(rtorrent, name);
  const singles = mapValues(RTORRENT_SERIES, (name) => want(name));
  const items = Object.fromEntries(ITEM_KINDS.map((kind) => [kind, want(`count-items_${kind}`)]));
  const peers = Object.fromEntries(PEER_KINDS.map((kind) => [kind, want(`count-peers_${kind}`)]));

  return (resolve: Resolver): LiveSnapshot['rtorrent'] => ({
    ...(mapValues(singles, (file) => resolve.gauge(file)) as Record<RtorrentKey, MaybeReading>),
    items: mapValues(items, (file) => resolve.gauge(file)) as LiveSnapshot['rtorrent']['items'],
    peers: mapValues(peers, (file) => resolve.gauge(file)) as LiveSnapshot['rtorrent']['peers'],
  });
}

/**
 * Asks for the files of every tracker of one rTorrent instance: `rtorrent_tracker-<domain>`
 * folders, or `rtorrent_tracker-<instance>_<domain>` for a named instance.
 */
export function planTrackers(gauges: GaugeReads, host: RrdHost, instance: string) {
  const instances = new Set(
    host.plugins
      .filter((plugin) => plugin.plugin === 'rtorrent' && plugin.instance !== '')
      .map((plugin) => plugin.instance),
  );
  const trackers = host.plugins
    .filter((plugin) => plugin.plugin === 'rtorrent_tracker')
    .map((plugin) => ({ plugin, domain: readTrackerDomain(plugin.instance, instance, instances) }))
    .filter((tracker): tracker is { plugin: RrdPlugin; domain: string } => !!tracker.domain)
    .map(({ plugin, domain }) => ({
      domain,
      items: gauges.wantIn(plugin, 'count-items'),
      messages: gauges.wantIn(plugin, 'count-messages'),
      rateUp: gauges.wantIn(plugin, 'gauge-rate_up'),
      rateDown: gauges.wantIn(plugin, 'gauge-rate_down'),
    }));

  return (resolve: Resolver): TrackerReadings[] =>
    trackers.map((tracker) => ({
      domain: tracker.domain,
      items: resolve.gauge(tracker.items),
      messages: resolve.gauge(tracker.messages),
      rateUp: resolve.gauge(tracker.rateUp),
      rateDown: resolve.gauge(tracker.rateDown),
    }));
}
