import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { COLLECTOR_NODE_FLAGS } from '../collector/collector-node-flags.js';
import { findPackageRoot } from '../web/package-root.js';

const TEMPLATE_FILE = 'rtmon-start.conf.template';

/** One `rtmon collect` that collectd runs through its exec plugin. */
export interface CollectorEntry {
  url: string;
  /** The plugin instance, `rtorrent-<instance>`; empty for plain `rtorrent`. */
  instance: string;
}

export interface StartConfigValues {
  hostname: string;
  /** collectd's BaseDir; the RRD files go in its `rrd` folder. */
  stateDirectory: string;
  intervalSeconds: number;
  /** `user:group` the exec plugin runs the collectors as. */
  execUser: string;
  /** The Node.js binary and rtmon's cli.js, absolute. */
  nodePath: string;
  cliPath: string;
  collectors: CollectorEntry[];
}

/** The collectd.conf of `rtmon start`: the template in collectd/ with this run's values. */
export async function buildStartConfig(values: StartConfigValues): Promise<string> {
  const template = await readFile(join(findPackageRoot(), 'collectd', TEMPLATE_FILE), 'utf8');

  return fillTemplate(template, {
    HOSTNAME: values.hostname,
    STATE_DIR: values.stateDirectory,
    INTERVAL_SECONDS: String(values.intervalSeconds),
    EXEC_LINES: values.collectors.map((entry) => formatExecLine(values, entry)).join('\n'),
  });
}

/**
 * An exec plugin line that runs one collector, every argument quoted the collectd way. The URL
 * is always named: collectd 5.12 changes the user of exec programs but keeps its own HOME, so
 * the collector must not go looking for an ini file.
 */
export function formatExecLine(
  values: Pick<StartConfigValues, 'execUser' | 'nodePath' | 'cliPath'>,
  entry: CollectorEntry,
): string {
  const instance = entry.instance === '' ? [] : ['--instance', entry.instance];
  const words = [
    values.execUser,
    values.nodePath,
    ...COLLECTOR_NODE_FLAGS,
    values.cliPath,
    'collect',
    '--url',
    entry.url,
  ];

  return `  Exec ${[...words, ...instance].map(quote).join(' ')}`;
}

/** Replaces every `{{NAME}}`; a name without a value is a mistake in the template. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{([A-Z_]+)\}\}/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`the collectd template names an unknown {{${name}}}`);

    return value;
  });
}

// collectd's config strings are double-quoted with backslash escapes.
function quote(word: string): string {
  return `"${word.replace(/[\\"]/g, (character) => `\\${character}`)}"`;
}
