import type { Hono } from 'hono';

import { groupSeries } from '../graph/series-group.js';
import type { AppContext } from './app-context.js';

/**
 * `GET /api/hosts`: every host, its plugin folders, their series from the files on disk, and
 * the groups of series the graph browser draws together.
 */
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
          groups: groupSeries(plugin).map((group) => ({
            name: group.name,
            series: group.series.map((series) => series.name),
          })),
        })),
      })),
    });
  });
}
