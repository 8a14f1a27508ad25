import type { RrdPlugin, RrdSeries } from '../rrd/rrd-catalog.js';

/** Plugins whose series are parts of one whole, drawn stacked: memory states, CPU states, df. */
const STACKED_PLUGINS = new Set(['cpu', 'memory', 'swap', 'df']);

/** Types from collectd's types.db whose one data source is named `value`. */
const SINGLE_VALUE_TYPES = new Set([
  'bytes',
  'count',
  'cpu',
  'current_connections',
  'df_complex',
  'file_handles',
  'gauge',
  'memory',
  'percent',
  'swap',
]);

/** Group names start with `+`, which no listed file name can, so the two never collide. */
export const GROUP_PREFIX = '+';

/** Several single-value series of one plugin drawn together: `+memory`, `+count-items`. */
export interface SeriesGroup {
  name: string;
  type: string;
  stacked: boolean;
  series: RrdSeries[];
}

/**
 * The groups of a plugin folder: series of one type in the stacked plugins (memory-used,
 * memory-free, …), else series of one type whose instances share the part before the first
 * `_` (count-items_seeding, count-items_leeching, …). A group has two series or more.
 */
export function groupSeries(plugin: RrdPlugin): SeriesGroup[] {
  const stacked = STACKED_PLUGINS.has(plugin.plugin);
  const groups = new Map<string, SeriesGroup>();
  for (const series of plugin.series) {
    if (!SINGLE_VALUE_TYPES.has(series.type) || series.typeInstance === '') continue;

    const key = stacked ? series.type : `${series.type}-${series.typeInstance.split('_')[0]}`;
    const name = `${GROUP_PREFIX}${key}`;
    const group = groups.get(name) ?? { name, type: series.type, stacked, series: [] };
    group.series.push(series);
    groups.set(name, group);
  }

  return [...groups.values()].filter((group) => group.series.length > 1);
}
