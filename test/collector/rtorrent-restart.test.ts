import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';

import { startRtorrentDaemon, type RtorrentDaemon } from '../../src/demo/rtorrent-daemon.js';
import { startCollector, type TimedLine } from '../support/collector-process.js';
import { parsePutval, type PutvalLine } from '../support/putval-line.js';
import { waitUntil } from '../support/wait-until.js';

const RESTARTS = 20;
const INTERVAL_S = 0.5;
const INTERVAL_MS = INTERVAL_S * 1000;
// Long enough for at least one poll to find rTorrent gone.
const DOWN_FOR_MS = 700;
const POLLS_PER_LIFE = 2;
// What a loaded two-core machine may add to one interval before the first poll is written.
const RESUME_SLACK_MS = 1_000;
const PROCESS_SENSORS = ['ps_rss', 'ps_vm', 'ps_cputime', 'uptime', 'percent-memory'];
const ZERO_SENSORS =
  /^test\/rtorrent\/(count-items_\w+|bytes-(size|left)_total|count-files_total)$/;

/** One run of rTorrent: when it was asked to start, when it answered, when it was killed. */
interface Life {
  pid: number;
  spawnAtMs: number;
  readyAtMs: number;
  killedAtMs: number;
}

interface Poll {
  timeMs: number;
  arrivedAtMs: number;
  values: Map<string, number[]>;
}

test('survives rTorrent killed and restarted 20 times, writing only what it read', async (t) => {
  const directory = await mkdtemp(join(tmpdir(), 'rtmon-restart-'));
  t.after(() => rm(directory, { recursive: true, force: true }));
  const current: { daemon: RtorrentDaemon | undefined } = { daemon: undefined };
  t.after(() => current.daemon?.stop());
  const lives: Life[] = [];
  const start = async (): Promise<RtorrentDaemon> => {
    const spawnAtMs = Date.now();
    const daemon = await startRtorrentDaemon({ directory });
    lives.push({ pid: daemon.pid, spawnAtMs, readyAtMs: Date.now(), killedAtMs: Infinity });
    current.daemon = daemon;

    return daemon;
  };
  let daemon = await start();
  const collector = startCollector(daemon.url, INTERVAL_S);
  t.after(() => collector.stop());
  let exitedEarly = false;
  void collector.exited.then(() => (exitedEarly = true));

  for (let round = 0; round <= RESTARTS; round++) {
    const life = lives.at(-1) as Life;
    await waitUntil(
      () =>
        pollsOf(collector.stdout).filter((poll) => poll.timeMs >= life.spawnAtMs).length >=
        POLLS_PER_LIFE,
      5_000,
      `${POLLS_PER_LIFE} polls of rTorrent ${life.pid}`,
    );
    if (round === RESTARTS) break;

    life.killedAtMs = Date.now();
    process.kill(daemon.pid, 'SIGKILL');
    await daemon.exited;
    await sleep(DOWN_FOR_MS);
    daemon = await start();
  }

  assert.equal(exitedEarly, false, 'the collector is still running');
  await collector.stop();
  const polls = pollsOf(collector.stdout);
  const resumeDelaysMs = lives.slice(1).map((life) => resumeDelayMs(life, polls));
  t.diagnostic(`${polls.length} polls written over ${lives.length} lives of rTorrent`);
  t.diagnostic(`resumed at most ${Math.max(...resumeDelaysMs)} ms after rTorrent answered`);

  for (const [index, life] of lives.entries()) {
    const next = lives[index + 1];
    const downUntilMs = next?.spawnAtMs ?? Infinity;
    const written = polls.filter(
      (poll) => poll.timeMs >= life.killedAtMs && poll.timeMs < downUntilMs,
    );
    assert.deepEqual(written, [], `nothing written while rTorrent ${life.pid} was down`);

    const own = polls.filter(
      (poll) => poll.timeMs >= life.spawnAtMs && poll.timeMs < life.killedAtMs,
    );
    assertFollowsProcess(life, own);
  }

  for (const poll of polls) assertTrueValues(poll);
  for (const delayMs of resumeDelaysMs) assert.ok(delayMs <= INTERVAL_MS + RESUME_SLACK_MS);
  const stderr = collector.stderr.map((line) => line.text);
  assert.equal(
    stderr.filter((line) => line.endsWith('writing nothing until it answers')).length,
    RESTARTS,
  );
  assert.equal(stderr.filter((line) => line.endsWith(' is back')).length, RESTARTS);
  assert.equal(stderr.length, 2 * RESTARTS, stderr.join('\n'));
});

/** Groups PUTVAL lines by the poll that wrote them: the same time stamp. */
function pollsOf(lines: TimedLine[]): Poll[] {
  const polls = new Map<number, Poll>();
  for (const line of lines) {
    const putval = parsePutval(line.text);
    if (putval === undefined) continue;

    const poll = polls.get(putval.timeMs) ?? {
      timeMs: putval.timeMs,
      arrivedAtMs: line.atMs,
      values: new Map(),
    };
    poll.values.set(sensorOf(putval), putval.values);
    polls.set(putval.timeMs, poll);
  }

  return [...polls.values()];
}

function sensorOf(putval: PutvalLine): string {
  return putval.identifier.replace(/^test\/rtorrent\//, '');
}

/** How long after rTorrent answered again the first poll of it reached collectd. */
function resumeDelayMs(life: Life, polls: Poll[]): number {
  const first = polls.find((poll) => poll.timeMs >= life.spawnAtMs);
  assert.ok(first, `a poll of rTorrent ${life.pid}`);

  return Math.max(0, first.arrivedAtMs - life.readyAtMs);
}

/**
 * Each poll of a life reads that life's process: present, young, and no CPU share across pids.
 * Only a poll still in flight when rTorrent was killed may lack it: rTorrent answered, then
 * died before `/proc` was read, and a process that is gone has no reading to write.
 */
function assertFollowsProcess(life: Life, polls: Poll[]): void {
  assert.ok(polls.length >= POLLS_PER_LIFE, `polls of rTorrent ${life.pid}`);
  for (const poll of polls) {
    const diedDuringPoll = poll.arrivedAtMs >= life.killedAtMs;
    const present = PROCESS_SENSORS.filter((sensor) => poll.values.has(sensor));
    if (diedDuringPoll && present.length === 0) continue;

    assert.deepEqual(present, PROCESS_SENSORS, `process sensors of rTorrent ${life.pid}`);

    const [uptime = -1] = poll.values.get('uptime') ?? [];
    const ageSeconds = (poll.timeMs - life.spawnAtMs) / 1000;
    assert.ok(uptime <= ageSeconds + 1, `uptime ${uptime} s of a process ${ageSeconds} s old`);
  }

  assert.equal(polls[0]?.values.has('percent-cpu'), false, 'no CPU share from the previous pid');
}

/** A fresh rTorrent holds no items, so every item sensor reads zero; memory is a real size. */
function assertTrueValues(poll: Poll): void {
  for (const [sensor, values] of poll.values) {
    if (ZERO_SENSORS.test(`test/rtorrent/${sensor}`)) assert.deepEqual(values, [0], sensor);
  }

  // Whether a poll may lack the process is assertFollowsProcess' question; a size it wrote is real.
  const [rss] = poll.values.get('ps_rss') ?? [];
  if (rss !== undefined) assert.ok(rss > 1024 * 1024 && rss < 1024 * 1024 * 1024, `ps_rss ${rss}`);
}
