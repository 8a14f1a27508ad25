import { readFile } from 'node:fs/promises';

// Linux counts a process's CPU time in clock ticks of 1/100 s on every mainstream build.
const CLOCK_TICKS_PER_SECOND = 100;

/** CPU time a process has used so far, user plus system, in milliseconds, from /proc. */
export async function readCpuTimeMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'latin1');
  // The command name in parentheses may hold spaces; the fields after it are fixed.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const userTicks = Number(fields[11]);
  const systemTicks = Number(fields[12]);

  return ((userTicks + systemTicks) * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** The largest resident set a process has had (VmHWM), in bytes. */
export async function readPeakRssBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'latin1');
  const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(status);
  if (match === null) throw new Error(`no VmHWM in /proc/${pid}/status`);

  return Number(match[1]) * 1024;
}
