import { setTimeout as sleep } from 'node:timers/promises';

const CHECK_EVERY_MS = 10;

/**
 * Resolves once `condition()` holds, running `refresh()` (a look at the world outside the test)
 * before each check; rejects with `what` when it has not held within `timeoutMs`.
 */
export async function waitUntil(
  condition: () => boolean,
  timeoutMs: number,
  what: string,
  refresh: () => Promise<void> = async () => undefined,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await refresh();
    if (condition()) return;

    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);

    await sleep(CHECK_EVERY_MS);
  }
}
