import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { startLoggedChild, type LoggedChild } from './logged-child.js';
import { StartError } from './start-error.js';

const execFileAsync = promisify(execFile);

/** Checks a collectd.conf with `collectd -t`, then runs collectd on it in the foreground. */
export async function startCollectd(configFile: string, logFile: string): Promise<LoggedChild> {
  try {
    await execFileAsync('collectd', ['-t', '-C', configFile]);
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new StartError(
      'ERR_START_COLLECTD_CONFIG',
      `collectd rejects ${configFile}: ${stderr.trim() || (error as Error).message}`,
      { cause: error },
    );
  }

  return startLoggedChild('collectd', 'collectd', ['-f', '-C', configFile], logFile);
}
