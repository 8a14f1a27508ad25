/** One PUTVAL line taken apart. */
export interface PutvalLine {
  identifier: string;
  intervalSeconds: number;
  /** The poll's start, in milliseconds since the epoch. */
  timeMs: number;
  values: number[];
}

/** Reads `PUTVAL "host/plugin/type" interval=N TIME:V[:V…]`, or undefined for any other line. */
export function parsePutval(line: string): PutvalLine | undefined {
  const match = /^PUTVAL "([^"]+)" interval=([\d.]+) ([\d.]+):(.+)$/.exec(line);
  if (match === null) return undefined;

  const [, identifier = '', interval = '', time = '', values = ''] = match;

  return {
    identifier,
    intervalSeconds: Number(interval),
    timeMs: Number(time) * 1000,
    values: values.split(':').map(Number),
  };
}
