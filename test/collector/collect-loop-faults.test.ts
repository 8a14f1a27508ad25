import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import { onScgiRequest, startFakePeer } from '../support/fake-peer.js';
import { answerLikeRtorrent } from '../support/fake-rtorrent.js';
import { PEER_FAULTS } from '../support/peer-faults.js';
import { waitUntil } from '../support/wait-until.js';
import { watchCollectLoop } from '../support/watched-collect-loop.js';

const INTERVAL_S = 0.5;
const FAULTY_FOR_MS = 1_000;
// What a crowded two-core machine may add to the two intervals a failure can take to show.
const SCHEDULING_SLACK_MS = 1_000;
// The client's own reply cap (64 MB) plus the decoder's copy of a reply's text and some slack.
const MAX_RSS_GROWTH_BYTES = 160 * 1024 * 1024;
const MAX_HEAP_LEFT_BYTES = 8 * 1024 * 1024;

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** Every value the fake rTorrent's state implies, by identifier; the rest vary by poll. */
const EXPECTED_VALUES: Record<string, string> = {
  'test/rtorrent/count-items_total': '2',
  'test/rtorrent/count-items_started': '1',
  'test/rtorrent/count-items_stopped': '1',
  'test/rtorrent/count-items_messages': '1',
  'test/rtorrent/count-items_transferring': '1',
  'test/rtorrent/bytes-size_total': '3000',
  'test/rtorrent/bytes-left_total': '500',
  'test/rtorrent/count-files_total': '4',
  'test/rtorrent/gauge-rate_skip': '0',
  'test/rtorrent/if_octets-traffic': '4000000:3000000',
  'test/rtorrent/gauge-rate_up': '1000',
  'test/rtorrent/gauge-rate_down': '2000',
  'test/rtorrent/current_connections-sockets': '7',
  'test/rtorrent_tracker-tracker.example/count-items': '2',
  'test/rtorrent_tracker-tracker.example/count-messages': '1',
  'test/rtorrent_tracker-tracker.example/gauge-rate_up': '500',
  'test/rtorrent_tracker-tracker.example/gauge-rate_down': '0',
};
const VARYING = /^test\/rtorrent\/(response_time-poll|bytes-response|count-peers_\w+)$/;

for (const fault of PEER_FAULTS) {
  test(`writes nothing while rTorrent is ${fault.title}, says so once, and resumes`, async (t) => {
    let isFaulty = false;
    const peer = await startFakePeer((socket) => {
      if (isFaulty) return fault.peer(socket);

      onScgiRequest(socket, (body) => socket.end(answerLikeRtorrent(body)));
    });
    t.after(() => peer.close());
    collectGarbage();
    const memory = watchMemory();
    t.after(() => memory.stop());

    const loop = watchCollectLoop(t, peer.url, INTERVAL_S);
    const { lines, warnings } = loop;
    await waitUntil(() => countPutvals(lines) > 0, 2_000, 'a first poll');
    isFaulty = true;
    const faultyFrom = Date.now();
    await waitUntil(() => warnings.length === 1, 3_000, 'the failure is reported');
    const reportedAfterMs = Date.now() - faultyFrom;
    await sleep(FAULTY_FOR_MS);
    isFaulty = false;
    await waitUntil(() => warnings.length === 2, 3_000, 'the return is reported');
    await waitUntil(() => lines.at(-1)?.startsWith('PUTVAL') ?? false, 2_000, 'a poll after');
    await loop.stop();
    memory.stop();
    collectGarbage();

    t.diagnostic(
      `reported after ${reportedAfterMs} ms; RSS peak +${toMegabytes(memory.peakGrowth)} MB`,
    );
    // The poll under way when the fault began may still succeed; the next one may not.
    assert.ok(
      reportedAfterMs < 2 * INTERVAL_S * 1000 + SCHEDULING_SLACK_MS,
      `took ${reportedAfterMs} ms`,
    );
    const timeout = /did not answer [\w.]+ within 400 ms/;
    assert.match(
      warnings[0] ?? '',
      fault.mayOutlastDeadline ? either(fault.message, timeout) : fault.message,
    );
    assert.match(warnings[0] ?? '', /; writing nothing until it answers$/);
    assert.match(warnings[1] ?? '', /^rTorrent at scgi:\/\/127\.0\.0\.1:\d+ is back$/);
    const failure = lines.findIndex((line) => line.startsWith('PUTNOTIF severity=failure'));
    const okay = lines.findIndex((line) => line.startsWith('PUTNOTIF severity=okay'));
    assert.ok(failure > 0 && okay === failure + 1, 'nothing is written between the notifications');
    for (const line of lines) assertTrueValue(line);
    assert.ok(memory.peakGrowth < MAX_RSS_GROWTH_BYTES, `RSS grew by ${memory.peakGrowth} bytes`);
    assert.ok(
      process.memoryUsage().heapUsed - memory.heapBefore < MAX_HEAP_LEFT_BYTES,
      'the heap is back where it started',
    );
  });
}

function either(first: RegExp, second: RegExp): RegExp {
  return new RegExp(`${first.source}|${second.source}`);
}

function countPutvals(lines: string[]): number {
  return lines.filter((line) => line.startsWith('PUTVAL')).length;
}

/** A PUTVAL line carries exactly what the fake rTorrent holds, or a reading of the poll itself. */
function assertTrueValue(line: string): void {
  if (line.startsWith('PUTNOTIF')) return;

  const match = /^PUTVAL "([^"]+)" interval=0\.5 \d+(?:\.\d+)?:(.+)$/.exec(line);
  assert.ok(match, `a PUTVAL line: ${line}`);
  const [, identifier = '', values = ''] = match;
  if (VARYING.test(identifier)) return;

  assert.equal(values, EXPECTED_VALUES[identifier], `the value of ${identifier}`);
}

/** Samples RSS every 5 ms, to catch a peak that is gone by the end. */
function watchMemory(): { peakGrowth: number; heapBefore: number; stop(): void } {
  const before = process.memoryUsage();
  const watch = {
    peakGrowth: 0,
    heapBefore: before.heapUsed,
    stop: () => clearInterval(timer),
  };
  const timer = setInterval(() => {
    watch.peakGrowth = Math.max(watch.peakGrowth, process.memoryUsage.rss() - before.rss);
  }, 5);

  return watch;
}

function toMegabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}
