import type { AddressInfo } from 'node:net';

import { serve } from '@hono/node-server';

import { createApp } from '../../src/web/create-app.js';
import type { AppOptions } from '../../src/web/app-context.js';

export interface ServedApp {
  url: string;
  close(): Promise<void>;
}

/** Serves the viewer on 127.0.0.1 at a free port, for tests that need a real socket. */
export function serveApp(options: AppOptions): Promise<ServedApp> {
  return listenOnLoopback(createApp(options).fetch);
}

/** Serves any fetch handler on 127.0.0.1 at a free port; `close` also ends open connections. */
export async function listenOnLoopback(
  fetch: (request: Request) => Response | Promise<Response>,
): Promise<ServedApp> {
  const server = serve({ fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
