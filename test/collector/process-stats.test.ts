import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';

import { readProcessSample } from '../../src/collector/process-stats.js';
import { waitUntil } from '../support/wait-until.js';

test('reads a live process: its own pid, a real resident size and its age', async () => {
  const sample = await readProcessSample(process.pid, 'node');

  assert.ok(sample, 'a sample of this test process');
  assert.equal(sample.pid, process.pid);
  assert.ok(sample.residentBytes > 1024 * 1024, `resident ${sample.residentBytes} bytes`);
  assert.ok(sample.virtualBytes >= sample.residentBytes);
  const ageSeconds = process.uptime();
  assert.ok(
    sample.ageSeconds !== undefined && Math.abs(sample.ageSeconds - ageSeconds) < 0.2,
    `age ${sample.ageSeconds} s of a process that has run ${ageSeconds} s`,
  );
  assert.ok(sample.memoryTotalBytes > sample.residentBytes);
});

test('reads nothing of a process by another name, as of a socket forwarded from elsewhere', async () => {
  assert.equal(await readProcessSample(process.pid, 'rtorrent'), undefined);
});

test('reads nothing of a killed process that waits to be reaped, rather than a memory of 0', async (t) => {
  // The shell starts a short child, then becomes a `sleep` that never reaps it: a real zombie.
  const parent = spawn('sh', ['-c', 'sleep 0 & echo $!; exec sleep 30'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  t.after(() => parent.kill('SIGKILL'));
  const [firstOutput] = (await once(parent.stdout, 'data')) as [Buffer];
  const zombiePid = Number(firstOutput.toString().trim());
  await waitForState(zombiePid, 'Z');

  assert.equal(await readProcessSample(zombiePid, 'sleep'), undefined);
});

/** Waits until `/proc/<pid>/stat` gives `state` as the process' state (its third field). */
async function waitForState(pid: number, state: string): Promise<void> {
  let stat = '';
  await waitUntil(
    () => stat.slice(stat.lastIndexOf(')') + 2).startsWith(state),
    2_000,
    `process ${pid} in state ${state}`,
    async () => void (stat = await readFile(`/proc/${pid}/stat`, 'utf8')),
  );
}
