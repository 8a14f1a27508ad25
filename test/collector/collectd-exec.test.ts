import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { execFile } from 'node:child_process';
import { test } from 'node:test';

import { formatExecLine } from '../../src/stack/collectd-config.js';
import { canOthersRead } from '../../src/stack/others-can-read.js';
import { FIXTURE, startLoadedRtorrent } from '../support/loaded-rtorrent.js';

const execFileAsync = promisify(execFile);
const CLI_PATH = fileURLToPath(new URL('../../../dist/cli.js', import.meta.url));
const RRD_WAIT_MS = 30_000;

test('a real collectd runs the collector as nobody and archives what rTorrent holds', async (t) => {
  if (!(await canOthersRead(CLI_PATH))) {
    t.skip(`user nobody cannot read ${CLI_PATH}, so collectd cannot run it from here`);

    return;
  }

  const rtorrent = await startLoadedRtorrent();
  t.after(() => rtorrent.stop());
  // mkdtemp makes the folder private; collectd's exec user must reach the socket inside.
  await chmod(rtorrent.directory, 0o755);
  const stateDirectory = join(rtorrent.directory, 'collectd');
  const rrdDirectory = join(stateDirectory, 'rrd');
  await mkdir(rrdDirectory, { recursive: true });
  const configFile = join(stateDirectory, 'collectd.conf');
  await writeFile(configFile, buildConfig(stateDirectory, rrdDirectory, rtorrent.daemon.url));

  const collectd = spawn('collectd', ['-f', '-C', configFile], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  collectd.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
  collectd.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise((resolve) => collectd.once('exit', resolve));
  t.after(async () => {
    collectd.kill('SIGTERM');
    await exited;
  });

  const seriesFolder = join(rrdDirectory, 'seedbox', 'rtorrent');
  const leechBytes = FIXTURE.leechFileBytes.reduce((sum, size) => sum + size, 0);
  const expected: [string, number][] = [
    ['count-items_total', 3],
    ['count-items_stopped', 1],
    ['count-items_seeding', 1],
    ['bytes-size_total', FIXTURE.seedBytes + leechBytes + FIXTURE.stoppedBytes],
    ['bytes-left_total', leechBytes + FIXTURE.stoppedBytes],
  ];
  for (const [series, value] of expected) {
    const last = await waitForLastValue(join(seriesFolder, `${series}.rrd`), () => log);
    assert.equal(last, value, `${series}: rrdtool lastupdate says ${last}`);
  }

  const rss = await waitForLastValue(join(seriesFolder, 'ps_rss.rrd'), () => log);
  assert.ok(rss > 1_000_000, `ps_rss is ${rss}`);
  assert.doesNotMatch(log, /exec plugin: .*(error|failed)/i);
});

function buildConfig(stateDirectory: string, rrdDirectory: string, url: string): string {
  const exec = formatExecLine(
    { execUser: 'nobody:nogroup', nodePath: process.execPath, cliPath: CLI_PATH },
    { url, instance: '' },
  );

  return [
    'Hostname "seedbox"',
    'FQDNLookup false',
    `BaseDir "${stateDirectory}"`,
    `PIDFile "${stateDirectory}/collectd.pid"`,
    'TypesDB "/usr/share/collectd/types.db"',
    'Interval 1',
    'LoadPlugin logfile',
    '<Plugin logfile>',
    '  LogLevel info',
    '  File STDOUT',
    '</Plugin>',
    'LoadPlugin exec',
    'LoadPlugin rrdtool',
    '<Plugin exec>',
    exec,
    '</Plugin>',
    '<Plugin rrdtool>',
    `  DataDir "${rrdDirectory}"`,
    '</Plugin>',
    '',
  ].join('\n');
}

/** The newest value `rrdtool lastupdate` reports for a single-value RRD, once it has one. */
async function waitForLastValue(file: string, readLog: () => string): Promise<number> {
  const deadline = Date.now() + RRD_WAIT_MS;
  while (Date.now() < deadline) {
    const text = await readFile(file).then(
      () => execFileAsync('rrdtool', ['lastupdate', file]).then((result) => result.stdout),
      () => '',
    );
    const value = /^\d+: (\S+)$/m.exec(text)?.[1];
    if (value !== undefined && value !== 'U') return Number(value);

    await sleep(250);
  }

  throw new Error(`no value in ${file} within ${RRD_WAIT_MS} ms; collectd said:\n${readLog()}`);
}
