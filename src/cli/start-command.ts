import { describeError } from '../describe-error.js';
import type { FoundRtorrent } from '../stack/find-rtorrent.js';
import { resolveStateDirectory } from '../stack/state-directory.js';
import { startEmbeddedStack, type EmbeddedStack } from '../stack/embedded-stack.js';
import { UsageError, type Command } from './command.js';
import { parseFlags } from './parse-flags.js';
import { resolveRtorrentTarget, type RtorrentTarget } from './rtorrent-target.js';
import { listenForStopRequest } from './stop-request.js';

const DEFAULT_HOST = '127.0.0.1';
const DEFAULT_PORT = 8042;
const DEFAULT_INTERVAL_SECONDS = 10;

/** `rtmon start`: collectd, the collector and the viewer on this machine, a demo if need be. */
export const startCommand: Command = {
  usage:
    'rtmon start [--url URL] [--instance NAME] [--demo] [--host H] [--port P] ' +
    '[--interval SECONDS] [--state-dir DIR]',
  async run(args) {
    const options = await readOptions(args);
    const stopRequest = listenForStopRequest();
    try {
      const stack = await startEmbeddedStack({
        ...options,
        onDemoError: (error) => console.error(`rtmon start: demo: ${describeError(error)}`),
      });
      printSummary(stack, options.stateDirectory);

      const end = await Promise.race([
        stopRequest.reason.then((reason) => ({ reason, isExpected: true })),
        stack.childExited.then((name) => ({ reason: `${name} exited`, isExpected: false })),
      ]);
      console.error(`rtmon start: ${end.reason}; stopping`);
      await stack.stop();

      return end.isExpected ? 0 : 1;
    } finally {
      stopRequest.dispose();
    }
  },
};

async function readOptions(args: string[]) {
  const values = parseFlags(args, {
    url: { type: 'string' },
    instance: { type: 'string' },
    demo: { type: 'boolean' },
    host: { type: 'string' },
    port: { type: 'string' },
    interval: { type: 'string' },
    'state-dir': { type: 'string' },
  });

  const demo = values.demo ?? false;
  const target = demo
    ? undefined
    : await resolveRtorrentTarget({ url: values.url, instance: values.instance });

  return {
    url: values.url,
    configured: toConfiguredRtorrent(target),
    instance: target?.instance,
    demo,
    host: values.host ?? DEFAULT_HOST,
    port: readNumber('--port', values.port, DEFAULT_PORT),
    intervalSeconds: readNumber('--interval', values.interval, DEFAULT_INTERVAL_SECONDS),
    stateDirectory: values['state-dir'] ?? resolveStateDirectory(),
  };
}

/**
 * The rTorrent the ini file names, as `rtmon collect` would take it; undefined when `--url` sets
 * the file aside or the file names none, and the stack then looks in the other usual places.
 */
function toConfiguredRtorrent(target: RtorrentTarget | undefined): FoundRtorrent | undefined {
  if (target?.urlFile === undefined) return undefined;

  return { url: target.url, source: target.urlFile };
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
