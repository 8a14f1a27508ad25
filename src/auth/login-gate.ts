/** Password checks allowed to run at once: each scrypt run holds 16 MB and a libuv thread. */
export const MAX_CHECKING = 2;
/** Password checks allowed to wait for a turn; any more are refused at once. */
export const MAX_WAITING_CHECKS = 32;

/**
 * Bounds the password checks in progress. Without it a flood of wrong guesses queues scrypt
 * runs without end on libuv's four threads, where every file read of every other request
 * waits behind them.
 */
export class LoginGate {
  #checking = 0;
  readonly #waiting: Array<() => void> = [];

  /** Runs the check when a turn is free; resolves to undefined at once when too many wait. */
  async run<T>(check: () => Promise<T>): Promise<T | undefined> {
    if (this.#checking >= MAX_CHECKING) {
      if (this.#waiting.length >= MAX_WAITING_CHECKS) return undefined;

      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    } else {
      this.#checking += 1;
    }

    try {
      return await check();
    } finally {
      this.#release();
    }
  }

  #release(): void {
    const next = this.#waiting.shift();
    if (next === undefined) {
      this.#checking -= 1;

      return;
    }

    // The turn passes straight to the next check, so the count stays the same.
    next();
  }
}
