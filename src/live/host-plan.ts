import type { RateSource } from '../rrd/latest-rates.js';
import type { RrdHost, RrdPlugin } from '../rrd/rrd-catalog.js';
import type { LiveSnapshot } from './live-snapshot.js';
import { dfInstance, findMountPoints } from './mount-point.js';
import { sumReadings, type MaybeReading } from './reading.js';
import { mapValues, type GaugeReads, type Resolver } from './reading-plan.js';

export interface DiskUsage {
  /** The `disk_usage_path` entry that led here; null when every df mount is listed. */
  path: string | null;
  plugin: string;
  used: MaybeReading;
  free: MaybeReading;
  reserved: MaybeReading;
}

/** Asks for the host's sensor files; the answer becomes the snapshot's `system` part. */
export async function planHost(
  gauges: GaugeReads,
  rates: RateSource[],
  host: RrdHost,
  diskUsagePaths: string[],
) {
  const uptime = gauges.want('uptime', 'uptime');
  const load = gauges.want('load', 'load');
  const memory = gauges.wantAll('memory', 'memory');
  const swap = gauges.wantAll('swap', 'swap');
  const cpu = planCpu(gauges, rates, host);
  const disks = await planDisks(gauges, host, diskUsagePaths);
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

/**
 * The df folders of the mount points that hold `disk_usage_path`'s paths, in their order; all df
 * folders when none of them is in the archive.
 */
async function planDisks(gauges: GaugeReads, host: RrdHost, diskUsagePaths: string[]) {
  const dfPlugins = host.plugins.filter((plugin) => plugin.plugin === 'df');
  const mounts = await findMountPoints(diskUsagePaths);
  const chosen: Array<{ path: string | null; plugin: RrdPlugin }> = [];
  for (const path of diskUsagePaths) {
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

/**
 * Leaves out loopback and ifb mirrors, and partitions whose whole disk is also reported
 * (`sda1` beside `sda`).
 */
function isCounted(plugin: RrdPlugin, host: RrdHost): boolean {
  // ifb devices mirror other interfaces' traffic for shaping; counting them would count it twice.
  if (plugin.plugin === 'interface')
    return plugin.instance !== 'lo' && !plugin.instance.startsWith('ifb');

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
