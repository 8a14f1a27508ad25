import { setTimeout as sleep } from 'node:timers/promises';

const CHECK_EVERY_MS = 10;

/** Resolves once `condition()` holds; rejects with `what` when it has not within `timeoutMs`. */
export async function waitUntil(
  condition: () => boolean,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);

    await sleep(CHECK_EVERY_MS);
  }
}
