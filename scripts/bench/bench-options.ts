import { parseArgs } from 'node:util';

export const DEFAULT_ITEMS = 10_000;
// Shared machines drift; eleven turns about keep one slow run from moving a median far.
export const DEFAULT_REPETITIONS = 11;
/** The item counts of the scaling table; those above `--items` are left out. */
export const SCALING_ITEMS = [1_000, 5_000, 10_000];

export interface BenchOptions {
  items: number;
  repetitions: number;
  /** Whether to write the Performance section of the README. */
  writeReadme: boolean;
}

/** Reads `--items N`, `--repetitions N` and `--no-readme`. */
export function parseBenchOptions(args: string[]): BenchOptions {
  const { values } = parseArgs({
    args,
    options: {
      items: { type: 'string' },
      repetitions: { type: 'string' },
      'no-readme': { type: 'boolean' },
    },
  });

  return {
    items: readCount('--items', values.items, DEFAULT_ITEMS),
    repetitions: readCount('--repetitions', values.repetitions, DEFAULT_REPETITIONS),
    writeReadme: !values['no-readme'],
  };
}

/** The scaling table's item counts for a run at `items`: the standard ones up to it, and it. */
export function scalingSteps(items: number): number[] {
  const steps = SCALING_ITEMS.filter((count) => count < items);

  return [...steps, items];
}

function readCount(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;

  const count = Number(text);
  if (!Number.isSafeInteger(count) || count < 1) {
    throw new TypeError(`${flag} takes a whole number above 0, got '${text}'`);
  }

  return count;
}
