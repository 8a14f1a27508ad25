import { toIdentifierPart } from './identifier.js';
import { rtorrentMetric, type Metric } from './metric.js';
import { formatTrackerPluginInstance } from './tracker-plugin-instance.js';
import type { ItemTotals } from './item-totals.js';
import type { RtorrentSnapshot } from './rtorrent-snapshot.js';

/** Built-in views whose sizes are the item counts by state, `count-items_<view>`. */
export const STATE_VIEWS = [
  'started',
  'stopped',
  'complete',
  'incomplete',
  'seeding',
  'leeching',
  'active',
  'hashing',
];

/** Turns one poll's readings into collectd value lists; what was not read is left out. */
export function snapshotMetrics(snapshot: RtorrentSnapshot, instance: string): Metric[] {
  return [
    ...viewMetrics(snapshot, instance),
    ...itemMetrics(snapshot.items, instance),
    ...globalMetrics(snapshot, instance),
    ...processMetrics(snapshot, instance),
    ...peerMetrics(snapshot, instance),
    ...trackerMetrics(snapshot, instance),
    // Seconds, as collectd's own response_time series (the curl plugins') are.
    rtorrentMetric(instance, 'response_time', 'poll', round(snapshot.pollMilliseconds / 1000)),
    rtorrentMetric(instance, 'bytes', 'response', snapshot.replyBytes),
  ];
}

function viewMetrics(snapshot: RtorrentSnapshot, instance: string): Metric[] {
  const metrics: Metric[] = [];
  for (const [view, size] of snapshot.viewSizes) {
    if (view === 'main') metrics.push(rtorrentMetric(instance, 'count', 'items_total', size));
    else if (STATE_VIEWS.includes(view)) {
      metrics.push(rtorrentMetric(instance, 'count', `items_${view}`, size));
    } else {
      metrics.push(rtorrentMetric(instance, 'count', `view_${toIdentifierPart(view)}`, size));
    }
  }

  return metrics;
}

function itemMetrics(items: ItemTotals | undefined, instance: string): Metric[] {
  if (items === undefined) return [];

  return [
    rtorrentMetric(instance, 'count', 'items_messages', items.withMessages),
    rtorrentMetric(instance, 'count', 'items_transferring', items.transferring),
    rtorrentMetric(instance, 'bytes', 'size_total', items.sizeBytes),
    rtorrentMetric(instance, 'bytes', 'left_total', items.leftBytes),
    rtorrentMetric(instance, 'count', 'files_total', items.files),
    rtorrentMetric(instance, 'gauge', 'rate_skip', items.skipRate),
  ];
}

function globalMetrics(snapshot: RtorrentSnapshot, instance: string): Metric[] {
  const globals = snapshot.globals;
  const metrics: Metric[] = [];
  const add = (type: string, typeInstance: string, ...names: string[]): void => {
    const values = names.map((name) => globals[name]);
    if (values.every((value) => typeof value === 'number')) {
      metrics.push(rtorrentMetric(instance, type, typeInstance, ...(values as number[])));
    }
  };

  add('if_octets', 'traffic', 'downTotal', 'upTotal');
  add('gauge', 'rate_up', 'upRate');
  add('gauge', 'rate_down', 'downRate');
  add('current_connections', 'sockets', 'openSockets');
  add('current_connections', 'http', 'openHttp');
  add('memory', 'pieces', 'pieceMemory');
  metrics.push(...openFilesMetric(globals, instance));
  metrics.push(...uptimeMetric(snapshot, instance));

  return metrics;
}

/** rTorrent 0.9.8 has no open-files reading, but it counts files opened and closed. */
function openFilesMetric(globals: RtorrentSnapshot['globals'], instance: string): Metric[] {
  const { openFiles, filesOpened, filesClosed } = globals;
  if (typeof openFiles === 'number') {
    return [rtorrentMetric(instance, 'file_handles', 'open', openFiles)];
  }

  if (typeof filesOpened !== 'number' || typeof filesClosed !== 'number') return [];

  return [rtorrentMetric(instance, 'file_handles', 'open', filesOpened - filesClosed)];
}

/** Newer releases say when they started; for 0.9.8 the process' start time tells. */
function uptimeMetric(snapshot: RtorrentSnapshot, instance: string): Metric[] {
  const { time, startupTime } = snapshot.globals;
  if (typeof time === 'number' && typeof startupTime === 'number' && startupTime > 0) {
    return [rtorrentMetric(instance, 'uptime', '', time - startupTime)];
  }

  const ageSeconds = snapshot.process?.ageSeconds;
  if (ageSeconds === undefined) return [];

  return [rtorrentMetric(instance, 'uptime', '', Math.round(ageSeconds))];
}

function processMetrics(snapshot: RtorrentSnapshot, instance: string): Metric[] {
  const process = snapshot.process;
  if (process === undefined) return [];

  const metrics = [
    rtorrentMetric(
      instance,
      'ps_cputime',
      '',
      Math.round(process.userMicroseconds),
      Math.round(process.systemMicroseconds),
    ),
    rtorrentMetric(instance, 'ps_rss', '', process.residentBytes),
    rtorrentMetric(instance, 'ps_vm', '', process.virtualBytes),
  ];
  if (process.memoryTotalBytes > 0) {
    const percent = (process.residentBytes / process.memoryTotalBytes) * 100;
    metrics.push(rtorrentMetric(instance, 'percent', 'memory', round(percent)));
  }

  if (snapshot.cpuPercent !== null) {
    metrics.push(rtorrentMetric(instance, 'percent', 'cpu', round(snapshot.cpuPercent)));
  }

  return metrics;
}

function peerMetrics(snapshot: RtorrentSnapshot, instance: string): Metric[] {
  const peers = snapshot.peers;
  if (peers === undefined) return [];

  return Object.entries(peers).map(([kind, count]) =>
    rtorrentMetric(instance, 'count', `peers_${kind}`, count),
  );
}

/** Per tracker domain, under the `rtorrent_tracker` plugin: items, messages, rates. */
function trackerMetrics(snapshot: RtorrentSnapshot, instance: string): Metric[] {
  if (snapshot.items === undefined) return [];

  const metrics: Metric[] = [];
  const trackers = [...snapshot.items.trackers].sort(([a], [b]) => a.localeCompare(b));
  for (const [domain, total] of trackers) {
    const pluginInstance = formatTrackerPluginInstance(instance, toIdentifierPart(domain));
    const metric = (type: string, typeInstance: string, value: number): Metric => ({
      plugin: 'rtorrent_tracker',
      pluginInstance,
      type,
      typeInstance,
      values: [value],
    });
    metrics.push(
      metric('count', 'items', total.items),
      metric('count', 'messages', total.messages),
      metric('gauge', 'rate_up', total.upRate),
      metric('gauge', 'rate_down', total.downRate),
    );
  }

  return metrics;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
