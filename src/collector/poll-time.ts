/**
 * The poll's time for collectd. Whole seconds suit a whole-second interval; a shorter one needs
 * milliseconds, because collectd 5.12 drops a value whose time equals the one before it.
 */
export function timestampOf(startedAtMs: number, intervalSeconds: number): number {
  if (Number.isInteger(intervalSeconds)) return Math.round(startedAtMs / 1000);

  return Math.round(startedAtMs) / 1000;
}
