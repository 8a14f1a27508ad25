import type { RrdCatalog, RrdHost, RrdPlugin } from '../rrd/rrd-catalog.js';
import { readLastUpdates, type LastUpdate } from '../rrd/lastupdate.js';
import { rateKey, readLatestRates, type RateSource } from '../rrd/latest-rates.js';
import { readRrdInfo } from '../rrd/rrd-info.js';
import type { RrdtoolRunner } from '../rrd/rrdtool-runner.js';
import { dfInstance, findMountPoints } from './mount-point.js';

/** One sensor's newest value and when it was written. */
export interface Reading {
  /** null when the archive says unknown; never a made-up zero. */
  value: number | null;
  /** Seconds since the epoch. */
  time: number;
}

/** A reading, or null when the sensor has no file at all (missing, shown as —). */
export type MaybeReading = Reading | null;

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

type RtorrentKey = keyof typeof RTORRENT_SERIES;

export interface DiskUsage {
  /** The `disk_usage_path` entry that led here; null when every df mount is listed. */
  path: string | null;
  plugin: string;
  used: MaybeReading;
  free: MaybeReading;
  reserved: MaybeReading;
}

export interface TrackerReadings {
  domain: string;
  items: MaybeReading;
  messages: MaybeReading;
  rateUp: MaybeReading;
  rateDown: MaybeReading;
}

/** Everything the live page shows for one host and one rTorrent instance. */
export interface LiveSnapshot {
  host: string;
  /** The rTorrent plugin folder shown (`rtorrent`, `rtorrent-demo1`), null when there is none. */
  plugin: string | null;
  instance: string;
  now: number;
  /** The collection interval in seconds, from the RRD step; null when unknown. */
  interval: number | null;
  rtorrent: Record<RtorrentKey, MaybeReading> & {
    items: Record<(typeof ITEM_KINDS)[number], MaybeReading>;
    peers: Record<(typeof PEER_KINDS)[number], MaybeReading>;
  };
  system: {
    uptime: MaybeReading;
    /** Busy share of all CPUs (100 minus idle), from collectd's percent or jiffy series. */
    cpuPercent: MaybeReading;
    load: Record<'shortterm' | 'midterm' | 'longterm', MaybeReading>;
    /** By type instance: used, free, buffered, cached, slab_recl, slab_unrecl. */
    memory: Record<string, MaybeReading>;
    swap: Record<string, MaybeReading>;
    disks: DiskUsage[];
    /** Bytes per second, summed over whole disks (partitions left out so nothing counts twice). */
    diskIo: { read: MaybeReading; write: MaybeReading };
    /** Bytes per second, summed over interfaces other than loopback. */
    network: { rx: MaybeReading; tx: MaybeReading };
  };
  trackers: TrackerReadings[];
}

export interface LiveReaderOptions {
  catalog: RrdCatalog;
  runner: RrdtoolRunner;
  diskUsagePaths: string[];
}

/** Reads a live snapshot with two rrdtool processes: one pipe-mode lastupdate, one xport. */
export class LiveReader {
  readonly #options: LiveReaderOptions;
  readonly #steps = new Map<string, number>();

  constructor(options: LiveReaderOptions) {
    this.#options = options;
  }

  async read(
    host: RrdHost,
    rtorrent: RrdPlugin | undefined,
    nowMs: number = Date.now(),
  ): Promise<LiveSnapshot> {
    const now = Math.floor(nowMs / 1000);
    const gauges = new GaugeReads(host);
    const rates: RateSource[] = [];

    const rtorrentReads = planRtorrent(gauges, rtorrent);
    const systemReads = await this.#planSystem(gauges, rates, host);
    const trackerReads = planTrackers(gauges, host);

    const [lastUpdates, rateValues, interval] = await Promise.all([
      readLastUpdates(this.#options.runner, [...gauges.files]),
      readLatestRates(this.#options.runner, rates, now),
      this.#interval(rtorrent ?? host.plugins[0]),
    ]);
    const resolve: Resolver = {
      gauge: (file, ds = 'value') =>
        file === undefined ? null : toReading(lastUpdates.get(file), ds),
      rate: (source) => rateValues.get(rateKey(source)) ?? null,
    };

    return {
      host: host.name,
      plugin: rtorrent?.name ?? null,
      instance: rtorrent?.instance ?? '',
      now,
      interval,
      rtorrent: rtorrentReads(resolve),
      system: systemReads(resolve),
      trackers: trackerReads(resolve),
    };
  }

  async #planSystem(gauges: GaugeReads, rates: RateSource[], host: RrdHost) {
    const uptime = gauges.want('uptime', 'uptime');
    const load = gauges.want('load', 'load');
    const memory = gauges.wantAll('memory', 'memory');
    const swap = gauges.wantAll('swap', 'swap');
    const cpu = planCpu(gauges, rates, host);
    const disks = await this.#planDisks(gauges, host);
    const diskIo = planSums(rates, host, 'disk', 'disk_octets', ['read', 'write']);
    const network = planSums(rates, host, 'interface', 'if_octets', ['rx', 'tx']);

    return (resolve: Resolver): LiveSnapshot['system'] => ({
      uptime: resolve.gauge(uptime),
      cpuPercent: cpu(resolve),
      load: {
        shortterm: resolve.gauge(load, 'shortterm'),
        midterm: resolve.gauge(load, 'midterm'),
        longterm: resolve.gauge(load, 'longterm'),
      },
      memory: mapValues(memory, (file) => resolve.gauge(file)),
      swap: mapValues(swap, (file) => resolve.gauge(file)),
      disks: disks.map((disk) => ({
        path: disk.path,
        plugin: disk.plugin,
        used: resolve.gauge(disk.files.used),
        free: resolve.gauge(disk.files.free),
        reserved: resolve.gauge(disk.files.reserved),
      })),
      diskIo: { read: diskIo(resolve, 'read'), write: diskIo(resolve, 'write') },
      network: { rx: network(resolve, 'rx'), tx: network(resolve, 'tx') },
    });
  }

  async #planDisks(gauges: GaugeReads, host: RrdHost) {
    const dfPlugins = host.plugins.filter((plugin) => plugin.plugin === 'df');
    const mounts = await findMountPoints(this.#options.diskUsagePaths);
    const chosen: Array<{ path: string | null; plugin: RrdPlugin }> = [];
    for (const path of this.#options.diskUsagePaths) {
      const mount = mounts.get(path);
      const plugin = dfPlugins.find(
        (entry) => mount !== undefined && entry.instance === dfInstance(mount),
      );
      if (plugin !== undefined && !chosen.some((entry) => entry.plugin === plugin))
        chosen.push({ path, plugin });
    }

    // The archive may come from another machine, whose mounts this one cannot see.
    const shown = chosen.length > 0 ? chosen : dfPlugins.map((plugin) => ({ path: null, plugin }));

    return shown.map(({ path, plugin }) => ({
      path,
      plugin: plugin.name,
      files: {
        used: gauges.wantIn(plugin, 'df_complex-used'),
        free: gauges.wantIn(plugin, 'df_complex-free'),
        reserved: gauges.wantIn(plugin, 'df_complex-reserved'),
      },
    }));
  }

  async #interval(plugin: RrdPlugin | undefined): Promise<number | null> {
    const file = plugin?.series[0]?.file;
    if (file === undefined) return null;

    const known = this.#steps.get(file);
    if (known !== undefined) return known;

    // An unreadable file costs the page its interval, not the whole snapshot.
    const step = await readRrdInfo(this.#options.runner, file).then(
      (info) => info.step,
      () => Number.NaN,
    );
    if (Number.isFinite(step)) this.#steps.set(file, step);

    return Number.isFinite(step) ? step : null;
  }
}

/** Turns the files a plan asked for into readings, once rrdtool has answered. */
interface Resolver {
  gauge(file: string | undefined, ds?: string): MaybeReading;
  rate(source: RateSource): MaybeReading;
}

/** The files whose last update a snapshot needs, gathered before one batched rrdtool run. */
class GaugeReads {
  readonly files = new Set<string>();
  readonly #host: RrdHost;

  constructor(host: RrdHost) {
    this.#host = host;
  }

  /** The file of `<plugin folder>/<series>.rrd` on this host, if it exists. */
  want(pluginName: string, seriesName: string): string | undefined {
    const plugin = this.#host.plugins.find((entry) => entry.name === pluginName);

    return plugin === undefined ? undefined : this.wantIn(plugin, seriesName);
  }

  wantIn(plugin: RrdPlugin, seriesName: string): string | undefined {
    const file = plugin.series.find((series) => series.name === seriesName)?.file;
    if (file !== undefined) this.files.add(file);

    return file;
  }

  /** Every series of one type in a plugin folder, by type instance (`memory-used` → `used`). */
  wantAll(pluginName: string, type: string): Record<string, string> {
    const plugin = this.#host.plugins.find((entry) => entry.name === pluginName);
    const files: Record<string, string> = {};
    for (const series of plugin?.series ?? []) {
      if (series.type !== type) continue;

      files[series.typeInstance] = series.file;
      this.files.add(series.file);
    }

    return files;
  }
}

function planRtorrent(gauges: GaugeReads, rtorrent: RrdPlugin | undefined) {
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

function planTrackers(gauges: GaugeReads, host: RrdHost) {
  const trackers = host.plugins
    .filter((plugin) => plugin.plugin === 'rtorrent_tracker')
    .map((plugin) => ({
      domain: plugin.instance,
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

/**
 * The host's busy CPU share. collectd writes either percentages (`percent-idle`, with
 * ValuesPercentage) or jiffy counters (`cpu-idle`), per CPU folder or one `cpu` folder.
 */
function planCpu(gauges: GaugeReads, rates: RateSource[], host: RrdHost) {
  const folders = host.plugins.filter((plugin) => plugin.plugin === 'cpu');
  const percents = folders.flatMap((plugin) =>
    plugin.series.filter((series) => series.type === 'percent'),
  );
  if (percents.length > 0) {
    for (const series of percents) gauges.files.add(series.file);

    return (resolve: Resolver): MaybeReading => {
      const readings = percents.map((series) => ({ series, reading: resolve.gauge(series.file) }));
      const idle = readings.filter(({ series }) => series.typeInstance === 'idle');
      const total = sumReadings(readings.map(({ reading }) => reading));
      const idleSum = sumReadings(idle.map(({ reading }) => reading));

      return busyShare(total, idleSum);
    };
  }

  const jiffies = folders.flatMap((plugin) =>
    plugin.series.filter((series) => series.type === 'cpu'),
  );
  const sources = jiffies.map((series) => ({ series, source: { file: series.file, ds: 'value' } }));
  rates.push(...sources.map(({ source }) => source));

  return (resolve: Resolver): MaybeReading => {
    if (sources.length === 0) return null;

    const total = sumReadings(sources.map(({ source }) => resolve.rate(source)));
    const idle = sumReadings(
      sources
        .filter(({ series }) => series.typeInstance === 'idle')
        .map(({ source }) => resolve.rate(source)),
    );

    return busyShare(total, idle);
  };
}

/** Rates of one type summed over a plugin's folders (disks, interfaces), per data source. */
function planSums(
  rates: RateSource[],
  host: RrdHost,
  pluginName: string,
  type: string,
  dataSources: string[],
) {
  const folders = host.plugins.filter(
    (plugin) => plugin.plugin === pluginName && isCounted(plugin, host),
  );
  const files = folders.flatMap((plugin) => plugin.series.filter((series) => series.name === type));
  const sources = new Map(
    dataSources.map((ds) => [ds, files.map((series) => ({ file: series.file, ds }))]),
  );
  for (const list of sources.values()) rates.push(...list);

  return (resolve: Resolver, ds: string): MaybeReading => {
    const list = sources.get(ds) ?? [];

    return list.length === 0 ? null : sumReadings(list.map((source) => resolve.rate(source)));
  };
}

/** Leaves out loopback, and partitions whose whole disk is also reported (`sda1` beside `sda`). */
function isCounted(plugin: RrdPlugin, host: RrdHost): boolean {
  if (plugin.plugin === 'interface') return plugin.instance !== 'lo';

  if (plugin.plugin !== 'disk') return true;

  return !host.plugins.some(
    (other) =>
      other.plugin === 'disk' &&
      other.instance !== plugin.instance &&
      other.instance !== '' &&
      plugin.instance.startsWith(other.instance),
  );
}

function busyShare(total: MaybeReading, idle: MaybeReading): MaybeReading {
  if (total === null) return null;

  if (total.value === null || idle?.value === null || total.value <= 0)
    return { value: null, time: total.time };

  const idleValue = idle?.value ?? 0;

  return {
    value: (100 * (total.value - idleValue)) / total.value,
    time: Math.min(total.time, idle?.time ?? total.time),
  };
}

/** The sum of readings; unknown when any is unknown, and as old as the oldest. */
function sumReadings(readings: MaybeReading[]): MaybeReading {
  const present = readings.filter((reading): reading is Reading => reading !== null);
  if (present.length === 0) return null;

  const time = Math.min(...present.map((reading) => reading.time));
  if (present.some((reading) => reading.value === null)) return { value: null, time };

  return { value: present.reduce((sum, reading) => sum + (reading.value ?? 0), 0), time };
}

function toReading(update: LastUpdate | Error | undefined, ds: string): MaybeReading {
  if (update === undefined) return null;

  // A file rrdtool cannot read tells nothing, not even when it was written: shown as missing.
  if (update instanceof Error) return null;

  return { value: update.values[ds] ?? null, time: update.time };
}

function mapValues<T, U>(record: Record<string, T>, map: (value: T) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, map(value)]));
}
