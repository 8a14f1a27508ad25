import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import type { Hono } from 'hono';

import type { AppContext } from './app-context.js';
import { pickContentEncoding } from './content-encoding.js';
import { isEtagMatch } from './etag-match.js';
import { loadStaticAsset, type StaticAsset } from './static-asset.js';

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

/**
 * The pages, styles, scripts, and Chart.js from the installed package: nothing from a CDN.
 * Each is compressed when the browser takes it so, and tagged, so that a reload costs a 304
 * instead of the whole page again.
 */
export function addStaticRoutes(app: Hono, context: AppContext): void {
  const files = staticFiles(context.webDir);
  const loaded = new Map<string, Promise<StaticAsset>>();
  const load = (file: string) => {
    const cached = loaded.get(file);
    if (cached !== undefined) return cached;

    const loading = loadStaticAsset(file);
    loaded.set(file, loading);
    // A file that could not be read is tried again next time.
    loading.catch(() => loaded.delete(file));

    return loading;
  };
  for (const [route, file] of Object.entries(files)) {
    app.get(route, async (c) => {
      const asset = await load(file);
      const encoding = pickContentEncoding(c.req.header('Accept-Encoding'));
      const { bytes, etag } = asset[encoding];
      const extension = /\.[a-z]+$/.exec(file)?.[0] ?? '.html';
      c.header('Content-Type', CONTENT_TYPES[extension] ?? 'application/octet-stream');
      c.header('Cache-Control', 'no-cache');
      c.header('Vary', 'Accept-Encoding');
      c.header('ETag', etag);
      if (isEtagMatch(c.req.header('If-None-Match'), etag)) return c.body(null, 304);

      if (encoding !== 'identity') c.header('Content-Encoding', encoding);

      return c.body(new Uint8Array(bytes));
    });
  }
}
