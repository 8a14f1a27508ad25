import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';

import { waitForExit, waitForSpawn, type ChildExit } from '../process/child-process.js';

/** A program `rtmon start` runs, its output appended to a log file. */
export interface LoggedChild {
  readonly name: string;
  readonly child: ChildProcess;
  readonly logFile: string;
  readonly exited: Promise<ChildExit>;
}

/** Starts `program` with stdout and stderr appended to `logFile`; resolves once it runs. */
export async function startLoggedChild(
  name: string,
  program: string,
  args: string[],
  logFile: string,
): Promise<LoggedChild> {
  const log = openSync(logFile, 'a');
  try {
    const child = spawn(program, args, { stdio: ['ignore', log, log] });
    const exited = waitForExit(child);
    await waitForSpawn(child, program);

    return { name, child, logFile, exited };
  } finally {
    closeSync(log);
  }
}
