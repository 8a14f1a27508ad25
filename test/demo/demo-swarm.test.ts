import assert from 'node:assert/strict';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';

import { startDemoSwarm, type DemoPeer } from '../../src/demo/demo-swarm.js';

const TRADE_WAIT_MS = 15_000;

test('the demo swarm trades payloads both ways and leaves nothing behind when stopped', async (t) => {
  const swarm = await startDemoSwarm();
  t.after(() => swarm.stop());

  assert.deepEqual(
    swarm.peers.map((peer) => peer.name),
    ['alpha', 'beta'],
  );
  assert.deepEqual(
    swarm.trackers.map((tracker) => new URL(tracker.announceUrl).hostname),
    ['127.0.0.1', '127.0.0.3'],
  );

  const before = await Promise.all(swarm.peers.map((peer) => countPayloadBytes(peer)));
  await sleep(TRADE_WAIT_MS);
  const after = await Promise.all(swarm.peers.map((peer) => countPayloadBytes(peer)));
  // Each peer leeches the payload the other seeds, so both download folders grow.
  assert.ok(after[0]! > before[0]!, `alpha received nothing: ${before[0]} then ${after[0]}`);
  assert.ok(after[1]! > before[1]!, `beta received nothing: ${before[1]} then ${after[1]}`);

  const pids = [
    ...swarm.peers.map((peer) => peer.daemon.pid),
    ...swarm.trackers.map((each) => each.pid),
  ];
  await swarm.stop();
  for (const pid of pids) assert.throws(() => process.kill(pid, 0), { code: 'ESRCH' });
  await assert.rejects(stat(swarm.directory), { code: 'ENOENT' });
});

/** Bytes actually on disk in a peer's download folder (rTorrent preallocates sparse files). */
async function countPayloadBytes(peer: DemoPeer): Promise<number> {
  const names = await readdir(peer.daemon.downloadDirectory);
  const sizes = await Promise.all(
    names.map(async (name) => (await stat(join(peer.daemon.downloadDirectory, name))).blocks * 512),
  );

  return sizes.reduce((sum, size) => sum + size, 0);
}
