import assert from 'node:assert/strict';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';

import { execa } from 'execa';
import type { Hono } from 'hono';

import { createApp } from '../../src/web/create-app.js';
import { createRrdFixture, type RrdFixture } from '../helpers/rrd-fixture.js';

/** Planted next to the RRD folder: no answer may ever hold either. */
const SECRET_TEXT = 'SECRET-7f3a9c-never-served';
const SECRET_VALUE = 31337.25;

/** Names that lead out of the RRD folder, as typed, encoded, double-encoded and split by lines. */
const ESCAPES = [
  '..',
  '../secret.txt',
  '../secret',
  '../secrethost',
  '../../secrethost/load/load',
  '..%2fsecrethost',
  '..%2Fsecret.txt',
  '%2e%2e%2fsecret',
  '%2e%2e/secrethost',
  '%252e%252e%252fsecrethost',
  '%25252e%25252e%25252fsecret.txt',
  '..%5csecrethost',
  '..%c0%afsecrethost',
  '.%2e/secret',
  'linkhost',
  'linkplugin',
  'linked',
  'linked.rrd',
  'seedbox%2F..%2F..%2Fsecrethost',
  'load%0A..%2Fsecret',
  'load%0D%0ADEF:x=../secret.rrd:value:AVERAGE',
  '%0Aload',
  'DEF:s=..%2Fsecret.rrd:value:AVERAGE',
  'load.rrd%00.png',
  '..%00',
];

const POSITIONS: ((name: string) => string)[] = [
  (name) => `/graph/${name}/load/load.png`,
  (name) => `/graph/seedbox/${name}/load.png`,
  (name) => `/graph/seedbox/load/${name}.png`,
  (name) => `/graph/seedbox/load/${name}.svg`,
  (name) => `/graph/seedbox/load/load.png?range=${name}`,
  (name) => `/graph/seedbox/load/load.png?start=${name}&end=now`,
  (name) => `/graph/seedbox/load/load.png?theme=${name}`,
  (name) => `/api/series?host=${name}&plugin=load&series=load`,
  (name) => `/api/series?host=seedbox&plugin=${name}&series=load`,
  (name) => `/api/series?host=seedbox&plugin=load&series=${name}`,
  (name) => `/api/series?host=seedbox&plugin=load&series=load&format=${name}`,
  (name) => `/api/series?host=seedbox&plugin=load&series=load&cf=${name}`,
  (name) => `/api/series?host=secrethost&plugin=load&series=${name}&format=csv`,
  (name) => `/api/live?host=${name}`,
  (name) => `/api/live?host=seedbox&instance=${name}`,
  (name) => `/api/live/stream?host=${name}`,
  (name) => `/assets/${name}`,
  (name) => `/${name}`,
];

let fixture: RrdFixture;
let app: Hono;

before(async () => {
  fixture = await createRrdFixture();
  const outside = dirname(fixture.rrdDir);
  await writeFile(join(outside, 'secret.txt'), `${SECRET_TEXT}\n`);
  await createSecretRrd(join(outside, 'secret.rrd'));
  await mkdir(join(outside, 'secrethost', 'load'), { recursive: true });
  await createSecretRrd(join(outside, 'secrethost', 'load', 'load.rrd'));
  // Links inside the folder that point out of it: a host, a plugin and a file.
  await symlink(join(outside, 'secrethost'), join(fixture.rrdDir, 'linkhost'));
  await symlink(join(outside, 'secrethost', 'load'), join(fixture.rrdDir, 'seedbox', 'linkplugin'));
  await symlink(join(outside, 'secret.rrd'), join(fixture.rrdDir, 'seedbox', 'load', 'linked.rrd'));
  app = createApp({ rrdDir: fixture.rrdDir, liveIntervalMs: 60_000 });
});

after(async () => {
  await fixture?.remove();
});

test(`${ESCAPES.length * POSITIONS.length} requests that try to leave the RRD folder get 4xx and not one byte from outside`, async () => {
  const offenders: string[] = [];
  for (const position of POSITIONS) {
    for (const escape of ESCAPES) {
      const path = position(escape);
      const response = await app.request(path);
      const body = Buffer.from(await response.arrayBuffer()).toString('latin1');
      const leaks = body.includes(SECRET_TEXT) || body.includes(String(SECRET_VALUE));
      if (response.status >= 500 || leaks || isServedSecret(path, response.status)) {
        offenders.push(`${response.status}${leaks ? ' leaks' : ''} ${path}`);
      }
    }
  }

  assert.deepEqual(offenders, []);
});

test('lists no host, plugin or series that a link leads to outside the folder', async () => {
  const body = await (await app.request('/api/hosts')).text();

  assert.equal(body.includes('linkhost'), false);
  assert.equal(body.includes('linkplugin'), false);
  assert.equal(body.includes('linked'), false);
  assert.equal(body.includes('secret'), false);
});

/** Whatever its status, an answer about the planted names must not be a success. */
function isServedSecret(path: string, status: number): boolean {
  return /secret|link/.test(safeDecode(safeDecode(path))) && status < 300;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

async function createSecretRrd(file: string): Promise<void> {
  const start = Math.floor(Date.now() / 1000) - 3600;
  const updates = Array.from(
    { length: 30 },
    (_, index) => `${start + (index + 1) * 10}:${SECRET_VALUE}`,
  );
  await execa('rrdtool', [
    'create',
    file,
    '--start',
    String(start),
    '--step',
    '10',
    'DS:value:GAUGE:20:U:U',
    'RRA:AVERAGE:0.5:1:400',
  ]);
  await execa('rrdtool', ['update', file, ...updates]);
}
