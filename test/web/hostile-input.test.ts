import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import type { Hono } from 'hono';

import { createApp } from '../../src/web/create-app.js';
import { createRrdFixture, type RrdFixture } from '../helpers/rrd-fixture.js';

/** Text that tries to leave the RRD folder, or to speak rrdtool's own language. */
const PAYLOADS = [
  '../../../../etc/passwd',
  '..%2F..%2F..%2Fetc%2Fpasswd',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '%252e%252e%252fetc%252fpasswd',
  '..\\..\\etc\\passwd',
  '/etc/passwd',
  '.',
  '..',
  '.rrd',
  'load.rrd',
  'DEF:x=/etc/passwd:a:AVERAGE',
  'load:shortterm',
  'COMMENT:hello',
  'PRINT:v0:LAST:%s',
  '%0ADEF:x=/etc/passwd:a:AVERAGE',
  '%00',
  '--daemon=unix:/tmp/x',
  '-',
  '-1',
  '0',
  '99999999999999999999',
  '-99999999y',
  '1e9',
  'NaN',
  'now-1h',
  'end-1d',
  'constructor',
  '__proto__',
  '%ff%fe',
  '%E2%98%83',
  '<script>alert(1)</script>',
  '"quoted"',
  'a'.repeat(3000),
];

/** Where a payload goes: each request has one hostile part, every other part valid. */
const POSITIONS: Array<(payload: string) => string> = [
  (p) => `/graph/${p}/load/load.png`,
  (p) => `/graph/seedbox/${p}/load.png`,
  (p) => `/graph/seedbox/load/${p}.png`,
  (p) => `/graph/seedbox/load/${p}`,
  (p) => `/graph/seedbox/load/load.png?start=${p}`,
  (p) => `/graph/seedbox/load/load.png?end=${p}`,
  (p) => `/graph/seedbox/load/load.png?range=${p}`,
  (p) => `/graph/seedbox/load/load.png?width=${p}`,
  (p) => `/graph/seedbox/load/load.svg?height=${p}`,
  (p) => `/graph/seedbox/load/load.png?theme=${p}`,
  (p) => `/graph/seedbox/load/load.png?scale=${p}`,
  (p) => `/api/series?host=${p}&plugin=load&series=load`,
  (p) => `/api/series?host=seedbox&plugin=${p}&series=load`,
  (p) => `/api/series?host=seedbox&plugin=load&series=${p}`,
  (p) => `/api/series?host=seedbox&plugin=load&series=load&start=${p}&end=now`,
  (p) => `/api/series?host=seedbox&plugin=load&series=load&range=${p}`,
  (p) => `/api/series?host=seedbox&plugin=load&series=load&cf=${p}`,
  (p) => `/api/series?host=seedbox&plugin=load&series=load&format=${p}`,
  (p) => `/api/series?host=seedbox&plugin=load&series=load&maxrows=${p}`,
  (p) => `/api/live?host=${p}`,
  (p) => `/api/live?host=seedbox&instance=${p}`,
  (p) => `/assets/${p}`,
  (p) => `/${p}`,
];

let fixture: RrdFixture;
let app: Hono;

before(async () => {
  fixture = await createRrdFixture();
  app = createApp({ rrdDir: fixture.rrdDir });
});

after(async () => {
  await fixture?.remove();
});

test(`${PAYLOADS.length * POSITIONS.length} hostile requests are all answered 2xx or 4xx, none with a byte from outside the RRD folder`, async () => {
  const offenders: string[] = [];
  for (const position of POSITIONS) {
    for (const payload of PAYLOADS) {
      const path = position(payload);
      const response = await app.request(path);
      const body = Buffer.from(await response.arrayBuffer()).toString('latin1');
      if (response.status >= 500 || body.includes('root:x:0:0')) {
        offenders.push(`${response.status} ${path.slice(0, 120)}`);
      }
    }
  }

  assert.deepEqual(offenders, []);
});

test('over-long headers and URLs on a real socket are refused with 4xx, and the server keeps serving', async () => {
  const { serveApp } = await import('../helpers/serve-app.js');
  const served = await serveApp({ rrdDir: fixture.rrdDir });
  try {
    const longHeader = await fetch(`${served.url}/api/hosts`, {
      headers: { 'X-Filler': 'a'.repeat(20_000) },
    });
    const longUrl = await fetch(`${served.url}/api/live?host=${'a'.repeat(20_000)}`);
    const healthy = await fetch(`${served.url}/healthz`);

    assert.deepEqual([longHeader.status, longUrl.status, healthy.status], [431, 431, 200]);
  } finally {
    await served.close();
  }
});
