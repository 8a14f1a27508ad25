import type { ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

const STOP_GRACE_MS = 5_000;

/** How a child ended: its exit code, or the signal that ended it. */
export type ChildExit = number | NodeJS.Signals | null;

/** Resolves once the child has gone, with its exit code or signal. */
export function waitForExit(child: ChildProcess): Promise<ChildExit> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve(child.exitCode ?? child.signalCode);
  }

  return new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal));
  });
}

/** Resolves with the child's pid once it runs; rejects, naming the program, when it cannot start. */
export function waitForSpawn(child: ChildProcess, program: string, hint = ''): Promise<number> {
  return new Promise((resolve, reject) => {
    child.once('spawn', () => resolve(child.pid as number));
    child.once('error', (error) => {
      reject(new Error(`cannot start ${program}${hint}`, { cause: error }));
    });
  });
}

/** Sends SIGTERM, then SIGKILL if the child has not gone within the grace time. */
export async function stopChild(child: ChildProcess, graceMs = STOP_GRACE_MS): Promise<void> {
  const exited = waitForExit(child);
  if (child.exitCode !== null || child.signalCode !== null) return;

  child.kill('SIGTERM');
  const gone = await Promise.race([exited.then(() => true), sleep(graceMs, false)]);
  if (gone) return;

  child.kill('SIGKILL');
  await exited;
}
