import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';

import { BoundedQueue } from '../../src/rrd/bounded-queue.js';

test('no more tasks run at once than the queue allows, and every waiting one runs', async () => {
  const queue = new BoundedQueue(4, 100);
  let running = 0;
  let peak = 0;
  const task = async () => {
    running += 1;
    peak = Math.max(peak, running);
    await sleep(5);
    running -= 1;
  };

  await Promise.all(Array.from({ length: 40 }, () => queue.run(task)));

  assert.equal(peak, 4);
  assert.equal(queue.peakRunning, 4);
  assert.equal(queue.running, 0);
});

test('a task beyond the running and waiting places is refused at once as busy', async () => {
  const queue = new BoundedQueue(1, 1);
  const results = await Promise.allSettled([1, 2, 3].map(() => queue.run(() => sleep(5))));

  assert.deepEqual(
    results.map((result) => result.status),
    ['fulfilled', 'fulfilled', 'rejected'],
  );
  const refused = results[2] as PromiseRejectedResult;
  assert.equal(refused.reason.code, 'ERR_RRDTOOL_BUSY');
  assert.equal(refused.reason.message, 'rrdtool is busy: 1 runs in progress and 1 waiting');
});

test('a failing task frees its place for the next', async () => {
  const queue = new BoundedQueue(1, 0);
  await assert.rejects(
    queue.run(() => Promise.reject(new Error('boom'))),
    { message: 'boom' },
  );

  assert.equal(await queue.run(async () => 'next'), 'next');
});

test('sizes that make no sense are refused with the option and the value', () => {
  assert.throws(() => new BoundedQueue(0, 1), {
    name: 'TypeError',
    message: 'maxRunning must be a positive integer, not 0',
  });
});
