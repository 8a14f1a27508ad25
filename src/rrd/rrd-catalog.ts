import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

export const CATALOG_TTL_MS = 2_000;

/**
 * Names rtmon serves: what collectd writes for hosts, plugins, instances and types. Anything
 * else in the RRD folder (dot files, odd characters) is not listed, so it cannot be asked for.
 */
const SAFE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.@+,=~-]{0,254}$/;

/** One RRD file: `<host>/<plugin>[-<instance>]/<type>[-<type_instance>].rrd`. */
export interface RrdSeries {
  /** The file name without `.rrd`, e.g. `if_octets-traffic`. */
  name: string;
  type: string;
  typeInstance: string;
  file: string;
}

export interface RrdPlugin {
  /** The folder name, e.g. `rtorrent-demo1`. */
  name: string;
  plugin: string;
  instance: string;
  series: RrdSeries[];
}

export interface RrdHost {
  name: string;
  plugins: RrdPlugin[];
}

/** The RRD folder's hosts, plugins and series, listed from the files that exist. */
export class RrdCatalog {
  readonly rrdDir: string;
  readonly ttlMs: number;
  #listed: Promise<RrdHost[]> | undefined;
  #listedAt = 0;

  constructor(rrdDir: string, ttlMs: number = CATALOG_TTL_MS) {
    this.rrdDir = rrdDir;
    this.ttlMs = ttlMs;
  }

  /** Every host, sorted by name; re-read from disk at most once per `ttlMs`. */
  async hosts(): Promise<RrdHost[]> {
    if (this.#listed === undefined || Date.now() - this.#listedAt > this.ttlMs) {
      this.#listedAt = Date.now();
      this.#listed = listHosts(this.rrdDir);
    }

    return this.#listed;
  }

  async findHost(name: string): Promise<RrdHost | undefined> {
    return (await this.hosts()).find((host) => host.name === name);
  }

  async findPlugin(host: string, plugin: string): Promise<RrdPlugin | undefined> {
    return (await this.findHost(host))?.plugins.find((entry) => entry.name === plugin);
  }

  /** The series of that name, found among listed files: raw input never becomes a path. */
  async findSeries(host: string, plugin: string, name: string): Promise<RrdSeries | undefined> {
    return (await this.findPlugin(host, plugin))?.series.find((series) => series.name === name);
  }
}

/** Splits a collectd name at its first `-`: `cpu-0` is plugin `cpu`, instance `0`. */
export function splitCollectdName(name: string): { base: string; instance: string } {
  const dash = name.indexOf('-');
  if (dash === -1) return { base: name, instance: '' };

  return { base: name.slice(0, dash), instance: name.slice(dash + 1) };
}

async function listHosts(rrdDir: string): Promise<RrdHost[]> {
  const names = await listNames(rrdDir, 'directory');
  const hosts = await Promise.all(
    names.map(async (name) => ({ name, plugins: await listPlugins(join(rrdDir, name)) })),
  );

  return hosts.filter((host) => host.plugins.length > 0);
}

async function listPlugins(hostDir: string): Promise<RrdPlugin[]> {
  const names = await listNames(hostDir, 'directory');
  const plugins = await Promise.all(
    names.map(async (name) => {
      const { base, instance } = splitCollectdName(name);

      return { name, plugin: base, instance, series: await listSeries(join(hostDir, name)) };
    }),
  );

  return plugins.filter((plugin) => plugin.series.length > 0);
}

async function listSeries(pluginDir: string): Promise<RrdSeries[]> {
  const files = await listNames(pluginDir, 'file');

  return files
    .filter((file) => file.endsWith('.rrd'))
    .map((file) => {
      const name = file.slice(0, -'.rrd'.length);
      const { base, instance } = splitCollectdName(name);

      return { name, type: base, typeInstance: instance, file: join(pluginDir, file) };
    })
    .filter((series) => SAFE_NAME.test(series.name));
}

async function listNames(dir: string, kind: 'directory' | 'file'): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }

  return entries
    .filter((entry) => (kind === 'directory' ? entry.isDirectory() : entry.isFile()))
    .map((entry) => entry.name)
    .filter((name) => SAFE_NAME.test(name))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}
