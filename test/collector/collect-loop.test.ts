import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';

import { runCollectLoop } from '../../src/collector/collect-loop.js';
import { startRtorrentDaemon } from '../../src/demo/rtorrent-daemon.js';

// Long enough that a busy test machine does not make a poll miss its deadline.
const INTERVAL_SECONDS = 1;

test('writes nothing while rTorrent is gone, says so once, and resumes with the new process', async (t) => {
  const directory = await mkdtemp(join(tmpdir(), 'rtmon-loop-'));
  t.after(() => rm(directory, { recursive: true, force: true }));
  let daemon = await startRtorrentDaemon({ directory });
  t.after(() => daemon.stop());

  const lines: { at: number; line: string }[] = [];
  const warnings: string[] = [];
  const stop = new AbortController();
  const loop = runCollectLoop({
    url: daemon.url,
    instance: '',
    hostname: 'box',
    intervalSeconds: INTERVAL_SECONDS,
    once: false,
    emit: (line) => lines.push({ at: Date.now(), line }),
    warn: (line) => warnings.push(line),
    signal: stop.signal,
  });
  t.after(() => stop.abort());

  // Long enough for the first process' uptime to exceed anything the second one can reach.
  await sleep(3500);
  const firstPid = daemon.pid;
  process.kill(firstPid, 'SIGKILL');
  await daemon.exited;
  const killedAt = Date.now();
  await sleep(2500);
  const restartedAt = Date.now();
  daemon = await startRtorrentDaemon({ directory });
  await sleep(3000);
  stop.abort();
  assert.equal(await loop, true);

  const putvals = (from: number, to: number) =>
    lines.filter(({ at, line }) => at >= from && at < to && line.startsWith('PUTVAL'));
  // One interval's grace: a poll that began before the kill may still land just after it.
  const whileDown = putvals(killedAt + INTERVAL_SECONDS * 1000, restartedAt);
  assert.deepEqual(whileDown, []);
  assert.equal(warnings.length, 2, warnings.join('\n'));
  assert.match(
    warnings[0] as string,
    /^cannot reach rTorrent at scgi:\/\/.*; writing nothing until it answers$/,
  );
  assert.match(warnings[1] as string, /^rTorrent at scgi:\/\/.* is back$/);
  const notifications = lines
    .filter(({ line }) => line.startsWith('PUTNOTIF'))
    .map(({ line }) => line);
  assert.equal(notifications.length, 2);
  assert.match(notifications[0] as string, /^PUTNOTIF severity=failure /);
  assert.match(notifications[1] as string, /^PUTNOTIF severity=okay /);

  const uptimeOf = (line: string) => Number(line.split(':').at(-1));
  const beforeKill = putvals(0, killedAt).map(({ line }) => line);
  assert.ok(beforeKill.some((line) => line.includes('/uptime"') && uptimeOf(line) >= 3));
  const afterRestart = putvals(restartedAt, Date.now()).map(({ line }) => line);
  assert.ok(afterRestart.some((line) => line.includes('/count-items_total"')));
  const uptimes = afterRestart.filter((line) => line.includes('/uptime"')).map(uptimeOf);
  assert.ok(uptimes.length > 0 && uptimes.every((seconds) => seconds <= 4), `${uptimes}`);
});
