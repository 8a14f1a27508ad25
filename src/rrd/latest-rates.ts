import { escapeDefPath } from './escape-def-path.js';
import { parseXportJson } from './rrd-xport.js';
import { RrdtoolError } from './rrdtool-error.js';
import type { RrdtoolRunner } from './rrdtool-runner.js';

/** How far back to look for the newest known rate of a counter. */
export const RATE_WINDOW_S = 300;

export interface RateSource {
  file: string;
  ds: string;
}

export interface Rate {
  /** Per second, as rrdtool derived it from the counter; null when unknown. */
  value: number | null;
  /** The end of the step the rate belongs to, seconds since the epoch. */
  time: number;
}

/**
 * The newest known per-second rate of counters (DERIVE and COUNTER sources, whose last update
 * is a raw count), all read with one `rrdtool xport`. Keyed by {@link rateKey}.
 */
export async function readLatestRates(
  runner: RrdtoolRunner,
  sources: RateSource[],
  nowS: number,
): Promise<Map<string, Rate>> {
  const rates = new Map<string, Rate>();
  if (sources.length === 0) return rates;

  const args = ['xport', ...runner.daemonArgs(), '--json', '--showtime'];
  args.push('--start', String(nowS - RATE_WINDOW_S), '--end', String(nowS));
  sources.forEach((source, index) => {
    args.push(`DEF:v${index}=${escapeDefPath(source.file)}:${source.ds}:AVERAGE`);
    args.push(`XPORT:v${index}:c${index}`);
  });
  const output = await runner.runText(args);
  let xport;
  try {
    xport = parseXportJson(output);
  } catch (error) {
    throw new RrdtoolError(`rrdtool ${args.join(' ')}`, 'unreadable xport output', {
      cause: error,
    });
  }

  sources.forEach((source, index) => {
    rates.set(rateKey(source), newestKnown(xport.rows, index + 1, xport.end));
  });

  return rates;
}

export function rateKey(source: RateSource): string {
  return `${source.file}\u0000${source.ds}`;
}

function newestKnown(rows: Array<Array<number | null>>, column: number, end: number): Rate {
  for (let index = rows.length - 1; index >= 0; index -= 1) {
    const row = rows[index] ?? [];
    const value = row[column];
    if (value !== null && value !== undefined) return { value, time: row[0] ?? end };
  }

  return { value: null, time: end };
}
