import type { RrdPlugin, RrdSeries } from '../rrd/rrd-catalog.js';
import type { AppContext } from './app-context.js';
import { notFound } from './http-error.js';

/** The series named by a request, looked up among files that exist; 404 names what is missing. */
export async function findSeriesOr404(
  context: AppContext,
  hostName: string,
  pluginName: string,
  seriesName: string,
): Promise<{ plugin: RrdPlugin; series: RrdSeries }> {
  const host = await context.catalog.findHost(hostName);
  if (host === undefined) throw notFound('host', hostName);

  const plugin = host.plugins.find((entry) => entry.name === pluginName);
  if (plugin === undefined) throw notFound('plugin', pluginName);

  const series = plugin.series.find((entry) => entry.name === seriesName);
  if (series === undefined) throw notFound('series', seriesName);

  return { plugin, series };
}
