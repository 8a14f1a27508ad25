import type { MethodCall, RtorrentClient } from '../../src/rtorrent/rtorrent-client.js';

// The getters such an exporter asks of every item, one XML-RPC method each.
const ITEM_GETTERS = [
  'd.name',
  'd.up.rate',
  'd.down.rate',
  'd.size_bytes',
  'd.left_bytes',
  'd.message',
  'd.state',
  'd.complete',
];
// Exporters of this kind send each getter as its own call; batching them into multicalls of
// this many items is kinder to rTorrent than what they do, so the comparison flatters them.
const ITEMS_PER_MULTICALL = 100;

/**
 * One poll the way older exporters read rTorrent: the whole hash list of every view, only to
 * count it, then each item's values through per-item getters. Resolves with the item count.
 */
export async function pollLikeOlderExporter(client: RtorrentClient): Promise<number> {
  const views = (await client.call('view.list')) as string[];
  let hashes: string[] = [];
  for (const view of views) {
    const list = (await client.call('download_list', ['', view])) as string[];
    if (view === 'main') hashes = list;
  }

  for (let start = 0; start < hashes.length; start += ITEMS_PER_MULTICALL) {
    const calls: MethodCall[] = [];
    for (const hash of hashes.slice(start, start + ITEMS_PER_MULTICALL)) {
      for (const method of ITEM_GETTERS) calls.push({ method, params: [hash] });
    }

    await client.multicall(calls);
  }

  return hashes.length;
}
