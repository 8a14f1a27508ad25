import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';

import { startOpentracker } from '../../src/demo/opentracker.js';
import { findFreePort } from '../../src/process/free-port.js';

const LISTED = 'AB'.repeat(20);
const RELOAD_WAIT_MS = 500;

test('opentracker refuses info hashes off its whitelist and serves them once listed', async (t) => {
  const directory = await mkdtemp(join(tmpdir(), 'rtmon-tracker-'));
  t.after(() => rm(directory, { recursive: true, force: true }));
  const port = await findFreePort('127.0.0.3');
  const tracker = await startOpentracker({ directory, address: '127.0.0.3', port });
  t.after(() => tracker.stop());

  assert.equal(tracker.announceUrl, `http://127.0.0.3:${port}/announce`);
  assert.match(await announce(tracker.announceUrl, LISTED), /not authorized/);

  await tracker.setWhitelist([LISTED]);
  await sleep(RELOAD_WAIT_MS);
  assert.match(await announce(tracker.announceUrl, LISTED), /8:intervali\d+e/);

  await tracker.stop();
  assert.throws(() => process.kill(tracker.pid, 0), { code: 'ESRCH' });
});

async function announce(announceUrl: string, infoHash: string): Promise<string> {
  const escapedHash = infoHash.replace(/../g, (pair) => `%${pair}`);
  const query = `info_hash=${escapedHash}&peer_id=-RT0001-123456789012&port=6881&left=0&compact=1`;
  const response = await fetch(`${announceUrl}?${query}`);

  return Buffer.from(await response.arrayBuffer()).toString('latin1');
}
