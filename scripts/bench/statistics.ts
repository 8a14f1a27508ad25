/** The middle value of some measurements; the mean of the two middle ones for an even count. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of no values');

  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[middle] as number;

  return ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Times `run` `repetitions` times, one after the other; milliseconds each. */
export async function timeRuns(repetitions: number, run: () => unknown): Promise<number[]> {
  const times: number[] = [];
  for (let index = 0; index < repetitions; index++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }

  return times;
}

/**
 * Times two rivals turn about, so that load from other programs on a shared machine falls on
 * both alike: both rivals' times in each turn, in milliseconds, first rival first.
 */
export async function timeRivalTurns(
  repetitions: number,
  first: () => unknown,
  second: () => unknown,
): Promise<[number, number][]> {
  const turns: [number, number][] = [];
  for (let index = 0; index < repetitions; index++) {
    const [firstTime = 0] = await timeRuns(1, first);
    const [secondTime = 0] = await timeRuns(1, second);
    turns.push([firstTime, secondTime]);
  }

  return turns;
}

/** The value below which `share` of the values lie, read from the sorted values. */
export function quantile(values: readonly number[], share: number): number {
  if (values.length === 0) throw new RangeError('quantile of no values');

  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.round(share * (sorted.length - 1))));

  return sorted[index] as number;
}
