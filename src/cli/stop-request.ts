const PARENT_CHECK_MS = 1_000;
const STOP_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** A request to stop: a signal, or the parent process going away. */
export interface StopRequest {
  /** Resolves with the reason once a stop is asked for. */
  readonly reason: Promise<string>;
  /** Removes the signal handlers and the parent check. */
  dispose(): void;
}

/**
 * Listens for Ctrl-C, SIGTERM and SIGHUP from now on, so that a signal during start-up waits
 * for the children to be stopped instead of killing this process first. A parent killed
 * without passing the signal on (npm, a shell) leaves this process orphaned; that counts too.
 */
export function listenForStopRequest(): StopRequest {
  let resolveReason: (reason: string) => void = () => {};
  const reason = new Promise<string>((resolve) => (resolveReason = resolve));
  const onSignal = (signal: NodeJS.Signals) => resolveReason(`received ${signal}`);
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);

  const parent = process.ppid;
  const parentCheck = setInterval(() => {
    if (process.ppid !== parent) resolveReason('the parent process went away');
  }, PARENT_CHECK_MS);

  return {
    reason,
    dispose() {
      clearInterval(parentCheck);
      for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
    },
  };
}
