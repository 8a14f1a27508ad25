import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { promisify } from 'node:util';

import { startRtorrentDaemon } from '../../src/demo/rtorrent-daemon.js';
import { findFreePort } from '../../src/process/free-port.js';
import { stopChild, waitForExit } from '../../src/process/child-process.js';
import { findPackageRoot } from '../../src/web/package-root.js';
import { useCleanupStack } from '../helpers/cleanup-stack.js';
import { launchChromium } from '../helpers/chromium.js';

const execFileAsync = promisify(execFile);
const ROOT = findPackageRoot();
const SCREENSHOTS = join(ROOT, 'test-output');
const STARTUP_WAIT_MS = 60_000;
const TRAFFIC_WAIT_MS = 90_000;
const PAGE_WAIT_MS = 30_000;
const EXIT_WAIT_MS = 30_000;

test('rtmon start runs the demo until its rates reach the archive and the live page, and leaves nothing behind', async (t) => {
  const defer = useCleanupStack(t);
  const home = await mkdtemp(join(tmpdir(), 'rtmon-start-'));
  defer(() => rm(home, { recursive: true, force: true }));
  // Like the default ~/.local/state/rtmon: a path with a folder whose name starts with a dot.
  const stateDirectory = join(home, '.local', 'state', 'rtmon');
  const port = await findFreePort();
  const { start, output } = await startStack(defer, port, [
    '--demo',
    '--state-dir',
    stateDirectory,
  ]);
  const viewerUrl = /viewer at (\S+)/.exec(output())?.[1] as string;
  const demoDirectory = /scgi:\/\/(\/\S+)\/alpha\/scgi\.sock/.exec(output())?.[1] as string;
  assert.equal(viewerUrl, `http://127.0.0.1:${port}/`);
  assert.match(output(), /rtorrent-alpha {2}scgi:\/\/\S+\n {2}rtorrent-beta {2}scgi:\/\//);

  const rrdHost = join(stateDirectory, 'rrd', hostname());
  await waitFor(
    async () => (await readRate(rrdHost, 'alpha')) > 0 && (await readRate(rrdHost, 'beta')) > 0,
    TRAFFIC_WAIT_MS,
    output,
  );

  const browser = await launchChromium();
  defer(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(viewerUrl);
  const rateUp = page.locator('[data-reading="rtorrent.rateUp"]');
  await waitFor(
    async () => /^[1-9][\d.]* [KM]?i?B\/s$/.test(await firstText(rateUp)),
    PAGE_WAIT_MS,
    () => '',
  );
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, 'start-demo-live.png'), fullPage: true });
  assert.match(await firstText(rateUp), /^[1-9]/);

  start.kill('SIGTERM');
  assert.equal(await waitForExit(start), 0, output());
  assert.deepEqual(await findProcessesMentioning([stateDirectory, demoDirectory]), []);
  await assert.rejects(stat(demoDirectory), { code: 'ENOENT' });
  assert.ok((await stat(join(stateDirectory, 'rrd'))).isDirectory(), 'the history went with it');
});

/** Where `rtmon start` learns which rTorrent to watch, and the plugin folder it files it under. */
const WATCH_CASES: {
  title: string;
  flags: (url: string) => string[];
  ini?: (url: string) => string;
  source: (iniFile: string) => string;
  plugin: string;
}[] = [
  {
    title: 'rtmon start watches the rTorrent given by --url and leaves it running when it stops',
    flags: (url) => ['--url', url],
    source: () => 'the command line',
    plugin: 'rtorrent',
  },
  {
    title: "rtmon start watches the ini file's rTorrent under the ini file's instance",
    flags: () => [],
    ini: (url) => `[rtorrent]\nurl = ${url}\ninstance = Box 1\n`,
    source: (iniFile) => iniFile,
    plugin: 'rtorrent-box-1',
  },
  {
    title: "rtmon start files the ini file's rTorrent under --instance when it is given",
    flags: () => ['--instance', 'other'],
    ini: (url) => `[rtorrent]\nurl = ${url}\ninstance = box1\n`,
    source: (iniFile) => iniFile,
    plugin: 'rtorrent-other',
  },
  {
    title:
      "rtmon start reads the ini file's rTorrent from pyrotorque-style dotted keys, as rtmon collect does",
    flags: () => [],
    ini: (url) => `[TORQUE]\nrtorrent.url = ${url}\nrtorrent.instance = box2\n`,
    source: (iniFile) => iniFile,
    plugin: 'rtorrent-box2',
  },
];

for (const { title, flags, ini, source, plugin } of WATCH_CASES) {
  test(title, async (t) => {
    const defer = useCleanupStack(t);
    const directory = await mkdtemp(join(tmpdir(), 'rtmon-start-url-'));
    defer(() => rm(directory, { recursive: true, force: true }));
    await chmod(directory, 0o755);
    const rtorrent = await startRtorrentDaemon({ directory: join(directory, 'rtorrent') });
    defer(() => rtorrent.stop());
    const iniFile = join(directory, 'rtmon.ini');
    if (ini !== undefined) await writeFile(iniFile, ini(rtorrent.url));
    const stateDirectory = join(directory, 'state');
    const port = await findFreePort();
    const { start, output } = await startStack(
      defer,
      port,
      [...flags(rtorrent.url), '--state-dir', stateDirectory],
      // A home of its own, so that no rTorrent of the machine's can be found instead.
      ini === undefined ? { HOME: directory } : { HOME: directory, RTMON_CONFIG: iniFile },
    );
    const watched = `from ${source(iniFile)}:\n  ${plugin}  ${rtorrent.url}\n`;
    assert.ok(output().includes(watched), output());
    const uptimeFile = join(stateDirectory, 'rrd', hostname(), plugin, 'uptime.rrd');
    await waitFor(() => stat(uptimeFile).then(() => true), TRAFFIC_WAIT_MS, output);

    start.kill('SIGINT');
    assert.equal(await waitForExit(start), 0, output());
    assert.deepEqual(await findProcessesMentioning([stateDirectory]), []);
    assert.doesNotThrow(
      () => process.kill(rtorrent.pid, 0),
      'rtmon start stopped an rTorrent it did not start',
    );
  });
}

/** Ini files that are there but cannot be used, and what the refusal must say about them. */
const BROKEN_INI_CASES: {
  title: string;
  write: (file: string) => Promise<unknown>;
  cause: RegExp;
}[] = [
  {
    title:
      'rtmon start refuses an ini file whose rTorrent URL is not one, naming the file and the URL',
    write: (file) => writeFile(file, '[rtorrent]\nurl = localhost:5000\n'),
    cause: /rtorrent\.url .*\n.*invalid rTorrent URL 'localhost:5000'/,
  },
  {
    title: 'rtmon start refuses an ini file it cannot read, naming the file and the reason',
    write: (file) => mkdir(file),
    cause: /cannot read the configuration file .*\n.*EISDIR/,
  },
];

for (const { title, write, cause } of BROKEN_INI_CASES) {
  test(title, async (t) => {
    const defer = useCleanupStack(t);
    const directory = await mkdtemp(join(tmpdir(), 'rtmon-start-ini-'));
    defer(() => rm(directory, { recursive: true, force: true }));
    const iniFile = join(directory, 'rtmon.ini');
    await write(iniFile);
    const stateDirectory = join(directory, 'state');
    const flags = ['--state-dir', stateDirectory];
    const env = { HOME: directory, RTMON_CONFIG: iniFile };
    const { start, output } = spawnStart(defer, await findFreePort(), flags, env);

    await waitFor(() => start.exitCode !== null, EXIT_WAIT_MS, output);
    assert.equal(start.exitCode, 1, output());
    assert.ok(output().includes(iniFile), output());
    assert.match(output(), cause);
    await assert.rejects(stat(stateDirectory), { code: 'ENOENT' }, 'nothing was started');
  });
}

/** Runs `rtmon start` with these flags and waits until it says it is up; `output` reads its log. */
async function startStack(
  defer: (cleanup: () => unknown) => void,
  port: number,
  flags: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ start: ChildProcess; output: () => string }> {
  const { start, output } = spawnStart(defer, port, flags, env);
  await waitFor(() => output().includes('Ctrl-C stops everything'), STARTUP_WAIT_MS, output);

  return { start, output };
}

/** Runs `rtmon start` with these flags, stopped after the test; `output` reads its log. */
function spawnStart(
  defer: (cleanup: () => unknown) => void,
  port: number,
  flags: string[],
  env: NodeJS.ProcessEnv,
): { start: ChildProcess; output: () => string } {
  const args = ['dist/cli.js', 'start', ...flags, '--port', String(port), '--interval', '2'];
  const start = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  defer(() => stopChild(start, 30_000));
  let text = '';
  start.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
  start.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const output = (): string => text;

  return { start, output };
}

async function readRate(rrdHost: string, instance: string): Promise<number> {
  const file = join(rrdHost, `rtorrent-${instance}`, 'gauge-rate_up.rrd');
  const { stdout } = await execFileAsync('rrdtool', ['lastupdate', file]);

  return Number(/^\d+: (\S+)/m.exec(stdout)?.[1]);
}

/** The shown value without any badge the page adds after it. */
async function firstText(locator: import('playwright-core').Locator): Promise<string> {
  return locator.evaluate((element) => element.firstChild?.textContent?.trim() ?? '');
}

async function findProcessesMentioning(needles: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const pid of await readdir('/proc')) {
    if (!/^\d+$/.test(pid)) continue;

    const commandLine = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (needles.some((needle) => commandLine.includes(needle))) {
      found.push(`${pid}: ${commandLine.replaceAll('\0', ' ')}`);
    }
  }

  return found;
}

async function waitFor(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  describe: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (
    !(await Promise.resolve()
      .then(condition)
      .catch(() => false))
  ) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms:\n${describe()}`);

    await sleep(500);
  }
}
