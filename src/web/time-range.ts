import { badParameter } from './http-error.js';

/** Named ranges of the graph browser and the API, in seconds. */
export const RANGE_PRESETS_S: Record<string, number> = {
  hour: 3_600,
  day: 86_400,
  week: 7 * 86_400,
  month: 31 * 86_400,
  year: 366 * 86_400,
};

export const DEFAULT_RANGE = 'day';
export const MAX_RANGE_S = 10 * 366 * 86_400;
export const MIN_RANGE_S = 10;
/** Relative ranges end at "now" rounded down to this, so repeated graphs can share a cache. */
export const NOW_ROUNDING_S = 5;

const UNIT_SECONDS: Record<string, number> = {
  s: 1,
  min: 60,
  h: 3_600,
  d: 86_400,
  w: 7 * 86_400,
  mon: 31 * 86_400,
  y: 366 * 86_400,
};

export interface TimeRange {
  /** Seconds since the epoch, always whole numbers that rtmon computed itself. */
  start: number;
  end: number;
}

export interface RangeQuery {
  range?: string | undefined;
  start?: string | undefined;
  end?: string | undefined;
}

/**
 * Reads `range=hour|day|week|month|year`, or `start` and `end` as epoch seconds, `now`, or
 * `-<n><unit>` before now (units s, min, h, d, w, mon, y), and re-writes them as two whole
 * numbers, so none of rrdtool's own time syntax ever reaches its command line.
 */
export function parseTimeRange(query: RangeQuery, nowMs: number = Date.now()): TimeRange {
  const now = Math.floor(nowMs / 1000 / NOW_ROUNDING_S) * NOW_ROUNDING_S;
  if (query.start === undefined && query.end === undefined) return presetRange(query.range, now);

  if (query.range !== undefined) {
    throw badParameter('range', query.range, 'left out when start or end is given');
  }

  const end = query.end === undefined ? now : parseTime('end', query.end, now);
  const start =
    query.start === undefined ? end - RANGE_PRESETS_S.day! : parseTime('start', query.start, now);

  return checkRange({ start, end });
}

function presetRange(range: string | undefined, now: number): TimeRange {
  const name = range ?? DEFAULT_RANGE;
  const span = Object.hasOwn(RANGE_PRESETS_S, name) ? RANGE_PRESETS_S[name] : undefined;
  if (span === undefined) {
    throw badParameter('range', name, `one of ${Object.keys(RANGE_PRESETS_S).join(', ')}`);
  }

  return { start: now - span, end: now };
}

function parseTime(name: string, text: string, now: number): number {
  if (text === 'now') return now;

  if (/^\d{1,11}$/.test(text)) return Number(text);

  const relative = /^-(\d{1,9})(s|min|h|d|w|mon|y)?$/.exec(text);
  if (relative === null) {
    throw badParameter(name, text, "epoch seconds, 'now', or '-<number><s|min|h|d|w|mon|y>'");
  }

  return now - Number(relative[1]) * (UNIT_SECONDS[relative[2] ?? 's'] ?? 1);
}

function checkRange(range: TimeRange): TimeRange {
  const span = range.end - range.start;
  if (range.start < 0 || span < MIN_RANGE_S) {
    throw badParameter(
      'start',
      String(range.start),
      `at least ${MIN_RANGE_S} s before end (${range.end})`,
    );
  }

  if (span > MAX_RANGE_S) {
    throw badParameter('start', String(range.start), `no more than ${MAX_RANGE_S} s before end`);
  }

  return range;
}
