import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startRtorrentDaemon, type RtorrentDaemon } from '../../src/demo/rtorrent-daemon.js';
import { RtorrentClient } from '../../src/rtorrent/rtorrent-client.js';
import { loadItems } from './load-items.js';

// rTorrent creates each item's (empty) file when it loads it; on ext4 with many recently
// deleted inodes that dominated loading, so the folder goes on tmpfs when there is one.
const MEMORY_FOLDER = '/dev/shm';
// Loading a batch into an rTorrent that already holds thousands of items takes seconds, as
// rTorrent scans its item list for each new one.
const LOAD_CALL_TIMEOUT_MS = 120_000;

/** An rTorrent of the benchmark's own, which grows to the item counts asked of it. */
export interface RtorrentFixture {
  readonly daemon: RtorrentDaemon;
  readonly itemCount: number;
  /** Loads more items, stopped, until rTorrent holds `count`. */
  growTo(count: number): Promise<void>;
  /** Stops rTorrent and removes its folder. */
  dispose(): Promise<void>;
}

/** Starts an empty rTorrent in a fresh folder. */
export async function startRtorrentFixture(): Promise<RtorrentFixture> {
  const parent = await pickParentFolder();
  const directory = await mkdtemp(join(parent, 'rtmon-bench-'));
  const daemon = await startRtorrentDaemon({ directory });
  const loader = new RtorrentClient(daemon.url, { timeoutMs: LOAD_CALL_TIMEOUT_MS });
  let itemCount = 0;

  return {
    daemon,
    get itemCount() {
      return itemCount;
    },
    async growTo(count) {
      if (count <= itemCount) return;

      await loadItems(loader, itemCount, count - itemCount);
      itemCount = count;
    },
    async dispose() {
      await daemon.stop();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

async function pickParentFolder(): Promise<string> {
  // Without a tmpfs, the system's temporary folder will do, only slower to load.
  const isThere = await stat(MEMORY_FOLDER).then(
    (found) => found.isDirectory(),
    () => false,
  );

  return isThere ? MEMORY_FOLDER : tmpdir();
}
