import { GLOBAL_COMMANDS } from '../collector/global-commands.js';
import { formatIdentifier } from '../collector/putval.js';
import { RtorrentPoller } from '../collector/rtorrent-poller.js';
import { snapshotMetrics } from '../collector/snapshot-metrics.js';
import { describeError } from '../describe-error.js';
import { RtorrentClient } from '../rtorrent/rtorrent-client.js';
import type { Command } from './command.js';
import { parseFlags } from './parse-flags.js';
import { resolveRtorrentTarget } from './rtorrent-target.js';

// Commands the sensors use beyond the globals; a missing one means fewer series, not failure.
const ITEM_COMMANDS = ['d.multicall2', 't.multicall', 'p.multicall', 'view.list', 'view.size'];

export const checkCommand: Command = {
  usage: 'rtmon check [--url URL] [--config FILE]',
  async run(args) {
    const flags = parseFlags(args, { url: { type: 'string' }, config: { type: 'string' } });
    const { url } = await resolveRtorrentTarget(flags);
    const client = new RtorrentClient(url);
    try {
      const snapshot = await new RtorrentPoller(client).poll();
      const methods = await client.listMethods();
      printTable(snapshotMetrics(snapshot, ''));
      const lacking = [...Object.values(GLOBAL_COMMANDS), ...ITEM_COMMANDS].filter(
        (method) => !methods.has(method),
      );
      console.log(`\nrTorrent at ${url} answered in ${snapshot.pollMilliseconds.toFixed(1)} ms`);
      console.log(`commands it lacks: ${lacking.length > 0 ? lacking.join(', ') : 'none'}`);

      return 0;
    } catch (error) {
      console.error(`rtmon check: ${describeError(error)}`);

      return 1;
    }
  },
};

function printTable(metrics: ReturnType<typeof snapshotMetrics>): void {
  const rows = metrics.map((metric) => {
    const name = formatIdentifier('', metric).slice(1);

    return [name, metric.values.map((value) => (value === null ? 'U' : String(value))).join(' ')];
  });
  const width = Math.max(...rows.map(([name]) => (name as string).length));
  for (const [name, values] of rows) console.log(`${(name as string).padEnd(width)}  ${values}`);
}
