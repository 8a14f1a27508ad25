import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Whether a user who is neither owner nor in the group can read `path`: every folder above it
 * must let others search it, and the file itself must let others read it.
 */
export async function canOthersRead(path: string): Promise<boolean> {
  const file = await stat(path).catch(() => undefined);
  if (file === undefined || (file.mode & 0o004) === 0) return false;

  for (let folder = dirname(path); ; folder = dirname(folder)) {
    const info = await stat(folder);
    if ((info.mode & 0o001) === 0) return false;

    if (folder === dirname(folder)) return true;
  }
}
