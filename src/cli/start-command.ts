import { parseArgs } from 'node:util';

import { describeError } from '../describe-error.js';
import { resolveStateDirectory } from '../stack/state-directory.js';
import { startEmbeddedStack, type EmbeddedStack } from '../stack/embedded-stack.js';
import { UsageError, type Command } from './command.js';

const DEFAULT_HOST = '127.0.0.1';
const DEFAULT_PORT = 8042;
const DEFAULT_INTERVAL_SECONDS = 10;

/** `rtmon start`: collectd, the collector and the viewer on this machine, a demo if need be. */
export const startCommand: Command = {
  summary: 'run collectd, the collector and the viewer here (a demo swarm if no rTorrent)',
  usage:
    'rtmon start [--url URL] [--instance NAME] [--demo] [--host H] [--port P] ' +
    '[--interval SECONDS] [--state-dir DIR]',
  async run(args) {
    const options = readOptions(args);
    const stack = await startEmbeddedStack({
      ...options,
      onDemoError: (error) => console.error(`rtmon start: demo: ${describeError(error)}`),
    });
    printSummary(stack, options.stateDirectory);

    const reason = await waitForEnd(stack);
    console.error(`rtmon start: ${reason}; stopping`);
    await stack.stop();

    return reason.startsWith('received') ? 0 : 1;
  },
};

function readOptions(args: string[]) {
  const values = parseFlags(args);

  return {
    url: values.url,
    instance: values.instance,
    demo: values.demo ?? false,
    host: values.host ?? DEFAULT_HOST,
    port: readNumber('--port', values.port, DEFAULT_PORT),
    intervalSeconds: readNumber('--interval', values.interval, DEFAULT_INTERVAL_SECONDS),
    stateDirectory: values['state-dir'] ?? resolveStateDirectory(),
  };
}

function parseFlags(args: string[]) {
  try {
    return parseFlagsStrictly(args);
  } catch (error) {
    throw new UsageError((error as Error).message, { cause: error });
  }
}

function parseFlagsStrictly(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      url: { type: 'string' },
      instance: { type: 'string' },
      demo: { type: 'boolean' },
      host: { type: 'string' },
      port: { type: 'string' },
      interval: { type: 'string' },
      'state-dir': { type: 'string' },
    },
    strict: true,
  });

  return values;
}

function readNumber(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;

  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) {
    throw new UsageError(`${flag} takes a positive number, not '${text}'`);
  }

  return value;
}

function printSummary(stack: EmbeddedStack, stateDirectory: string): void {
  const watched = stack.collectors.map((entry) => {
    return `  ${entry.instance === '' ? 'rtorrent' : `rtorrent-${entry.instance}`}  ${entry.url}`;
  });
  console.log(
    [
      `rtmon: viewer at ${stack.viewerUrl}`,
      `rtmon: watching, from ${stack.source}:`,
      ...watched,
      `rtmon: state in ${stateDirectory} (collectd.conf, rrd/, logs/)`,
      'rtmon: Ctrl-C stops everything',
    ].join('\n'),
  );
}

function waitForEnd(stack: EmbeddedStack): Promise<string> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => resolve(`received ${signal}`);
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    void stack.childExited.then((name) => resolve(`${name} exited on its own`));
  });
}
