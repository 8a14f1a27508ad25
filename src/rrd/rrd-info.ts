import type { RrdtoolRunner } from './rrdtool-runner.js';

/** The parts of `rrdtool info` rtmon uses. */
export interface RrdInfo {
  step: number;
  lastUpdate: number;
  dataSources: Array<{ name: string; type: string }>;
  /** Each archive: its consolidation function, rows, and steps per row. */
  archives: Array<{ cf: string; rows: number; pdpPerRow: number }>;
}

/** Runs `rrdtool info FILE` and reads the step, the data sources and the archives. */
export async function readRrdInfo(runner: RrdtoolRunner, file: string): Promise<RrdInfo> {
  const output = await runner.runText(['info', ...runner.daemonArgs(), file]);

  return parseRrdInfo(output);
}

/** Parses `key = value` lines of `rrdtool info`. */
export function parseRrdInfo(output: string): RrdInfo {
  const fields = new Map<string, string>();
  for (const line of output.split('\n')) {
    const match = /^(\S+) = (.*)$/.exec(line);
    if (match !== null) fields.set(match[1] ?? '', (match[2] ?? '').replace(/^"(.*)"$/, '$1'));
  }

  const dataSources: RrdInfo['dataSources'] = [];
  const archives: RrdInfo['archives'] = [];
  for (const [key, value] of fields) {
    const source = /^ds\[(.+)\]\.type$/.exec(key);
    if (source !== null) dataSources.push({ name: source[1] ?? '', type: value });

    const archive = /^rra\[(\d+)\]\.cf$/.exec(key);
    if (archive !== null) {
      const prefix = `rra[${archive[1] ?? ''}]`;
      archives.push({
        cf: value,
        rows: Number(fields.get(`${prefix}.rows`)),
        pdpPerRow: Number(fields.get(`${prefix}.pdp_per_row`)),
      });
    }
  }

  return {
    step: Number(fields.get('step')),
    lastUpdate: Number(fields.get('last_update')),
    dataSources,
    archives,
  };
}
