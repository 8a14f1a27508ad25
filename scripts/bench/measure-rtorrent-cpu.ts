import { readCpuTimeMs } from './proc-status.js';

/**
 * rTorrent's own CPU time per poll, in ms: the CPU it used over `polls` polls, divided. Linux
 * counts in 10 ms ticks, so enough polls are run for the total to be many ticks.
 */
export async function measureRtorrentCpuPerPoll(
  rtorrentPid: number,
  polls: number,
  poll: () => Promise<unknown>,
): Promise<number> {
  const before = await readCpuTimeMs(rtorrentPid);
  for (let index = 0; index < polls; index++) await poll();
  const after = await readCpuTimeMs(rtorrentPid);

  return (after - before) / polls;
}
