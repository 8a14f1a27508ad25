import { execa, ExecaError } from 'execa';

import { BoundedQueue } from './bounded-queue.js';
import { RrdtoolError, RrdtoolTimeoutError } from './rrdtool-error.js';

export const RRDTOOL_MAX_RUNNING = 4;
export const RRDTOOL_MAX_WAITING = 16;
export const RRDTOOL_TIMEOUT_MS = 10_000;
export const RRDTOOL_MAX_OUTPUT_BYTES = 32 * 1024 * 1024;

export interface RrdtoolRunnerOptions {
  /** The rrdtool program; `rrdtool` from PATH unless given. */
  binary?: string;
  /** rrdcached's address; every read then passes `--daemon` so the daemon flushes first. */
  daemon?: string;
  maxRunning?: number;
  maxWaiting?: number;
  timeoutMs?: number;
}

/** Runs the rrdtool command line, a bounded number at a time, each within a deadline. */
export class RrdtoolRunner {
  readonly binary: string;
  readonly daemon: string;
  readonly queue: BoundedQueue;
  readonly timeoutMs: number;

  constructor(options: RrdtoolRunnerOptions = {}) {
    this.binary = options.binary ?? 'rrdtool';
    this.daemon = options.daemon ?? '';
    this.timeoutMs = options.timeoutMs ?? RRDTOOL_TIMEOUT_MS;
    this.queue = new BoundedQueue(
      options.maxRunning ?? RRDTOOL_MAX_RUNNING,
      options.maxWaiting ?? RRDTOOL_MAX_WAITING,
    );
  }

  /** `--daemon ADDRESS` when rrdcached is configured, else nothing. */
  daemonArgs(): string[] {
    return this.daemon === '' ? [] : ['--daemon', this.daemon];
  }

  /** Runs `rrdtool ARGS` (with `input` on stdin) and resolves to its stdout as bytes. */
  async run(args: string[], input?: string): Promise<Buffer> {
    return this.queue.run(() => this.#spawn(args, input));
  }

  /** Runs `rrdtool ARGS` and resolves to its stdout as text. */
  async runText(args: string[], input?: string): Promise<string> {
    return (await this.run(args, input)).toString('utf8');
  }

  async #spawn(args: string[], input: string | undefined): Promise<Buffer> {
    const command = [this.binary, ...args].join(' ');
    try {
      const result = await execa(this.binary, args, {
        input: input ?? '',
        encoding: 'buffer',
        timeout: this.timeoutMs,
        maxBuffer: RRDTOOL_MAX_OUTPUT_BYTES,
        stripFinalNewline: false,
        env: { LC_ALL: 'C', TZ: process.env.TZ ?? 'UTC' },
        extendEnv: true,
      });

      return Buffer.from(result.stdout);
    } catch (error) {
      throw toRrdtoolError(command, error, this.timeoutMs);
    }
  }
}

function toRrdtoolError(command: string, error: unknown, timeoutMs: number): RrdtoolError {
  if (!(error instanceof ExecaError))
    return new RrdtoolError(command, String(error), { cause: error });

  if (error.timedOut) return new RrdtoolTimeoutError(command, timeoutMs, { cause: error });

  const stderr = Buffer.from(error.stderr ?? '').toString('utf8');
  const message = stderr.trim() || error.shortMessage;

  return new RrdtoolError(command, message, { cause: error });
}
