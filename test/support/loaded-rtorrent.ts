import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { makeTorrent, writeRandomPayload } from '../../src/demo/payload.js';
import { startRtorrentDaemon, type RtorrentDaemon } from '../../src/demo/rtorrent-daemon.js';
import { RtorrentClient } from '../../src/rtorrent/rtorrent-client.js';

// Port 9 (discard) on loopback: nothing answers, so the trackers fail without leaving the host.
export const DEAD_TRACKER_URL = 'http://127.0.0.1:9/announce';

/** The items the fixture loads, with the sizes the sensors must add up. */
export const FIXTURE = {
  seedBytes: 262_144,
  leechFileBytes: [100_000, 50_000],
  stoppedBytes: 70_000,
};

export interface LoadedRtorrent {
  daemon: RtorrentDaemon;
  client: RtorrentClient;
  directory: string;
  stop(): Promise<void>;
}

/**
 * A real rTorrent holding three items of known sizes: one seeding (its data is there), one
 * leeching a two-file folder (no data), one stopped. Waits until hashing is over.
 */
export async function startLoadedRtorrent(): Promise<LoadedRtorrent> {
  const directory = await mkdtemp(join(tmpdir(), 'rtmon-loaded-'));
  const daemon = await startRtorrentDaemon({ directory });
  const stop = async (): Promise<void> => {
    await daemon.stop();
    await rm(directory, { recursive: true, force: true });
  };

  try {
    const client = new RtorrentClient(daemon.url);
    await loadItems(directory, daemon.downloadDirectory, client);
    await waitUntilHashed(client);

    return { daemon, client, directory, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function loadItems(directory: string, downloads: string, client: RtorrentClient) {
  const sources = join(directory, 'sources');
  await mkdir(join(sources, 'leech'), { recursive: true });
  await writeRandomPayload(join(downloads, 'seed.bin'), FIXTURE.seedBytes);
  await writeRandomPayload(join(sources, 'leech', 'a.bin'), FIXTURE.leechFileBytes[0] as number);
  await writeRandomPayload(join(sources, 'leech', 'b.bin'), FIXTURE.leechFileBytes[1] as number);
  await writeRandomPayload(join(sources, 'stopped.bin'), FIXTURE.stoppedBytes);

  const torrents: [string, string, string][] = [
    [join(downloads, 'seed.bin'), 'seed.torrent', 'load.raw_start'],
    [join(sources, 'leech'), 'leech.torrent', 'load.raw_start'],
    [join(sources, 'stopped.bin'), 'stopped.torrent', 'load.raw'],
  ];
  for (const [source, name, command] of torrents) {
    const output = join(directory, name);
    await makeTorrent({ source, output, announceUrls: [DEAD_TRACKER_URL] });
    await client.call(command, ['', await readFile(output)]);
  }

  await writeFile(join(directory, 'loaded'), '');
}

async function waitUntilHashed(client: RtorrentClient): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const [total, hashing, complete] = await client.multicall([
      { method: 'view.size', params: ['', 'main'] },
      { method: 'view.size', params: ['', 'hashing'] },
      { method: 'view.size', params: ['', 'complete'] },
    ]);
    const value = (outcome: typeof total) => (outcome && 'value' in outcome ? outcome.value : -1);
    if (value(total) === 3 && value(hashing) === 0 && value(complete) === 1) return;

    await sleep(100);
  }

  throw new Error('rTorrent did not finish hashing the fixture within 10 s');
}
