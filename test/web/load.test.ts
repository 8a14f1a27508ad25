import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';

import { execa } from 'execa';

import { serveFixtureForFile } from '../helpers/served-fixture.js';

const AUTOCANNON = createRequire(import.meta.url).resolve('autocannon/autocannon.js');
const LOAD_DURATION_S = 3;
const LOAD_CONNECTIONS = 8;
/** The server's resident memory may grow this much under a run: caches fill, then stay. */
const MAX_RSS_GROWTH_BYTES = 64 * 1024 * 1024;

const served = serveFixtureForFile();

interface AutocannonResult {
  requests: { total: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}

const ROUTES = ['/api/live?host=seedbox', '/graph/seedbox/rtorrent/gauge-rate_up.png?range=day'];

for (const route of ROUTES) {
  test(`${route} holds ${LOAD_CONNECTIONS} connections for ${LOAD_DURATION_S} s from another process with no error`, async () => {
    // Warm up, so the run measures steady state rather than the first fill of the caches.
    await fetch(`${served.url}${route}`);
    const before = process.memoryUsage().rss;
    const { stdout } = await execa(process.execPath, [
      AUTOCANNON,
      '--json',
      '-c',
      String(LOAD_CONNECTIONS),
      '-d',
      String(LOAD_DURATION_S),
      `${served.url}${route}`,
    ]);
    const result = JSON.parse(stdout) as AutocannonResult;
    const growth = process.memoryUsage().rss - before;

    assert.deepEqual(
      { errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx },
      { errors: 0, timeouts: 0, non2xx: 0 },
    );
    // Proof that the load happened, not a speed target: throughput is the benchmark's to report.
    const minimumRequests = LOAD_CONNECTIONS * 2;
    assert.ok(
      result.requests.total >= minimumRequests,
      `only ${result.requests.total} requests were answered`,
    );
    assert.ok(growth < MAX_RSS_GROWTH_BYTES, `RSS grew by ${growth} bytes`);
    console.log(
      `${route}: ${result.requests.total} requests in ${LOAD_DURATION_S} s, RSS +${Math.round(growth / 1024)} KiB`,
    );
  });
}
