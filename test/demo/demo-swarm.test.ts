import assert from 'node:assert/strict';
import { stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';

import { startDemoSwarm } from '../../src/demo/demo-swarm.js';
import { RtorrentClient } from '../../src/rtorrent/rtorrent-client.js';

const TRADE_WAIT_MS = 15_000;
const ITEM_FIELDS = ['d.name=', 'd.state=', 'd.complete=', 'd.message=', 't.multicall=,,t.url='];

type Item = [name: string, state: number, complete: number, message: string, trackers: unknown[][]];

test('the demo swarm trades both ways, shows every kind of item, and leaves nothing when stopped', async (t) => {
  const swarm = await startDemoSwarm();
  t.after(() => swarm.stop());
  const [alpha, beta] = swarm.peers.map((peer) => new RtorrentClient(peer.url));
  assert.deepEqual(
    swarm.peers.map((peer) => peer.name),
    ['alpha', 'beta'],
  );

  await sleep(TRADE_WAIT_MS);
  for (const client of [alpha!, beta!]) {
    assert.ok(
      Number(await client.call('throttle.global_up.total')) > 0,
      `${client.url} sent nothing`,
    );
    assert.ok(
      Number(await client.call('throttle.global_down.total')) > 0,
      `${client.url} got nothing`,
    );
  }

  const items = (await alpha!.call('d.multicall2', ['', 'main', ...ITEM_FIELDS])) as Item[];
  const byName = new Map(items.map((item) => [item[0], item]));
  assert.equal(byName.get('stopped')?.[1], 0, 'the stopped item is not stopped');
  assert.match(byName.get('refused')?.[3] ?? '', /not authorized/);
  assert.ok(
    items.some(([, state, complete]) => state === 1 && complete === 1),
    'nothing seeds',
  );
  assert.ok(
    items.some(([, state, complete]) => state === 1 && complete === 0),
    'nothing leeches',
  );
  const trackerHosts = new Set(
    items.flatMap((item) => item[4].map((row) => new URL(String(row.at(-1))).hostname)),
  );
  assert.deepEqual([...trackerHosts].sort(), ['127.0.0.1', '127.0.0.3']);

  const pids = [
    ...swarm.peers.map((peer) => peer.daemon.pid),
    ...swarm.trackers.map((tracker) => tracker.pid),
  ];
  await swarm.stop();
  for (const pid of pids) assert.throws(() => process.kill(pid, 0), { code: 'ESRCH' });
  await assert.rejects(stat(swarm.directory), { code: 'ENOENT' });
});

test('old payloads leave both peers once more than the limit are live, and upload caps wander', async (t) => {
  const swarm = await startDemoSwarm({ payloadIntervalMs: 3_000, maxLivePayloads: 1 });
  t.after(() => swarm.stop());
  const beta = new RtorrentClient(swarm.peers[1]!.url);

  await sleep(12_000);
  const names = (await beta.call('d.multicall2', ['', 'main', 'd.name='])) as [string][];
  const payloads = names.map(([name]) => name).filter((name) => name.startsWith('payload-'));
  assert.ok(payloads.length <= 2, `beta still holds ${payloads.join(', ')}`);
  assert.ok(!payloads.includes('payload-0'), 'the first payload is still there');

  const alphaCap = Number(await swarm.peers[0]!.client.call('throttle.global_up.max_rate'));
  assert.ok([240, 360, 480, 600].map((kib) => kib * 1024).includes(alphaCap), `cap ${alphaCap}`);
});
