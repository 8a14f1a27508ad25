import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

import { createApp } from '../../src/web/create-app.js';
import { LOOPBACK_HOST_NAMES } from '../../src/web/host-check.js';

const CASES: { host: string | undefined; status: number }[] = [
  { host: 'localhost', status: 200 },
  { host: 'localhost:8042', status: 200 },
  { host: 'LOCALHOST:8042', status: 200 },
  { host: '127.0.0.1:8042', status: 200 },
  { host: '[::1]:8042', status: 200 },
  { host: 'seedbox.lan:8042', status: 200 },
  { host: 'attacker.example', status: 421 },
  { host: 'attacker.example:8042', status: 421 },
  { host: 'localhost.attacker.example', status: 421 },
  { host: '127.0.0.1.nip.io:8042', status: 421 },
  { host: '[::2]:8042', status: 421 },
  { host: '', status: 421 },
];

for (const { host, status } of CASES) {
  test(`a viewer on loopback answers Host '${host}' with ${status}`, async (t) => {
    const folder = await mkdtemp(join(tmpdir(), 'rtmon-host-check-'));
    t.after(() => rm(folder, { recursive: true, force: true }));
    const app = createApp({
      rrdDir: folder,
      allowedHosts: [...LOOPBACK_HOST_NAMES, 'seedbox.lan'],
    });

    const response = await app.request('/api/hosts', { headers: { Host: host ?? '' } });

    assert.equal(response.status, status);
    if (status === 421) {
      assert.equal((await response.json()).error, 'ERR_UNKNOWN_HOST');
      assert.ok(response.headers.get('content-security-policy'), 'security headers still set');
    }
  });
}

test('a viewer with no list of names answers any Host', async (t) => {
  const folder = await mkdtemp(join(tmpdir(), 'rtmon-host-check-'));
  t.after(() => rm(folder, { recursive: true, force: true }));
  const app = createApp({ rrdDir: folder });

  const response = await app.request('/api/hosts', { headers: { Host: 'anything.example' } });

  assert.equal(response.status, 200);
});
