import assert from 'node:assert/strict';
import { test } from 'node:test';

import { startScriptedRtorrent, type RequestFate } from '../support/scripted-rtorrent.js';
import { waitUntil } from '../support/wait-until.js';
import { watchCollectLoop } from '../support/watched-collect-loop.js';

// The loop gives each call 0.8 of the interval: 800 ms here.
const INTERVAL_S = 1;
// Three answers this slow outlast the interval by 200 ms, and one is 400 ms inside its call's
// timeout: margins a crowded two-core machine does not eat.
const SLOW_ANSWER_MS = 400;
const SLOW: RequestFate = { answerAfterMs: SLOW_ANSWER_MS };
const POLLS_AFTER_RECOVERY = 2;
const RECOVERY_WAIT_MS = 8_000;

const FIRST_POLL = [
  'system.listMethods',
  'view.list',
  'system.multicall',
  'd.multicall2',
  'd.multicall2 t.multicall',
];
// Once the commands, the views and every item's trackers are known.
const LATER_POLL = ['system.multicall', 'd.multicall2'];

/**
 * The fake rTorrent stands in for a real one here because only a fake can be made slow for
 * exactly the requests a case needs; each case says what the loop must ask of it.
 */
const CASES: { title: string; fates: RequestFate[]; requests: string[] }[] = [
  {
    title:
      'keeps the commands of an rTorrent whose first poll outlasts the interval, and starts no poll beside it',
    fates: [SLOW, SLOW, SLOW],
    requests: FIRST_POLL,
  },
  {
    title: 'keeps the commands of an rTorrent that leaves one call unanswered past its timeout',
    fates: [{ answerAfterMs: 0 }, { answerAfterMs: 0 }, { answerAfterMs: 0 }, 'never'],
    requests: [...FIRST_POLL.slice(0, 4), ...LATER_POLL, 'd.multicall2 t.multicall'],
  },
  {
    title: 'asks again for the commands of an rTorrent that vanished between polls',
    fates: [...FIRST_POLL.map(() => ({ answerAfterMs: 0 })), 'drop'],
    requests: [...FIRST_POLL, 'system.multicall', ...FIRST_POLL],
  },
  {
    title: 'asks again for the commands of an rTorrent that vanished during an abandoned poll',
    fates: [SLOW, SLOW, SLOW, 'drop'],
    requests: [...FIRST_POLL.slice(0, 4), ...FIRST_POLL],
  },
];

for (const { title, fates, requests } of CASES) {
  test(title, async (t) => {
    const rtorrent = await startScriptedRtorrent((index) => fates[index] ?? { answerAfterMs: 0 });
    t.after(() => rtorrent.close());
    const loop = watchCollectLoop(t, rtorrent.url, INTERVAL_S);
    const { lines, warnings } = loop;
    const countPolls = () => lines.filter((line) => line.includes('/count-items_total"')).length;
    await waitUntil(
      () => countPolls() >= POLLS_AFTER_RECOVERY,
      RECOVERY_WAIT_MS,
      `${POLLS_AFTER_RECOVERY} polls written`,
    );
    await loop.stop();

    const asked = rtorrent.requests;
    assert.deepEqual(asked.slice(0, requests.length), requests, asked.join('\n'));
    assert.deepEqual(asked.slice(requests.length), repeatLaterPoll(asked.length - requests.length));
    assert.equal(rtorrent.mostOpen, 1, 'one request at a time');
    assert.equal(warnings.length, 2, warnings.join('\n'));
    assert.match(warnings[0] ?? '', /; writing nothing until it answers$/);
    assert.match(warnings[1] ?? '', /^rTorrent at scgi:\/\/127\.0\.0\.1:\d+ is back$/);
  });
}

/** What a run of steady polls asks, cut at `length` requests: the last poll may be under way. */
function repeatLaterPoll(length: number): string[] {
  return Array.from({ length }, (_, index) => LATER_POLL[index % LATER_POLL.length] as string);
}
