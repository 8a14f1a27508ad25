import { readFile } from 'node:fs/promises';

// Linux reports process times in clock ticks; every kernel rTorrent runs on uses 100 per second.
const CLOCK_TICKS_PER_SECOND = 100;
const PAGE_SIZE_BYTES = 4096;

/** What `/proc/<pid>` says of a process at one moment. */
export interface ProcessSample {
  pid: number;
  /** When the sample was taken, in milliseconds since the epoch. */
  takenAtMs: number;
  userMicroseconds: number;
  systemMicroseconds: number;
  residentBytes: number;
  virtualBytes: number;
  /** When the process started, in seconds since the epoch. */
  startedAtSeconds: number;
  /** Physical memory of the machine, in bytes. */
  memoryTotalBytes: number;
}

/**
 * Reads a process' CPU times, memory and start time from `/proc`, or returns undefined when
 * the process is not on this host or is not rTorrent (a socket forwarded from elsewhere).
 */
export async function readProcessSample(
  pid: number,
  expectedName = 'rtorrent',
): Promise<ProcessSample | undefined> {
  const [comm, stat, meminfo, systemStat] = await Promise.all([
    readOptional(`/proc/${pid}/comm`),
    readOptional(`/proc/${pid}/stat`),
    readOptional('/proc/meminfo'),
    readOptional('/proc/stat'),
  ]);
  if (comm === undefined || stat === undefined || meminfo === undefined) return undefined;

  if (!comm.trim().startsWith(expectedName)) return undefined;

  return parseSample(pid, stat, meminfo, systemStat ?? '');
}

function parseSample(
  pid: number,
  stat: string,
  meminfo: string,
  systemStat: string,
): ProcessSample {
  // The command name in field 2 may hold spaces and parentheses; fields count from the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const field = (position: number): number => Number(fields[position - 3]);
  const bootTimeSeconds = Number(/^btime (\d+)/m.exec(systemStat)?.[1] ?? 0);
  const memoryTotalKilobytes = Number(/^MemTotal:\s+(\d+)/m.exec(meminfo)?.[1] ?? 0);

  return {
    pid,
    takenAtMs: Date.now(),
    userMicroseconds: (field(14) * 1_000_000) / CLOCK_TICKS_PER_SECOND,
    systemMicroseconds: (field(15) * 1_000_000) / CLOCK_TICKS_PER_SECOND,
    startedAtSeconds: bootTimeSeconds + field(22) / CLOCK_TICKS_PER_SECOND,
    virtualBytes: field(23),
    residentBytes: field(24) * PAGE_SIZE_BYTES,
    memoryTotalBytes: memoryTotalKilobytes * 1024,
  };
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
