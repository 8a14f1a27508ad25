import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { test } from 'node:test';

import { onScgiRequest } from '../support/fake-peer.js';
import { answerLikeRtorrent } from '../support/fake-rtorrent.js';
import type { PollMemoryReport } from '../support/poll-repeatedly.js';

const execFileAsync = promisify(execFile);
const POLLS = 10_000;
const WARM_UP_POLLS = 1_000;
const MAX_RSS_GROWTH_BYTES = 5 * 1024 * 1024;
const LINES_PER_POLL = 26;
// V8 grows its young generation with the allocation rate, up to 16 MB a half; fixed at that
// size from the start, its growth is not mistaken for a leak.
const V8_FLAGS = ['--expose-gc', '--min-semi-space-size=16', '--max-semi-space-size=16'];

test('10,000 polls of a fast peer grow the collector RSS by no more than 5 MB', async (t) => {
  const directory = await mkdtemp(join(tmpdir(), 'rtmon-poll-memory-'));
  t.after(() => rm(directory, { recursive: true, force: true }));
  const socketPath = join(directory, 'scgi.sock');
  const server = await listen(socketPath);
  t.after(() => new Promise((resolve) => server.close(resolve)));

  const probe = new URL('../support/poll-repeatedly.js', import.meta.url).href;
  const script = `const { pollRepeatedly } = await import(${JSON.stringify(probe)});
    const report = await pollRepeatedly(process.argv[1], ${WARM_UP_POLLS}, ${POLLS});
    process.stdout.write(JSON.stringify(report));`;
  const { stdout } = await execFileAsync(
    process.execPath,
    [...V8_FLAGS, '--input-type=module', '-e', script, `scgi://${socketPath}`],
    { timeout: 120_000 },
  );
  const report = JSON.parse(stdout) as PollMemoryReport;
  const growth = report.rssAfter - report.rssBefore;
  t.diagnostic(
    `${report.polls} polls, ${report.lines} PUTVAL lines in ${report.elapsedMs} ms; ` +
      `RSS ${megabytes(report.rssBefore)} → ${megabytes(report.rssAfter)} MB, ` +
      `heap ${megabytes(report.heapBefore)} → ${megabytes(report.heapAfter)} MB`,
  );

  assert.equal(report.lines, POLLS * LINES_PER_POLL);
  assert.ok(growth <= MAX_RSS_GROWTH_BYTES, `RSS grew by ${growth} bytes`);
});

function listen(socketPath: string): Promise<Server> {
  const server = createServer((socket) => {
    socket.on('error', () => undefined);
    onScgiRequest(socket, (body) => socket.end(answerLikeRtorrent(body)));
  });

  return new Promise((resolve) => server.listen(socketPath, () => resolve(server)));
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}
