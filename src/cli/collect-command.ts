import { hostname } from 'node:os';

import { runCollectLoop } from '../collector/collect-loop.js';
import type { Command } from './command.js';
import { UsageError } from './command.js';
import { parseFlags } from './parse-flags.js';
import { resolveRtorrentTarget } from './rtorrent-target.js';

const DEFAULT_INTERVAL_SECONDS = 10;
// collectd gives no other sign that it went away; when it does, the collector is re-parented.
const PARENT_CHECK_MS = 500;

export const collectCommand: Command = {
  usage: 'rtmon collect [--url URL] [--instance NAME] [--config FILE] [--once]',
  async run(args) {
    const flags = parseFlags(args, {
      url: { type: 'string' },
      instance: { type: 'string' },
      config: { type: 'string' },
      once: { type: 'boolean' },
    });
    const { url, instance } = await resolveRtorrentTarget(flags);
    const intervalSeconds = readInterval(process.env['COLLECTD_INTERVAL']);
    const stop = new AbortController();
    stopWhenCollectdGoes(stop);

    const isReachable = await runCollectLoop({
      url,
      instance,
      hostname: process.env['COLLECTD_HOSTNAME'] || hostname(),
      intervalSeconds,
      once: flags.once ?? false,
      emit: (line) => process.stdout.write(`${line}\n`),
      warn: (line) => process.stderr.write(`rtmon collect: ${line}\n`),
      signal: stop.signal,
    });

    return flags.once && !isReachable ? 1 : 0;
  },
};

function readInterval(text: string | undefined): number {
  if (text === undefined || text === '') return DEFAULT_INTERVAL_SECONDS;

  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new UsageError(`COLLECTD_INTERVAL must be a positive number of seconds, got '${text}'`);
  }

  return seconds;
}

/** Ends the loop on SIGTERM or SIGINT, when stdout is closed, or when collectd has died. */
function stopWhenCollectdGoes(stop: AbortController): void {
  const exit = (): void => {
    stop.abort();
    process.exit(0);
  };
  process.once('SIGTERM', exit);
  process.once('SIGINT', exit);
  process.stdout.on('error', exit);

  const parent = process.ppid;
  const watcher = setInterval(() => {
    if (process.ppid !== parent) exit();
  }, PARENT_CHECK_MS);
  watcher.unref();
}
