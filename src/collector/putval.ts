import type { Metric } from './metric.js';

/** Where collectd files a value: `host/plugin[-instance]/type[-instance]`. */
export function formatIdentifier(host: string, metric: Metric): string {
  const plugin = metric.pluginInstance
    ? `${metric.plugin}-${metric.pluginInstance}`
    : metric.plugin;
  const type = metric.typeInstance ? `${metric.type}-${metric.typeInstance}` : metric.type;

  return `${host}/${plugin}/${type}`;
}

/**
 * One line of collectd's plain-text protocol, as the exec plugin reads it from stdout:
 * `PUTVAL "host/plugin-instance/type-instance" interval=10 1733220000:42`.
 */
export function formatPutval(
  host: string,
  metric: Metric,
  intervalSeconds: number,
  timeSeconds: number,
): string {
  const values = metric.values.map((value) => (value === null ? 'U' : String(value))).join(':');

  return `PUTVAL "${formatIdentifier(host, metric)}" interval=${intervalSeconds} ${timeSeconds}:${values}`;
}

export type NotificationSeverity = 'failure' | 'warning' | 'okay';

/**
 * A collectd notification line: `PUTNOTIF severity=failure time=… host=… plugin=rtorrent
 * message=…`. The exec plugin requires the message to come last.
 */
export function formatPutnotif(
  host: string,
  pluginInstance: string,
  severity: NotificationSeverity,
  timeSeconds: number,
  message: string,
): string {
  const options = [
    `severity=${severity}`,
    `time=${timeSeconds}`,
    `host=${host}`,
    'plugin=rtorrent',
  ];
  if (pluginInstance) options.push(`plugin_instance=${pluginInstance}`);

  return `PUTNOTIF ${options.join(' ')} message="${message.replace(/["\\\n]/g, ' ')}"`;
}
