import type { TestContext } from 'node:test';

import { runCollectLoop } from '../../src/collector/collect-loop.js';

/** A collect loop a test runs against one peer, with everything it wrote kept. */
export interface WatchedCollectLoop {
  /** The PUTVAL and PUTNOTIF lines, in order. */
  lines: string[];
  /** What it told the operator on stderr. */
  warnings: string[];
  /** Stops the loop and waits for it to end. */
  stop(): Promise<boolean>;
}

/** Starts the loop as `rtmon collect` would, for host `test`; it stops when the test ends. */
export function watchCollectLoop(
  t: TestContext,
  url: string,
  intervalSeconds: number,
): WatchedCollectLoop {
  const lines: string[] = [];
  const warnings: string[] = [];
  const abort = new AbortController();
  t.after(() => abort.abort());
  const loop = runCollectLoop({
    url,
    instance: '',
    hostname: 'test',
    intervalSeconds,
    once: false,
    emit: (line) => lines.push(line),
    warn: (line) => warnings.push(line),
    signal: abort.signal,
  });

  return {
    lines,
    warnings,
    stop() {
      abort.abort();

      return loop;
    },
  };
}
