import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import { LoginGate, MAX_CHECKING, MAX_WAITING_CHECKS } from '../../src/auth/login-gate.js';
import { hashPassword } from '../../src/auth/password-hash.js';
import { CATALOG_TTL_MS } from '../../src/rrd/rrd-catalog.js';
import { createApp } from '../../src/web/create-app.js';

// Two scrypt runs at most stand before it on libuv's four threads, each well under a second.
const MAX_SERVED_DURING_FLOOD_MS = 1_500;

test(`runs ${MAX_CHECKING} checks at once, lets ${MAX_WAITING_CHECKS} wait, and turns the rest away`, async () => {
  const gate = new LoginGate();
  let running = 0;
  let peak = 0;
  const check = async (): Promise<boolean> => {
    running += 1;
    peak = Math.max(peak, running);
    await new Promise((resolve) => setTimeout(resolve, 5));
    running -= 1;

    return true;
  };

  const outcomes = await Promise.all(Array.from({ length: 50 }, () => gate.run(check)));

  assert.equal(peak, MAX_CHECKING);
  assert.equal(outcomes.filter((outcome) => outcome === true).length, 34);
  assert.equal(outcomes.filter((outcome) => outcome === undefined).length, 16);
  assert.equal(await gate.run(check), true, 'the gate is open again afterwards');
});

test('a flood of wrong guesses is answered 401 or 429, and a signed-in user is served meanwhile', async (t) => {
  const folder = await mkdtemp(join(tmpdir(), 'rtmon-login-flood-'));
  t.after(() => rm(folder, { recursive: true, force: true }));
  const app = createApp({ rrdDir: folder, users: { alice: await hashPassword('s3cret') } });
  const basic = (credentials: string) => ({
    headers: { Authorization: `Basic ${Buffer.from(credentials).toString('base64')}` },
  });
  assert.equal((await app.request('/api/hosts', basic('alice:s3cret'))).status, 200);
  await sleep(CATALOG_TTL_MS + 100);

  const flood = Promise.all(
    Array.from({ length: 200 }, (_, index) =>
      app.request('/api/hosts', basic(`alice:guess${index}`)),
    ),
  );
  // The catalog has expired, so this lists the RRD folder on libuv's threads, where scrypt runs.
  const started = performance.now();
  const during = await app.request('/api/hosts', basic('alice:s3cret'));
  const servedAfterMs = performance.now() - started;
  const guesses = await flood;
  const statuses = guesses.map((response) => response.status);
  const refused = guesses.find((response) => response.status === 429);
  t.diagnostic(`a signed-in request during the flood was served in ${servedAfterMs.toFixed(0)} ms`);

  assert.equal(during.status, 200);
  assert.ok(servedAfterMs < MAX_SERVED_DURING_FLOOD_MS, `served after ${servedAfterMs} ms`);
  assert.deepEqual([...new Set(statuses)].sort(), [401, 429]);
  assert.equal(refused?.headers.get('retry-after'), '1');
});
