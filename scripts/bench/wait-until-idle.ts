import { setTimeout as sleep } from 'node:timers/promises';

import { readCpuTimeMs } from './proc-status.js';

// rTorrent goes on working for a while after a large load (a globals call then took anywhere
// from 1 to 185 ms), so measuring starts once it has used less than this share of a core over
// one window, or when the wait runs out.
const IDLE_SHARE = 0.05;
const WINDOW_MS = 1_000;
const MAX_WAIT_MS = 60_000;

/** Waits until a process is nearly idle; resolves with how long that took, in ms. */
export async function waitUntilIdle(pid: number): Promise<number> {
  const start = performance.now();
  while (performance.now() - start < MAX_WAIT_MS) {
    const before = await readCpuTimeMs(pid);
    await sleep(WINDOW_MS);
    const usedMs = (await readCpuTimeMs(pid)) - before;
    if (usedMs <= WINDOW_MS * IDLE_SHARE) break;
  }

  return performance.now() - start;
}
