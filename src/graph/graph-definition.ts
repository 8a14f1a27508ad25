import type { RrdPlugin, RrdSeries } from '../rrd/rrd-catalog.js';
import { GROUP_PREFIX, type SeriesGroup } from './series-group.js';

/** One data source drawn as a line, in its own colour slot, optionally scaled first. */
export interface GraphLine {
  /** The RRD file, when lines of one graph come from several files. */
  file?: string;
  ds: string;
  label: string;
  /** Multiplies each value (8 for bytes to bits, 1e-4 for µs/s to percent). */
  scale?: number;
}

/** What rrdtool is asked to draw for one series. */
export interface GraphDefinition {
  title: string;
  verticalLabel: string;
  lines: GraphLine[];
  /** 1024 for sizes in bytes, so `k` means KiB on the axis. */
  base: 1000 | 1024;
  /** Lines stack as filled areas, for parts of one whole (memory states). */
  stacked?: boolean;
}

interface TypeStyle {
  label: string;
  base?: 1024;
  scale?: number;
  /** Names for data sources, by DS name; unnamed ones keep their DS name. */
  names?: Record<string, string>;
}

/**
 * How each collectd type from types.db that rtmon or the bundled collectd configuration writes
 * is drawn. A type missing here still gets a graph: one line per data source, unit unknown.
 */
const TYPE_STYLES: Record<string, TypeStyle> = {
  bytes: { label: 'bytes', base: 1024 },
  count: { label: 'count' },
  cpu: { label: 'jiffies/s' },
  current_connections: { label: 'connections' },
  df_complex: { label: 'bytes', base: 1024 },
  disk_io_time: { label: 'ms/s' },
  disk_merged: { label: 'merged ops/s', names: { read: 'read', write: 'write' } },
  disk_octets: { label: 'bytes/s', base: 1024, names: { read: 'read', write: 'write' } },
  disk_ops: { label: 'ops/s', names: { read: 'read', write: 'write' } },
  disk_time: { label: 'ms/op', names: { read: 'read', write: 'write' } },
  file_handles: { label: 'open files' },
  fork_rate: { label: 'forks/s' },
  gauge: { label: 'value' },
  if_dropped: { label: 'packets/s', names: { rx: 'in', tx: 'out' } },
  if_errors: { label: 'errors/s', names: { rx: 'in', tx: 'out' } },
  if_octets: { label: 'bits/s', scale: 8, names: { rx: 'in', tx: 'out' } },
  if_packets: { label: 'packets/s', names: { rx: 'in', tx: 'out' } },
  load: { label: 'load', names: { shortterm: '1 min', midterm: '5 min', longterm: '15 min' } },
  memory: { label: 'bytes', base: 1024 },
  percent: { label: 'percent' },
  ps_code: { label: 'bytes', base: 1024 },
  ps_count: { label: 'count' },
  ps_cputime: { label: 'percent of a CPU', scale: 1e-4, names: { user: 'user', syst: 'system' } },
  ps_data: { label: 'bytes', base: 1024 },
  ps_disk_octets: { label: 'bytes/s', base: 1024 },
  ps_disk_ops: { label: 'ops/s' },
  ps_pagefaults: { label: 'faults/s', names: { minflt: 'minor', majflt: 'major' } },
  ps_rss: { label: 'bytes', base: 1024 },
  ps_stacksize: { label: 'bytes', base: 1024 },
  ps_state: { label: 'processes' },
  ps_vm: { label: 'bytes', base: 1024 },
  response_time: { label: 'seconds' },
  swap: { label: 'bytes', base: 1024 },
  swap_io: { label: 'pages/s' },
  uptime: { label: 'days', scale: 1 / 86_400 },
};

/** rtmon's own series read better in bytes/s (what rTorrent shows) than in bits/s. */
const RTORRENT_STYLES: Record<string, TypeStyle> = {
  if_octets: { label: 'bytes/s', base: 1024, names: { rx: 'down', tx: 'up' } },
  gauge: { label: 'bytes/s', base: 1024 },
};

const PLUGIN_TITLES: Record<string, string> = {
  cpu: 'CPU',
  df: 'disk space',
  disk: 'disk',
  interface: 'interface',
  load: 'system load',
  memory: 'memory',
  processes: 'processes',
  rtorrent: 'rTorrent',
  rtorrent_tracker: 'tracker',
  swap: 'swap',
  uptime: 'uptime',
};

/** The graph for one series, from its type and the data sources `rrdtool info` lists. */
export function defineGraph(
  plugin: RrdPlugin,
  series: RrdSeries,
  dataSources: string[],
): GraphDefinition {
  const style = styleFor(plugin, series.type);
  const single = dataSources.length === 1;
  const lines = dataSources.map((ds) => ({
    ds,
    label: single ? seriesLabel(series) : (style.names?.[ds] ?? ds),
    ...(style.scale === undefined ? {} : { scale: style.scale }),
  }));

  return {
    title: graphTitle(plugin, series),
    verticalLabel: style.label,
    lines,
    base: style.base ?? 1000,
  };
}

/** The graph of a group: one line (or stacked area) per series, named by its instance. */
export function defineGroupGraph(plugin: RrdPlugin, group: SeriesGroup): GraphDefinition {
  const style = styleFor(plugin, group.type);
  // `+count-items` is about items: its lines are named by what follows `items_`.
  const topic = group.name.slice(GROUP_PREFIX.length + group.type.length + 1);
  const lines = group.series.map((series) => ({
    file: series.file,
    ds: 'value',
    label: (topic === ''
      ? series.typeInstance
      : series.typeInstance.slice(topic.length + 1)
    ).replace(/_/g, ' '),
    ...(style.scale === undefined ? {} : { scale: style.scale }),
  }));
  const pluginTitle = PLUGIN_TITLES[plugin.plugin] ?? plugin.plugin;
  const where = plugin.instance === '' ? pluginTitle : `${pluginTitle} ${plugin.instance}`;

  return {
    title: topic === '' ? where : `${where}: ${topic.replace(/_/g, ' ')}`,
    verticalLabel: style.label,
    lines,
    base: style.base ?? 1000,
    stacked: group.stacked,
  };
}

function styleFor(plugin: RrdPlugin, type: string): TypeStyle {
  const rtorrentStyle = plugin.plugin.startsWith('rtorrent') ? RTORRENT_STYLES[type] : undefined;

  return rtorrentStyle ?? TYPE_STYLES[type] ?? { label: '' };
}

/** A title like `rTorrent demo1: items seeding (count)` or `interface eth0: if_octets`. */
export function graphTitle(plugin: RrdPlugin, series: RrdSeries): string {
  const pluginTitle = PLUGIN_TITLES[plugin.plugin] ?? plugin.plugin;
  const where = plugin.instance === '' ? pluginTitle : `${pluginTitle} ${plugin.instance}`;
  const what = series.typeInstance === '' ? series.type : `${seriesLabel(series)} (${series.type})`;

  return `${where}: ${what}`;
}

function seriesLabel(series: RrdSeries): string {
  return (series.typeInstance || series.type).replace(/_/g, ' ');
}
