import type { Hono } from 'hono';

import type { AppContext } from './app-context.js';

/** `GET /api/hosts`: every host, its plugin folders and their series, from the files on disk. */
export function addHostsRoute(app: Hono, context: AppContext): void {
  app.get('/api/hosts', async (c) => {
    const hosts = await context.catalog.hosts();

    return c.json({
      hosts: hosts.map((host) => ({
        name: host.name,
        plugins: host.plugins.map((plugin) => ({
          name: plugin.name,
          plugin: plugin.plugin,
          instance: plugin.instance,
          series: plugin.series.map((series) => ({
            name: series.name,
            type: series.type,
            typeInstance: series.typeInstance,
          })),
        })),
      })),
    });
  });
}
