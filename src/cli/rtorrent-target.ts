import { toInstanceName } from '../collector/identifier.js';
import { loadConfig } from '../config/index.js';
import { UsageError } from './command.js';

/** Which rTorrent to watch, and the plugin instance its series are filed under. */
export interface RtorrentTarget {
  url: string;
  instance: string;
  /** The ini file that named `url`; undefined when `--url` did, or when `url` is the default. */
  urlFile: string | undefined;
}

/**
 * The flags win; without `--url`, the URL and instance come from the `[rtorrent]` section of the
 * ini file. With `--url` no file is read: collectd runs the collector as another user, with
 * collectd's own HOME, whose default ini file it may not be allowed to open.
 */
export async function resolveRtorrentTarget(flags: {
  url?: string;
  instance?: string;
  config?: string;
}): Promise<RtorrentTarget> {
  const config = flags.url === undefined ? await loadConfig({ file: flags.config }) : undefined;
  const url = flags.url ?? config?.rtorrent.url ?? '';
  if (url.trim() === '') throw new UsageError('--url must not be empty');

  const instance = flags.instance ?? config?.rtorrent.instance ?? '';

  return {
    url,
    instance: instance === '' ? '' : toInstanceName(instance),
    urlFile: config?.rtorrent.urlFile,
  };
}
