import { readdir, readFile } from 'node:fs/promises';

/** The pids whose parent is `parentPid` and whose command line holds `word`. */
export async function findChildren(parentPid: number, word: string): Promise<number[]> {
  const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name)).map(Number);
  const found: number[] = [];
  for (const pid of pids) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (parentOf(stat) === parentPid && cmdline.split('\0').includes(word)) found.push(pid);
  }

  return found;
}

/**
 * Whether a process still runs. An exited orphan whose new parent does not reap it stays a
 * zombie (state Z) in a container whose pid 1 is not an init; it runs no more code.
 */
export async function isRunning(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');

  return stat !== '' && stateOf(stat) !== 'Z';
}

function parentOf(stat: string): number {
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

function stateOf(stat: string): string {
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0] ?? '';
}
