import { setTimeout as sleep } from 'node:timers/promises';

import type { RtorrentClient } from '../../src/rtorrent/rtorrent-client.js';
import { makeTorrent } from './make-torrent.js';

// One XML-RPC call per item took 73 s for 10,000 items; a few hundred `load.raw` calls inside
// one `system.multicall` keep each request near 100 kB and spare thousands of round trips.
const LOAD_BATCH_SIZE = 250;
// rTorrent 0.9.8 may add the last loads to `main` a moment after it answers the multicall.
const SETTLE_WAIT_MS = 30_000;
const SETTLE_POLL_MS = 100;

/** Loads items `first` to `first + count - 1` into rTorrent, stopped, in batches. */
export async function loadItems(client: RtorrentClient, first: number, count: number) {
  const before = await countItems(client);
  for (let start = first; start < first + count; start += LOAD_BATCH_SIZE) {
    await loadBatch(client, start, Math.min(first + count, start + LOAD_BATCH_SIZE));
  }

  await waitForItems(client, before + count);
}

async function loadBatch(client: RtorrentClient, start: number, end: number): Promise<void> {
  const calls = [];
  for (let index = start; index < end; index++) {
    // A Buffer goes out as <base64>, which is what load.raw takes.
    calls.push({ method: 'load.raw', params: ['', makeTorrent(index)] });
  }

  const outcomes = await client.multicall(calls);
  for (const outcome of outcomes) {
    if ('fault' in outcome) throw new Error(`load.raw failed: ${outcome.fault.faultString}`);
  }
}

async function waitForItems(client: RtorrentClient, expected: number): Promise<void> {
  const deadline = Date.now() + SETTLE_WAIT_MS;
  let count = await countItems(client);
  while (count !== expected && Date.now() < deadline) {
    await sleep(SETTLE_POLL_MS);
    count = await countItems(client);
  }

  if (count !== expected) {
    throw new Error(`rTorrent holds ${count} items where ${expected} were loaded`);
  }
}

async function countItems(client: RtorrentClient): Promise<number> {
  return Number(await client.call('view.size', ['', 'main']));
}
