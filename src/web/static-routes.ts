import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import type { Hono } from 'hono';

import type { AppContext } from './app-context.js';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** Browser files by URL: a fixed table, so no request names a file on disk. */
function staticFiles(webDir: string): Record<string, string> {
  const chartJs = dirname(createRequire(import.meta.url).resolve('chart.js'));

  return {
    '/': join(webDir, 'index.html'),
    '/graphs': join(webDir, 'graphs.html'),
    '/assets/app.css': join(webDir, 'app.css'),
    '/assets/common.js': join(webDir, 'common.js'),
    '/assets/live.js': join(webDir, 'live.js'),
    '/assets/graphs.js': join(webDir, 'graphs.js'),
    '/assets/favicon.svg': join(webDir, 'favicon.svg'),
    '/assets/chart.umd.min.js': join(chartJs, 'chart.umd.min.js'),
  };
}

/** The pages, styles, scripts, and Chart.js from the installed package: nothing from a CDN. */
export function addStaticRoutes(app: Hono, context: AppContext): void {
  const files = staticFiles(context.webDir);
  const loaded = new Map<string, Promise<Buffer>>();
  const remember = (file: string) => {
    const reading = readFile(file);
    loaded.set(file, reading);
    // A file that could not be read is tried again next time.
    reading.catch(() => loaded.delete(file));

    return reading;
  };
  for (const [route, file] of Object.entries(files)) {
    app.get(route, async (c) => {
      const body = await (loaded.get(file) ?? remember(file));
      const extension = /\.[a-z]+$/.exec(file)?.[0] ?? '.html';
      c.header('Content-Type', CONTENT_TYPES[extension] ?? 'application/octet-stream');
      c.header('Cache-Control', 'no-cache');

      return c.body(new Uint8Array(body));
    });
  }
}
