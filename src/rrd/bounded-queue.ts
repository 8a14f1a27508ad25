import { RrdtoolBusyError } from './rrdtool-error.js';

/**
 * Runs at most `maxRunning` tasks at once and lets at most `maxWaiting` more wait their turn;
 * a task beyond that is refused at once with RrdtoolBusyError rather than queued without end.
 */
export class BoundedQueue {
  readonly maxRunning: number;
  readonly maxWaiting: number;
  #running = 0;
  #peakRunning = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(maxRunning: number, maxWaiting: number) {
    if (!Number.isInteger(maxRunning) || maxRunning < 1) {
      throw new TypeError(`maxRunning must be a positive integer, not ${String(maxRunning)}`);
    }

    if (!Number.isInteger(maxWaiting) || maxWaiting < 0) {
      throw new TypeError(`maxWaiting must be a non-negative integer, not ${String(maxWaiting)}`);
    }

    this.maxRunning = maxRunning;
    this.maxWaiting = maxWaiting;
  }

  get running(): number {
    return this.#running;
  }

  get waiting(): number {
    return this.#waiting.length;
  }

  /** The most tasks that ever ran at the same time. */
  get peakRunning(): number {
    return this.#peakRunning;
  }

  /** Runs the task when a slot is free; rejects at once when the queue is full. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.#acquire();
    try {
      return await task();
    } finally {
      this.#release();
    }
  }

  async #acquire(): Promise<void> {
    if (this.#running < this.maxRunning) {
      this.#start();

      return;
    }

    if (this.#waiting.length >= this.maxWaiting) {
      throw new RrdtoolBusyError(this.#running, this.#waiting.length);
    }

    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  #start(): void {
    this.#running += 1;
    this.#peakRunning = Math.max(this.#peakRunning, this.#running);
  }

  #release(): void {
    const next = this.#waiting.shift();
    if (next === undefined) {
      this.#running -= 1;

      return;
    }

    // The slot passes straight to the next task, so the count of running tasks stays the same.
    next();
  }
}
