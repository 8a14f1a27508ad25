import { readFile, realpath } from 'node:fs/promises';

const MOUNTS_FILE = '/proc/self/mounts';

/**
 * The mount point that holds each path, read from the kernel's mount table; a path that does
 * not exist, or a table that cannot be read, leaves that path out.
 */
export async function findMountPoints(paths: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const mounts = await readMountPoints();
  for (const path of paths) {
    const real = await realpath(path).catch(() => undefined);
    if (real === undefined) continue;

    const mount = mounts
      .filter((mount) => real === mount || real.startsWith(mount === '/' ? '/' : `${mount}/`))
      .sort((a, b) => b.length - a.length)[0];
    if (mount !== undefined) found.set(path, mount);
  }

  return found;
}

/** collectd's df plugin instance for a mount point: `root` for `/`, else `/` turned into `-`. */
export function dfInstance(mountPoint: string): string {
  if (mountPoint === '/') return 'root';

  return mountPoint.replace(/^\/+/, '').replace(/\//g, '-');
}

async function readMountPoints(): Promise<string[]> {
  const table = await readFile(MOUNTS_FILE, 'utf8').catch(() => '');

  // Fields are separated by spaces; a space inside a mount point is written as \040.
  return table
    .split('\n')
    .map((line) => line.split(' ')[1])
    .filter((field): field is string => field !== undefined && field !== '')
    .map((field) =>
      field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8))),
    );
}
