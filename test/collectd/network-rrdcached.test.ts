import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { chmod, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { promisify } from 'node:util';

import { startRtorrentDaemon } from '../../src/demo/rtorrent-daemon.js';
import { findFreePort } from '../../src/process/free-port.js';
import { stopChild, waitForSpawn } from '../../src/process/child-process.js';
import { formatExecLine } from '../../src/stack/collectd-config.js';
import { findPackageRoot } from '../../src/web/package-root.js';
import { useCleanupStack } from '../helpers/cleanup-stack.js';

const execFileAsync = promisify(execFile);
const ROOT = findPackageRoot();
const ARRIVAL_WAIT_MS = 30_000;
const POLL_MS = 500;

/** The lines every test collectd needs to run in the foreground from a folder of its own. */
function baseConfig(directory: string, hostname: string): string {
  return [
    `Hostname "${hostname}"`,
    'FQDNLookup false',
    `BaseDir "${directory}"`,
    `PIDFile "${directory}/collectd.pid"`,
    'TypesDB "/usr/share/collectd/types.db"',
    'Interval 1',
    'LoadPlugin logfile',
    '<Plugin logfile>\n  File STDOUT\n</Plugin>',
    'LoadPlugin load',
    'LoadPlugin memory',
  ].join('\n');
}

test('a seedbox collectd sends host and rTorrent values to a central collectd writing through rrdcached, and the viewer there shows both hosts up to date', async (t) => {
  const directory = await mkdtemp(join(tmpdir(), 'rtmon-network-'));
  const defer = useCleanupStack(t);
  defer(() => rm(directory, { recursive: true, force: true }));
  await chmod(directory, 0o755);
  const rrdDirectory = join(directory, 'rrd');
  const cacheSocket = join(directory, 'rrdcached.sock');
  await mkdir(rrdDirectory);
  const port = await findFreeUdpPort();

  const rtorrentStartedAtMs = Date.now();
  const rtorrent = await startRtorrentDaemon({ directory: join(directory, 'rtorrent') });
  defer(() => rtorrent.stop());

  const rrdcached = spawn(
    'rrdcached',
    [
      '-g',
      '-l',
      `unix:${cacheSocket}`,
      '-b',
      rrdDirectory,
      '-B',
      '-p',
      join(directory, 'rrdcached.pid'),
      '-w',
      '3600',
      '-z',
      '1',
    ],
    { stdio: 'ignore' },
  );
  await waitForSpawn(rrdcached, 'rrdcached');
  defer(() => stopChild(rrdcached));

  // The snippets from collectd/, as the README tells people to use them, pointed at loopback.
  const central = (await readFile(join(ROOT, 'collectd', 'network-central.conf'), 'utf8'))
    .replace('Listen "0.0.0.0" "25826"', `Listen "127.0.0.1" "${port}"`)
    .replaceAll('unix:/var/run/rrdcached.sock', `unix:${cacheSocket}`)
    .replace('DataDir "/var/lib/collectd/rrd"', `DataDir "${rrdDirectory}"`);
  const seedbox = (await readFile(join(ROOT, 'collectd', 'network-seedbox.conf'), 'utf8'))
    .replace('Hostname "seedbox-1"', '')
    .replace('Server "central.example" "25826"', `Server "127.0.0.1" "${port}"`);
  const execLine = formatExecLine(
    {
      execUser: 'nobody:nogroup',
      nodePath: process.execPath,
      cliPath: join(ROOT, 'dist', 'cli.js'),
    },
    { url: rtorrent.url, instance: '' },
  );

  const centralCollectd = await startCollectd(
    directory,
    'central',
    `${baseConfig(join(directory, 'central'), 'central')}\n${central}`,
  );
  defer(() => stopChild(centralCollectd));
  const seedboxConfig = `${baseConfig(join(directory, 'seedbox'), 'seedbox-1')}\n${seedbox}\nLoadPlugin exec\n<Plugin exec>\n${execLine}\n</Plugin>`;
  const seedboxCollectd = await startCollectd(directory, 'seedbox', seedboxConfig);
  defer(() => stopChild(seedboxCollectd));

  const uptimeFile = join(rrdDirectory, 'seedbox-1', 'rtorrent', 'uptime.rrd');
  await waitFor(
    async () => (await readdir(rrdDirectory)).length === 2 && (await exists(uptimeFile)),
    () => "both hosts' folders and rTorrent's uptime file in the central RRD folder",
  );
  assert.deepEqual((await readdir(rrdDirectory)).sort(), ['central', 'seedbox-1']);
  assert.ok(await exists(join(rrdDirectory, 'central', 'load', 'load.rrd')));
  assert.ok(await exists(join(rrdDirectory, 'seedbox-1', 'memory', 'memory-used.rrd')));

  // The viewer over the central folder asks rrdcached to flush before it reads.
  const ini = join(directory, 'rtmon.ini');
  await writeFile(ini, `[collectd]\nrrd_dir = ${rrdDirectory}\nrrdcached = unix:${cacheSocket}\n`);
  const viewerPort = await findFreePort();
  const viewerArgs = [
    'serve',
    '--config',
    ini,
    '--host',
    '127.0.0.1',
    '--port',
    String(viewerPort),
  ];
  const viewer = spawn(process.execPath, [join(ROOT, 'dist', 'cli.js'), ...viewerArgs], {
    stdio: 'ignore',
  });
  defer(() => stopChild(viewer));
  const base = `http://127.0.0.1:${viewerPort}`;
  await waitFor(
    async () => (await fetch(`${base}/healthz`)).ok,
    () => 'the viewer answering /healthz',
  );

  const hosts = (await (await fetch(`${base}/api/hosts`)).json()) as { hosts: { name: string }[] };
  assert.deepEqual(hosts.hosts.map((host) => host.name).sort(), ['central', 'seedbox-1']);

  // rrdcached holds the values (-w 3600) until asked, so the file alone lags behind. Each try
  // reads the file as it is, then the viewer: one whose newest value is newer than the file's
  // shows what only a flush could give. Right after a flush the cache may hold nothing newer
  // yet, and the viewer's range ends at now rounded down, so one try is not always enough.
  let direct = { time: 0, value: 0 };
  let newest: (number | null)[] = [0];
  await waitFor(
    async () => {
      direct = await lastUpdate(uptimeFile, []);
      newest = await readNewestUptime(base);

      return newest[0]! > direct.time;
    },
    () =>
      `the viewer showing an uptime newer than the file's, ${direct.time}; its newest: ${newest[0]}`,
  );
  assert.ok(newest[0]! >= Date.now() / 1000 - 15, `the viewer's newest value is from ${newest[0]}`);

  // A value, not 'U', and rTorrent's own age: a second or two here, which may round to 0.
  const flushed = await lastUpdate(uptimeFile, ['--daemon', `unix:${cacheSocket}`]);
  const ageSeconds = (Date.now() - rtorrentStartedAtMs) / 1000;
  assert.ok(
    flushed.value >= 0 && flushed.value <= ageSeconds + 1,
    `rTorrent's uptime was ${flushed.value} s, ${ageSeconds} s after it was started`,
  );
});

async function startCollectd(directory: string, name: string, config: string) {
  const configFile = join(directory, `${name}.conf`);
  await mkdir(join(directory, name), { recursive: true });
  await writeFile(configFile, `${config}\n`);
  const child = spawn('collectd', ['-f', '-C', configFile], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  await waitForSpawn(child, 'collectd');

  return child;
}

async function lastUpdate(file: string, flags: string[]): Promise<{ time: number; value: number }> {
  const { stdout } = await execFileAsync('rrdtool', ['lastupdate', ...flags, file]);
  const match = /^(\d+): (\S+)/m.exec(stdout);

  return { time: Number(match?.[1]), value: Number(match?.[2]) };
}

/** The newest known row of rTorrent's uptime over the last two minutes, as the viewer gives it. */
async function readNewestUptime(base: string): Promise<(number | null)[]> {
  const query = 'host=seedbox-1&plugin=rtorrent&series=uptime&start=-2min&end=now';
  const series = (await (await fetch(`${base}/api/series?${query}`)).json()) as {
    rows: (number | null)[][];
  };

  return series.rows.filter((row) => row[1] !== null).at(-1) ?? [0];
}

/** Checks `condition` every POLL_MS; `describe` says what did not happen if time runs out. */
async function waitFor(condition: () => Promise<boolean>, describe: () => string): Promise<void> {
  const deadline = Date.now() + ARRIVAL_WAIT_MS;
  while (!(await condition().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`not within ${ARRIVAL_WAIT_MS} ms: ${describe()}`);

    await sleep(POLL_MS);
  }
}

async function exists(path: string): Promise<boolean> {
  return readFile(path).then(
    () => true,
    () => false,
  );
}

function findFreeUdpPort(): Promise<number> {
  const socket = createSocket('udp4');

  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });
}
