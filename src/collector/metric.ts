/** One collectd value list: where it goes (plugin, type and their instances) and its values. */
export interface Metric {
  plugin: string;
  pluginInstance: string;
  type: string;
  typeInstance: string;
  /** One number per data source of the type; null is written as U, collectd's unknown. */
  values: (number | bigint | null)[];
}

/** A metric of the `rtorrent` plugin. */
export function rtorrentMetric(
  instance: string,
  type: string,
  typeInstance: string,
  ...values: (number | bigint | null)[]
): Metric {
  return { plugin: 'rtorrent', pluginInstance: instance, type, typeInstance, values };
}
