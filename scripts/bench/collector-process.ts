import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

import { COLLECTOR_NODE_FLAGS } from '../../src/collector/collector-node-flags.js';
import { readPeakRssBytes } from './proc-status.js';

const CLI_PATH = fileURLToPath(new URL('../../../dist/cli.js', import.meta.url));
// The time is whole seconds, or has decimals when the interval has.
const POLL_LINE = /\/response_time-poll" interval=\S+ \d+(?:\.\d+)?:(\d+(?:\.\d+)?)$/;

/** What one run of `rtmon collect` as its own process showed. */
export interface CollectorRun {
  polls: number;
  /** Polls that failed, each announced by a PUTNOTIF line. */
  failures: number;
  peakRssBytes: number;
  /** The poll times the collector reported of itself (`response_time-poll`), in ms. */
  pollTimesMs: number[];
}

/**
 * Runs `rtmon collect` against `url` as collectd would, every `intervalSeconds`, until it has
 * polled `polls` times, then reads its peak resident set (VmHWM) and stops it.
 */
export function runCollectorProcess(
  url: string,
  polls: number,
  intervalSeconds: number,
): Promise<CollectorRun> {
  // Started the way collectd's Exec line starts it, V8 options included.
  const args = [...COLLECTOR_NODE_FLAGS, CLI_PATH, 'collect', '--url', url];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, COLLECTD_INTERVAL: String(intervalSeconds), COLLECTD_HOSTNAME: 'bench' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const run: CollectorRun = { polls: 0, failures: 0, peakRssBytes: 0, pollTimesMs: [] };

  return new Promise((resolve, reject) => {
    let isDone = false;
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      if (isDone) return;

      if (line.startsWith('PUTNOTIF') && line.includes('severity=failure')) run.failures++;
      const match = POLL_LINE.exec(line);
      if (match === null) return;

      run.polls++;
      run.pollTimesMs.push(Number(match[1]));
      if (run.polls < polls) return;

      isDone = true;
      readPeakRssBytes(child.pid as number).then((bytes) => {
        run.peakRssBytes = bytes;
        child.kill('SIGTERM');
      }, reject);
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (isDone && run.peakRssBytes > 0) return resolve(run);

      reject(new Error(`rtmon collect exited early (${code ?? signal}) after ${run.polls} polls`));
    });
  });
}
