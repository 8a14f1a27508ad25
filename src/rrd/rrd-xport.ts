import { parseRrdNumber } from './lastupdate.js';
import { escapeDefPath } from './escape-def-path.js';
import { RrdtoolError } from './rrdtool-error.js';
import type { RrdtoolRunner } from './rrdtool-runner.js';

export type ConsolidationFunction = 'AVERAGE' | 'MIN' | 'MAX';

export interface XportRequest {
  file: string;
  dataSources: string[];
  cf: ConsolidationFunction;
  /** Seconds since the epoch; rtmon computes these, never passes a user's text. */
  start: number;
  end: number;
  /** Passed as `--maxrows` when given. */
  maxRows?: number;
}

/** One series over a range as `rrdtool xport` consolidates it. */
export interface Xport {
  start: number;
  end: number;
  step: number;
  columns: string[];
  /** Each row: its time, then one value per column, null where unknown. */
  rows: Array<[number, ...Array<number | null>]>;
}

/** Runs `rrdtool xport` for the request's data sources; the argv is what {@link xportArgs} builds. */
export async function xportSeries(runner: RrdtoolRunner, request: XportRequest): Promise<Xport> {
  const args = xportArgs(request, runner.daemonArgs());
  const output = await runner.runText(args);
  try {
    return parseXportJson(output);
  } catch (error) {
    throw new RrdtoolError(`rrdtool ${args.join(' ')}`, 'unreadable xport output', {
      cause: error,
    });
  }
}

/** The argv of `rrdtool xport --json --showtime` for one file's data sources. */
export function xportArgs(request: XportRequest, daemonArgs: string[] = []): string[] {
  const args = ['xport', ...daemonArgs, '--json', '--showtime'];
  args.push('--start', String(request.start), '--end', String(request.end));
  if (request.maxRows !== undefined) args.push('--maxrows', String(request.maxRows));

  const path = escapeDefPath(request.file);
  request.dataSources.forEach((name, index) => {
    args.push(`DEF:v${index}=${path}:${name}:${request.cf}`, `XPORT:v${index}:${name}`);
  });

  return args;
}

interface XportJson {
  meta: { start: number; end: number; step: number; legend: string[] };
  data: Array<Array<string | number | null>>;
}

/** Parses `rrdtool xport --json --showtime`: times come as strings, unknown values as null. */
export function parseXportJson(output: string): Xport {
  const parsed = JSON.parse(output) as XportJson;
  const rows = parsed.data.map(([time, ...values]) => {
    const row: [number, ...Array<number | null>] = [Number(time)];
    for (const value of values)
      row.push(typeof value === 'number' ? value : parseRrdNumber(value ?? undefined));

    return row;
  });

  return {
    start: parsed.meta.start,
    end: parsed.meta.end,
    step: parsed.meta.step,
    columns: parsed.meta.legend,
    rows,
  };
}
