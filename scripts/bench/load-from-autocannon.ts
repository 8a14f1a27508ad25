import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';

const run = promisify(execFile);
const AUTOCANNON = createRequire(import.meta.url).resolve('autocannon/autocannon.js');

export const LOAD_CONNECTIONS = 50;
export const LOAD_DURATION_S = 5;

export interface LoadFigures {
  requestsPerSecond: number;
  p99Ms: number;
  /** Answers that were errors, timeouts or not 2xx. */
  failures: number;
}

/**
 * Loads one URL from a second process (autocannon) with a fixed number of connections for a
 * fixed time, so the server under test does not share its event loop with the load.
 */
export async function loadWithAutocannon(url: string): Promise<LoadFigures> {
  const args = ['--json', '-c', String(LOAD_CONNECTIONS), '-d', String(LOAD_DURATION_S), url];
  const { stdout } = await run(process.execPath, [AUTOCANNON, ...args], {
    maxBuffer: 16 * 1024 * 1024,
  });
  const result = JSON.parse(stdout) as {
    requests: { average: number };
    latency: { p99: number };
    errors: number;
    timeouts: number;
    non2xx: number;
  };

  return {
    requestsPerSecond: result.requests.average,
    p99Ms: result.latency.p99,
    failures: result.errors + result.timeouts + result.non2xx,
  };
}
