import { readFile } from 'node:fs/promises';

// Linux reports process times in clock ticks; every kernel rTorrent runs on uses 100 per second.
const CLOCK_TICKS_PER_SECOND = 100;
const PAGE_SIZE_BYTES = 4096;
// `/proc/<pid>/stat` states of a process that has exited: zombie and dead.
const DEAD_STATES = new Set(['Z', 'X']);

/** What `/proc/<pid>` says of a process at one moment. */
export interface ProcessSample {
  pid: number;
  /** When the sample was taken, in milliseconds since the epoch. */
  takenAtMs: number;
  userMicroseconds: number;
  systemMicroseconds: number;
  residentBytes: number;
  virtualBytes: number;
  /** How long the process had run when the sample was taken; undefined when unreadable. */
  ageSeconds: number | undefined;
  /** Physical memory of the machine, in bytes. */
  memoryTotalBytes: number;
}

/**
 * Reads a process' CPU times, memory and age from `/proc`, or returns undefined when
 * the process is not on this host, is not rTorrent (a socket forwarded from elsewhere), or
 * has died and waits to be reaped.
 */
export async function readProcessSample(
  pid: number,
  expectedName = 'rtorrent',
): Promise<ProcessSample | undefined> {
  const [comm, stat, meminfo, systemUptime] = await Promise.all([
    readOptional(`/proc/${pid}/comm`),
    readOptional(`/proc/${pid}/stat`),
    readOptional('/proc/meminfo'),
    readOptional('/proc/uptime'),
  ]);
  if (comm === undefined || stat === undefined || meminfo === undefined) return undefined;

  if (!comm.trim().startsWith(expectedName)) return undefined;

  // A killed process lingers as a zombie until its parent reaps it, with its memory read as 0:
  // that is no reading of rTorrent at all, not a tiny rTorrent.
  if (DEAD_STATES.has(statFields(stat)[0] ?? '')) return undefined;

  return parseSample(pid, stat, meminfo, systemUptime);
}

function parseSample(
  pid: number,
  stat: string,
  meminfo: string,
  systemUptime: string | undefined,
): ProcessSample {
  const fields = statFields(stat);
  const field = (position: number): number => Number(fields[position - 3]);
  // The start time counts ticks since boot, so the machine's own uptime gives the age to a tick;
  // the boot time in /proc/stat is cut to whole seconds and drifts from the wall clock.
  const systemUptimeSeconds = Number.parseFloat(systemUptime ?? '');
  const ageSeconds = Number.isFinite(systemUptimeSeconds)
    ? Math.max(0, systemUptimeSeconds - field(22) / CLOCK_TICKS_PER_SECOND)
    : undefined;
  const memoryTotalKilobytes = Number(/^MemTotal:\s+(\d+)/m.exec(meminfo)?.[1] ?? 0);

  return {
    pid,
    takenAtMs: Date.now(),
    userMicroseconds: (field(14) * 1_000_000) / CLOCK_TICKS_PER_SECOND,
    systemMicroseconds: (field(15) * 1_000_000) / CLOCK_TICKS_PER_SECOND,
    ageSeconds,
    virtualBytes: field(23),
    residentBytes: field(24) * PAGE_SIZE_BYTES,
    memoryTotalBytes: memoryTotalKilobytes * 1024,
  };
}

/** The fields of `/proc/<pid>/stat` from the third, the state, on. */
function statFields(stat: string): string[] {
  // The command name in field 2 may hold spaces and parentheses; fields count from the last ')'.
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** CPU use between two samples of the same process, in percent of one core. */
export function cpuPercentBetween(earlier: ProcessSample, later: ProcessSample): number | null {
  const elapsedMicroseconds = (later.takenAtMs - earlier.takenAtMs) * 1000;
  if (later.pid !== earlier.pid || elapsedMicroseconds <= 0) return null;

  const used =
    later.userMicroseconds +
    later.systemMicroseconds -
    earlier.userMicroseconds -
    earlier.systemMicroseconds;

  return Math.max(0, (used / elapsedMicroseconds) * 100);
}

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}
