import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';

import { createApp } from '../../src/web/create-app.js';

const HOST = 'rtmon-test-host';
/** Long enough for three 1-second intervals, so counters have rates. */
const COLLECT_MS = 3_500;

/** collectd's stock host plugins writing RRD files, as the bundled configuration enables them. */
function collectdConfig(folder: string): string {
  return `Hostname "${HOST}"
BaseDir "${folder}"
PIDFile "${folder}/collectd.pid"
TypesDB "/usr/share/collectd/types.db"
Interval 1
AutoLoadPlugin false
LoadPlugin logfile
<Plugin logfile>
  LogLevel warning
  File STDOUT
</Plugin>
LoadPlugin cpu
<Plugin cpu>
  ReportByCpu false
  ValuesPercentage true
</Plugin>
LoadPlugin load
LoadPlugin memory
LoadPlugin swap
LoadPlugin df
<Plugin df>
  MountPoint "/"
</Plugin>
LoadPlugin disk
LoadPlugin interface
LoadPlugin uptime
LoadPlugin processes
<Plugin processes>
  Process "collectd"
</Plugin>
LoadPlugin rrdtool
<Plugin rrdtool>
  DataDir "${folder}/rrd"
</Plugin>
`;
}

test("a real collectd's archive shows on the live JSON and every stock plugin's series draws", async () => {
  const folder = await mkdtemp(join(tmpdir(), 'rtmon-collectd-'));
  await writeFile(join(folder, 'collectd.conf'), collectdConfig(folder));
  const collectd = spawn('collectd', ['-f', '-C', join(folder, 'collectd.conf')], {
    stdio: 'ignore',
  });
  try {
    await sleep(COLLECT_MS);
    collectd.kill('SIGTERM');
    await once(collectd, 'exit');
    assert.ok(existsSync(join(folder, 'rrd', HOST, 'load', 'load.rrd')));

    const app = createApp({ rrdDir: join(folder, 'rrd'), diskUsagePaths: ['/'] });
    const live = await (await app.request(`/api/live?host=${HOST}`)).json();
    assert.equal(live.plugin, null);
    assert.equal(live.interval, 1);
    assert.equal(typeof live.system.load.shortterm.value, 'number');
    assert.equal(typeof live.system.memory.used.value, 'number');
    assert.equal(typeof live.system.uptime.value, 'number');
    assert.equal(typeof live.system.cpuPercent.value, 'number');
    assert.equal(typeof live.system.network.rx.value, 'number');
    assert.deepEqual(
      live.system.disks.map((disk: { path: string; plugin: string }) => [disk.path, disk.plugin]),
      [['/', 'df-root']],
    );
    assert.equal(live.rtorrent.uptime, null);

    const { hosts } = await (await app.request('/api/hosts')).json();
    const plugins: Array<{ name: string; plugin: string; series: Array<{ name: string }> }> =
      hosts[0].plugins;
    const kinds = new Set(plugins.map((plugin) => plugin.plugin));
    for (const kind of [
      'cpu',
      'load',
      'memory',
      'swap',
      'df',
      'disk',
      'interface',
      'uptime',
      'processes',
    ]) {
      assert.ok(kinds.has(kind), `collectd wrote no ${kind} series`);
    }

    for (const plugin of plugins) {
      const series = plugin.series[0]?.name ?? '';
      const response = await app.request(`/graph/${HOST}/${plugin.name}/${series}.svg?range=hour`);
      assert.equal(response.status, 200, `${plugin.name}/${series}`);
    }
  } finally {
    if (collectd.exitCode === null && collectd.signalCode === null) collectd.kill('SIGKILL');
    await rm(folder, { recursive: true, force: true });
  }
});
