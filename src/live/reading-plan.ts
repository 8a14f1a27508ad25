import type { RateSource } from '../rrd/latest-rates.js';
import type { RrdHost, RrdPlugin } from '../rrd/rrd-catalog.js';
import type { MaybeReading } from './reading.js';

/** Turns the files a plan asked for into readings, once rrdtool has answered. */
export interface Resolver {
  gauge(file: string | undefined, ds?: string): MaybeReading;
  rate(source: RateSource): MaybeReading;
}

/** The files whose last update a snapshot needs, gathered before one batched rrdtool run. */
export class GaugeReads {
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

/** The same keys, each value mapped. */
export function mapValues<T, U>(
  record: Record<string, T>,
  map: (value: T) => U,
): Record<string, U> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, map(value)]));
}
