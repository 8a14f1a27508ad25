import type { TestContext } from 'node:test';

/**
 * Cleanups that run last-in, first-out after the test, pass or fail: node:test runs `t.after`
 * hooks in the order they were added, which would remove a folder before stopping its users.
 */
export function useCleanupStack(t: TestContext): (cleanup: () => unknown) => void {
  const cleanups: (() => unknown)[] = [];
  t.after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  return (cleanup) => {
    cleanups.push(cleanup);
  };
}
