import type { Context } from 'hono';

import { badParameter } from './http-error.js';

/** Longer values are refused before any lookup: no real name or time is this long. */
export const MAX_PARAMETER_LENGTH = 256;

/** A query parameter as given, or undefined; refuses repeated and over-long values. */
export function readParameter(context: Context, name: string): string | undefined {
  const values = context.req.queries(name);
  if (values === undefined || values.length === 0) return undefined;

  if (values.length > 1) throw badParameter(name, values.join(','), 'given once');

  const value = values[0] ?? '';
  if (value.length > MAX_PARAMETER_LENGTH) {
    throw badParameter(name, value, `at most ${MAX_PARAMETER_LENGTH} characters long`);
  }

  return value;
}

/** A parameter that must be given. */
export function requireParameter(context: Context, name: string): string {
  const value = readParameter(context, name);
  if (value === undefined || value === '') throw badParameter(name, '', 'given');

  return value;
}

/** One of a fixed set of words, or the fallback when absent. */
export function readChoice<T extends string>(
  context: Context,
  name: string,
  choices: readonly T[],
  fallback: T,
): T {
  const value = readParameter(context, name);
  if (value === undefined) return fallback;

  if (!(choices as readonly string[]).includes(value)) {
    throw badParameter(name, value, `one of ${choices.join(', ')}`);
  }

  return value as T;
}

/** A whole number within bounds, or the fallback when absent. */
export function readInteger(
  context: Context,
  name: string,
  bounds: { min: number; max: number },
  fallback: number,
): number {
  const value = readParameter(context, name);
  if (value === undefined) return fallback;

  const number = /^\d{1,7}$/.test(value) ? Number(value) : Number.NaN;
  if (!(number >= bounds.min && number <= bounds.max)) {
    throw badParameter(name, value, `a whole number from ${bounds.min} to ${bounds.max}`);
  }

  return number;
}
