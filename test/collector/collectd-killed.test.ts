import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';

import { startRtorrentDaemon } from '../../src/demo/rtorrent-daemon.js';
import { formatExecLine } from '../../src/stack/collectd-config.js';
import { canOthersRead } from '../../src/stack/others-can-read.js';
import { CLI_PATH } from '../support/collector-process.js';
import { findChildren, isRunning } from '../support/process-table.js';
import { waitUntil } from '../support/wait-until.js';

const MAX_EXIT_MS = 2_000;
// Long enough for the collector to have polled, or failed to, a few times at a 1 s interval.
const RUN_FOR_MS = 2_500;

const CASES: { title: string; isRtorrentUp: boolean }[] = [
  { title: 'while it writes values for a running rTorrent', isRtorrentUp: true },
  { title: 'while rTorrent is down and it writes nothing', isRtorrentUp: false },
];

for (const { title, isRtorrentUp } of CASES) {
  test(`exits within 2 s of collectd being killed ${title}`, async (t) => {
    if (!(await canOthersRead(CLI_PATH))) return t.skip(`user nobody cannot read ${CLI_PATH}`);

    const directory = await mkdtemp(join(tmpdir(), 'rtmon-collectd-killed-'));
    t.after(() => rm(directory, { recursive: true, force: true }));
    // mkdtemp makes the folder private; collectd's exec user must reach the socket inside.
    await chmod(directory, 0o755);
    const rtorrent = await startRtorrentDaemon({ directory: join(directory, 'rtorrent') });
    t.after(() => rtorrent.stop());
    if (!isRtorrentUp) await rtorrent.stop();

    const configFile = await writeCollectdConfig(join(directory, 'collectd'), rtorrent.url);
    const collectd = spawn('collectd', ['-f', '-C', configFile], { stdio: 'ignore' });
    const collectdExited = new Promise((resolve) => collectd.once('exit', resolve));
    t.after(async () => {
      collectd.kill('SIGKILL');
      await collectdExited;
    });
    const collectors: number[] = [];
    t.after(() => collectors.forEach(killIfRunning));

    await waitUntil(
      () => collectors.length > 0,
      10_000,
      'collectd starts the collector',
      async () => {
        collectors.push(...(await findChildren(collectd.pid ?? -1, 'collect')));
      },
    );
    await sleep(RUN_FOR_MS);
    assert.equal(await isRunning(collectors[0] ?? -1), true, 'the collector runs');
    collectd.kill('SIGKILL');
    await collectdExited;
    const killedAt = Date.now();
    let isGone = false;
    await waitUntil(
      () => isGone,
      MAX_EXIT_MS,
      'the collector exits',
      async () => {
        isGone = !(await isRunning(collectors[0] ?? -1));
      },
    );
    collectors.length = 0;
    t.diagnostic(`the collector exited ${Date.now() - killedAt} ms after collectd was killed`);
  });
}

async function writeCollectdConfig(stateDirectory: string, url: string): Promise<string> {
  await mkdir(stateDirectory, { recursive: true });
  const exec = formatExecLine(
    { execUser: 'nobody:nogroup', nodePath: process.execPath, cliPath: CLI_PATH },
    { url, instance: '' },
  );
  const configFile = join(stateDirectory, 'collectd.conf');
  const lines = [
    'Hostname "test"',
    'FQDNLookup false',
    `BaseDir "${stateDirectory}"`,
    `PIDFile "${stateDirectory}/collectd.pid"`,
    'TypesDB "/usr/share/collectd/types.db"',
    'Interval 1',
    'LoadPlugin exec',
    '<Plugin exec>',
    exec,
    '</Plugin>',
  ];
  await writeFile(configFile, lines.join('\n') + '\n');

  return configFile;
}

function killIfRunning(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Gone already, which is what the test wants.
  }
}
