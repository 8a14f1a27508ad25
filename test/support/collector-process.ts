import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** The compiled command line, beside the compiled tests. */
export const CLI_PATH = fileURLToPath(new URL('../../src/cli.js', import.meta.url));

/** One line a process wrote, with the moment it reached the test. */
export interface TimedLine {
  atMs: number;
  text: string;
}

/** `rtmon collect` running as a child of the test, its output kept line by line. */
export interface CollectorProcess {
  child: ChildProcess;
  stdout: TimedLine[];
  stderr: TimedLine[];
  exited: Promise<number | NodeJS.Signals | null>;
  stop(): Promise<void>;
}

/** Starts `rtmon collect --url URL` the way collectd's exec plugin would. */
export function startCollector(url: string, intervalSeconds: number): CollectorProcess {
  const child = spawn(process.execPath, [CLI_PATH, 'collect', '--url', url], {
    env: {
      ...process.env,
      COLLECTD_INTERVAL: String(intervalSeconds),
      COLLECTD_HOSTNAME: 'test',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: TimedLine[] = [];
  const stderr: TimedLine[] = [];
  keepLines(child.stdout, stdout);
  keepLines(child.stderr, stderr);
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal));
  });

  return {
    child,
    stdout,
    stderr,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');

      await exited;
    },
  };
}

function keepLines(stream: NodeJS.ReadableStream | null, lines: TimedLine[]): void {
  if (stream === null) return;

  createInterface({ input: stream }).on('line', (text) => lines.push({ atMs: Date.now(), text }));
}
