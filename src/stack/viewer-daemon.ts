import { setTimeout as sleep } from 'node:timers/promises';

import { startLoggedChild, type LoggedChild } from './logged-child.js';
import { StartError } from './start-error.js';

const READY_WAIT_MS = 20_000;
const READY_POLL_MS = 200;

export interface ViewerOptions {
  nodePath: string;
  cliPath: string;
  rrdDirectory: string;
  host: string;
  port: number;
  logFile: string;
}

/** Runs `rtmon serve` as a child and waits until its /healthz answers. */
export async function startViewer(options: ViewerOptions): Promise<LoggedChild> {
  const args = [
    options.cliPath,
    'serve',
    ...['--rrd-dir', options.rrdDirectory, '--host', options.host, '--port', String(options.port)],
  ];
  const viewer = await startLoggedChild('viewer', options.nodePath, args, options.logFile);
  let exit: unknown;
  void viewer.exited.then((value) => (exit = value ?? 'unknown'));

  const health = `http://${formatHost(options.host)}:${options.port}/healthz`;
  const deadline = Date.now() + READY_WAIT_MS;
  while (Date.now() < deadline) {
    if (exit !== undefined) {
      throw new StartError(
        'ERR_START_CHILD_EXITED',
        `the viewer exited (${String(exit)}) before answering; see ${options.logFile}`,
      );
    }

    const response = await fetch(health).catch(() => undefined);
    if (response?.ok) return viewer;

    await sleep(READY_POLL_MS);
  }

  viewer.child.kill('SIGTERM');
  throw new StartError(
    'ERR_START_VIEWER_TIMEOUT',
    `the viewer did not answer ${health} within ${READY_WAIT_MS} ms; see ${options.logFile}`,
  );
}

/** A host as it goes in a URL: IPv6 addresses in brackets. */
export function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
