import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

import { LoginGate, MAX_CHECKING, MAX_WAITING_CHECKS } from '../../src/auth/login-gate.js';
import { hashPassword } from '../../src/auth/password-hash.js';
import { createApp } from '../../src/web/create-app.js';

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

test('a flood of wrong guesses is answered 401 or 429 while the right password still gets in', async (t) => {
  const folder = await mkdtemp(join(tmpdir(), 'rtmon-login-flood-'));
  t.after(() => rm(folder, { recursive: true, force: true }));
  const app = createApp({ rrdDir: folder, users: { alice: await hashPassword('s3cret') } });
  const basic = (credentials: string) => ({
    headers: { Authorization: `Basic ${Buffer.from(credentials).toString('base64')}` },
  });

  const guesses = await Promise.all(
    Array.from({ length: 200 }, (_, index) =>
      app.request('/api/hosts', basic(`alice:guess${index}`)),
    ),
  );
  const statuses = guesses.map((response) => response.status);
  const refused = guesses.find((response) => response.status === 429);

  assert.deepEqual([...new Set(statuses)].sort(), [401, 429]);
  assert.equal(refused?.headers.get('retry-after'), '1');
  assert.equal((await app.request('/api/hosts', basic('alice:s3cret'))).status, 200);
});
