import type { LastUpdate } from '../rrd/lastupdate.js';

/** One sensor's newest value and when it was written. */
export interface Reading {
  /** null when the archive says unknown; never a made-up zero. */
  value: number | null;
  /** Seconds since the epoch. */
  time: number;
}

/** A reading, or null when the sensor has no file at all (missing, shown as —). */
export type MaybeReading = Reading | null;

/** The sum of readings; unknown when any is unknown, and as old as the oldest. */
export function sumReadings(readings: MaybeReading[]): MaybeReading {
  const present = readings.filter((reading): reading is Reading => reading !== null);
  if (present.length === 0) return null;

  const time = Math.min(...present.map((reading) => reading.time));
  if (present.some((reading) => reading.value === null)) return { value: null, time };

  return { value: present.reduce((sum, reading) => sum + (reading.value ?? 0), 0), time };
}

/** The reading of one data source in a file's last update; null when the file is missing. */
export function toReading(update: LastUpdate | Error | undefined, ds: string): MaybeReading {
  if (update === undefined) return null;

  // A file rrdtool cannot read tells nothing, not even when it was written: shown as missing.
  if (update instanceof Error) return null;

  return { value: update.values[ds] ?? null, time: update.time };
}
