import { join } from 'node:path';

import { Hono } from 'hono';
import { compress } from 'hono/compress';

import { basicAuth } from '../auth/basic-auth.js';
import { createAppContext, type AppOptions } from './app-context.js';
import { errorResponse } from './error-response.js';
import { hostCheck } from './host-check.js';
import { addGraphRoute } from './graph-route.js';
import { addHostsRoute } from './hosts-route.js';
import { notFound } from './http-error.js';
import { addLiveRoutes } from './live-routes.js';
import { findPackageRoot } from './package-root.js';
import { securityHeaders } from './security-headers.js';
import { addSeriesRoute } from './series-route.js';
import { addStaticRoutes } from './static-routes.js';

/** The viewer's web application; `app.request()` drives it in tests, `serve()` on a socket. */
export function createApp(options: AppOptions): Hono {
  const context = createAppContext(options, options.webDir ?? join(findPackageRoot(), 'web'));
  const app = new Hono();

  app.use(securityHeaders());
  if (options.allowedHosts !== undefined) app.use(hostCheck(options.allowedHosts));
  if (Object.keys(options.users ?? {}).length > 0) {
    app.use(basicAuth(options.users ?? {}, ['/healthz']));
  }

  app.onError((error, c) => {
    const response = errorResponse(error, c);
    if (response.status >= 500) options.onServerError?.(error, c.req.raw);

    return response;
  });
  app.notFound((c) => errorResponse(notFound('page', new URL(c.req.url).pathname), c));
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  // An hour of a series is 7 kB of JSON that gzip takes to a fifth. /api/live is left as it
  // is: 3 kB asked for by every page every few seconds, and its stream must reach the page
  // event by event, which a compressor holding bytes back would not do.
  app.use('/api/hosts', compress());
  app.use('/api/series', compress());
  addStaticRoutes(app, context);
  addHostsRoute(app, context);
  addLiveRoutes(app, context);
  addSeriesRoute(app, context);
  addGraphRoute(app, context);

  return app;
}
