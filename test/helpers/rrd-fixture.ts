import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { execa } from 'execa';

/** The step of every fixture file, as collectd's rrdtool plugin would make it for `Interval 10`. */
export const FIXTURE_STEP_S = 10;
/** How many steps of history each fixture file holds. */
export const FIXTURE_STEPS = 720;

type Value = number | 'U';

export interface FixtureSeries {
  /** `<host>/<plugin folder>/<series>`, without `.rrd`. */
  path: string;
  /** `NAME:TYPE` per data source, as in collectd's types.db. */
  dataSources: string[];
  /** The values of step `index` (0 is the oldest), one per data source. */
  values(index: number): Value[];
  /** Writing stopped this many steps before the others, as for a sensor gone quiet. */
  lagSteps?: number;
}

const gauge = (path: string, value: (index: number) => Value): FixtureSeries => ({
  path,
  dataSources: ['value:GAUGE'],
  values: (index) => [value(index)],
});

const counter = (
  path: string,
  names: [string, string],
  perStep: [number, number],
): FixtureSeries => ({
  path,
  dataSources: names.map((name) => `${name}:DERIVE`),
  values: (index) => [index * perStep[0], index * perStep[1]],
});

/**
 * A seedbox archive with known contents: each value is a simple function of its step. Some
 * sensors are left out on purpose (`current_connections-http`, `count-items_hashing`) and
 * `count-items_messages` ends unknown, to show missing and unknown apart from zero.
 */
export const FIXTURE_SERIES: FixtureSeries[] = [
  gauge('seedbox/rtorrent/uptime', (index) => 86_400 + index * FIXTURE_STEP_S),
  gauge('seedbox/rtorrent/gauge-rate_up', (index) => 100_000 + index * 100),
  gauge('seedbox/rtorrent/gauge-rate_down', (index) => 50_000 + index * 50),
  gauge('seedbox/rtorrent/gauge-rate_skip', () => 0),
  gauge('seedbox/rtorrent/count-items_total', () => 120),
  gauge('seedbox/rtorrent/count-items_transferring', () => 7),
  gauge('seedbox/rtorrent/count-items_messages', (index) => (index >= FIXTURE_STEPS - 1 ? 'U' : 3)),
  gauge('seedbox/rtorrent/count-items_complete', () => 100),
  gauge('seedbox/rtorrent/count-items_incomplete', () => 20),
  gauge('seedbox/rtorrent/count-items_seeding', () => 90),
  gauge('seedbox/rtorrent/count-items_leeching', () => 15),
  gauge('seedbox/rtorrent/count-items_started', () => 105),
  gauge('seedbox/rtorrent/count-items_stopped', () => 15),
  gauge('seedbox/rtorrent/count-items_active', () => 105),
  gauge('seedbox/rtorrent/current_connections-sockets', () => 211),
  gauge('seedbox/rtorrent/file_handles-open', () => 64),
  gauge('seedbox/rtorrent/memory-pieces', () => 268_435_456),
  gauge('seedbox/rtorrent/percent-cpu', () => 12.5),
  gauge('seedbox/rtorrent/percent-memory', () => 3.25),
  gauge('seedbox/rtorrent/ps_rss', () => 536_870_912),
  gauge('seedbox/rtorrent/bytes-size_total', () => 4_000_000_000_000),
  gauge('seedbox/rtorrent/bytes-left_total', () => 250_000_000_000),
  gauge('seedbox/rtorrent/count-files_total', () => 5_432),
  gauge('seedbox/rtorrent/count-peers_connected', () => 321),
  gauge('seedbox/rtorrent/count-peers_incoming', () => 40),
  gauge('seedbox/rtorrent/count-peers_encrypted', () => 200),
  gauge('seedbox/rtorrent/response_time-poll', () => 0.042),
  counter('seedbox/rtorrent/if_octets-traffic', ['rx', 'tx'], [500_000, 1_000_000]),
  gauge('seedbox/rtorrent_tracker-tracker.example.org/count-items', () => 80),
  gauge('seedbox/rtorrent_tracker-tracker.example.org/count-messages', () => 1),
  gauge('seedbox/rtorrent_tracker-tracker.example.org/gauge-rate_up', () => 70_000),
  gauge('seedbox/rtorrent_tracker-tracker.example.org/gauge-rate_down', () => 30_000),
  gauge('seedbox/rtorrent_tracker-open.example.net/count-items', () => 40),
  gauge('seedbox/rtorrent_tracker-open.example.net/count-messages', () => 0),
  gauge('seedbox/rtorrent_tracker-open.example.net/gauge-rate_up', () => 30_000),
  gauge('seedbox/rtorrent_tracker-open.example.net/gauge-rate_down', () => 20_000),
  gauge('seedbox/rtorrent-demo1/uptime', () => 3_600),
  gauge('seedbox/rtorrent-demo1/gauge-rate_up', () => 1_000),
  gauge('seedbox/rtorrent-demo1/gauge-rate_down', () => 2_000),
  gauge('seedbox/rtorrent-demo1/count-items_total', () => 4),
  gauge('seedbox/uptime/uptime', (index) => 1_000_000 + index * FIXTURE_STEP_S),
  {
    path: 'seedbox/load/load',
    dataSources: ['shortterm:GAUGE', 'midterm:GAUGE', 'longterm:GAUGE'],
    values: () => [0.5, 0.25, 0.125],
  },
  gauge('seedbox/memory/memory-used', () => 2_147_483_648),
  gauge('seedbox/memory/memory-free', () => 1_073_741_824),
  gauge('seedbox/memory/memory-buffered', () => 268_435_456),
  gauge('seedbox/memory/memory-cached', () => 805_306_368),
  gauge('seedbox/swap/swap-used', () => 104_857_600),
  gauge('seedbox/swap/swap-free', () => 943_718_400),
  gauge('seedbox/cpu/percent-user', () => 20),
  gauge('seedbox/cpu/percent-system', () => 5),
  gauge('seedbox/cpu/percent-wait', () => 5),
  gauge('seedbox/cpu/percent-idle', () => 70),
  gauge('seedbox/df-root/df_complex-used', () => 60_000_000_000),
  gauge('seedbox/df-root/df_complex-free', () => 40_000_000_000),
  gauge('seedbox/df-root/df_complex-reserved', () => 5_000_000_000),
  counter('seedbox/disk-sda/disk_octets', ['read', 'write'], [1_000_000, 2_000_000]),
  counter('seedbox/disk-sda1/disk_octets', ['read', 'write'], [1_000_000, 2_000_000]),
  counter('seedbox/interface-eth0/if_octets', ['rx', 'tx'], [300_000, 600_000]),
  counter('seedbox/interface-lo/if_octets', ['rx', 'tx'], [9_000_000, 9_000_000]),
  counter('seedbox/interface-ifb0/if_octets', ['rx', 'tx'], [300_000, 0]),
  {
    path: 'seedbox/processes-rtorrent/ps_cputime',
    dataSources: ['user:DERIVE', 'syst:DERIVE'],
    values: (index) => [index * 1_000_000, index * 250_000],
  },
  {
    path: 'otherbox/load/load',
    dataSources: ['shortterm:GAUGE', 'midterm:GAUGE', 'longterm:GAUGE'],
    values: () => [1.5, 1.25, 1],
    lagSteps: 360,
  },
];

export interface RrdFixture {
  rrdDir: string;
  /** Time of the last update of every file, seconds since the epoch. */
  end: number;
  file(path: string): string;
  /**
   * Writes each series' next step (lagging ones excepted) at the current time, as a collector
   * would, so the newest values are fresh; resolves to the time written.
   */
  touch(): Promise<number>;
  /** Writes one series' values at the current time (after every earlier write); resolves to it. */
  update(path: string, values: Value[]): Promise<number>;
  remove(): Promise<void>;
}

/**
 * Builds the fixture archive in a new temporary folder with the real rrdtool (one pipe-mode
 * process for every create and update), shaped like collectd's rrdtool plugin's files.
 */
export async function createRrdFixture(
  series: FixtureSeries[] = FIXTURE_SERIES,
): Promise<RrdFixture> {
  const root = await mkdtemp(join(tmpdir(), 'rtmon-rrd-'));
  const rrdDir = join(root, 'rrd');
  const end = Math.floor(Date.now() / 1000 / FIXTURE_STEP_S) * FIXTURE_STEP_S - FIXTURE_STEP_S;
  const first = end - (FIXTURE_STEPS - 1) * FIXTURE_STEP_S;
  const file = (path: string) => join(rrdDir, `${path}.rrd`);
  const remove = () => rm(root, { recursive: true, force: true });

  try {
    await Promise.all(series.map((entry) => mkdir(dirname(file(entry.path)), { recursive: true })));
    const commands = series.flatMap((entry) => fixtureCommands(entry, file(entry.path), first));
    await runPipe(commands);
  } catch (error) {
    await remove();
    throw error;
  }

  let touches = 0;
  let lastTouch = end;
  const touch = async () => {
    touches += 1;
    lastTouch = Math.max(Math.floor(Date.now() / 1000), lastTouch + 1);
    const index = FIXTURE_STEPS - 1 + touches;
    const commands = series
      .filter((entry) => entry.lagSteps === undefined)
      .map((entry) => `update ${file(entry.path)} ${lastTouch}:${entry.values(index).join(':')}`);
    await runPipe(commands);

    return lastTouch;
  };

  const update = async (path: string, values: Value[]) => {
    lastTouch = Math.max(Math.floor(Date.now() / 1000), lastTouch + 1);
    await runPipe([`update ${file(path)} ${lastTouch}:${values.join(':')}`]);

    return lastTouch;
  };

  return { rrdDir, end, file, touch, update, remove };
}

async function runPipe(commands: string[]): Promise<void> {
  const result = await execa('rrdtool', ['-'], { input: commands.join('\n') + '\n' });
  const failure = /^ERROR: .*$/m.exec(result.stdout);
  if (failure !== null) throw new Error(`writing the RRD fixture failed: ${failure[0]}`);
}

function fixtureCommands(entry: FixtureSeries, file: string, first: number): string[] {
  const heartbeat = FIXTURE_STEP_S * 2;
  const sources = entry.dataSources.map((source) => {
    const [name, type] = source.split(':');

    return `DS:${name}:${type}:${heartbeat}:${type === 'GAUGE' ? 'U' : '0'}:U`;
  });
  const archives = ['AVERAGE', 'MIN', 'MAX'].flatMap((cf) => [
    `RRA:${cf}:0.1:1:1800`,
    `RRA:${cf}:0.1:36:1200`,
  ]);
  const create = [
    'create',
    file,
    '--start',
    String(first - FIXTURE_STEP_S),
    '--step',
    String(FIXTURE_STEP_S),
  ];
  const updates: string[] = [];
  for (let index = 0; index < FIXTURE_STEPS - (entry.lagSteps ?? 0); index += 1) {
    updates.push(`${first + index * FIXTURE_STEP_S}:${entry.values(index).join(':')}`);
  }

  // Pipe mode reads one command a line; updates go in batches to keep lines short.
  const batches: string[] = [];
  for (let index = 0; index < updates.length; index += 120) {
    batches.push(['update', file, ...updates.slice(index, index + 120)].join(' '));
  }

  return [[...create, ...sources, ...archives].join(' '), ...batches];
}
