import { readLastUpdates } from '../rrd/lastupdate.js';
import { rateKey, readLatestRates, type RateSource } from '../rrd/latest-rates.js';
import type { RrdCatalog, RrdHost, RrdPlugin } from '../rrd/rrd-catalog.js';
import { readRrdInfo } from '../rrd/rrd-info.js';
import type { RrdtoolRunner } from '../rrd/rrdtool-runner.js';
import { planHost, type DiskUsage } from './host-plan.js';
import { toReading, type MaybeReading } from './reading.js';
import { GaugeReads, type Resolver } from './reading-plan.js';
import {
  ITEM_KINDS,
  PEER_KINDS,
  planRtorrent,
  planTrackers,
  type RtorrentKey,
  type TrackerReadings,
} from './rtorrent-plan.js';

export type { MaybeReading, Reading } from './reading.js';

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
    const systemReads = await planHost(gauges, rates, host, this.#options.diskUsagePaths);
    const trackerReads = planTrackers(gauges, host, rtorrent?.instance ?? '');

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
