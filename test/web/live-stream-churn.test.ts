import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import { createRrdFixture, type RrdFixture } from '../helpers/rrd-fixture.js';
import { serveApp, type ServedApp } from '../helpers/serve-app.js';

const MAX_STREAMS = 8;
const WARM_UP_WAVES = 3;
const WAVES = 15;
// A stream notices its client gone when its current read of the archive ends, which a busy
// machine can stretch well past one interval.
const SETTLE_MS = 1_000;
const STREAM_URL = '/api/live/stream?host=seedbox';
// Heap still held after every stream of every wave has closed and the garbage is collected;
// the warm-up waves fill the HTTP client's and server's pools first.
const MAX_HEAP_GROWTH_BYTES = 4 * 1024 * 1024;

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

let fixture: RrdFixture;
let served: ServedApp;

before(async () => {
  fixture = await createRrdFixture();
  served = await serveApp({
    rrdDir: fixture.rrdDir,
    liveIntervalMs: 100,
    maxLiveStreams: MAX_STREAMS,
  });
});

after(async () => {
  await served?.close();
  await fixture?.remove();
});

/** Opens a stream; resolves once its first event has arrived, with a way to hang up. */
async function openStream(): Promise<{ status: number; hangUp(): void }> {
  const hangUp = new AbortController();
  const response = await fetch(`${served.url}${STREAM_URL}`, { signal: hangUp.signal });
  if (response.status === 200) {
    const reader = response.body!.getReader();
    await reader.read();
  } else {
    await response.body?.cancel();
  }

  return { status: response.status, hangUp: () => hangUp.abort() };
}

test(`${WAVES * MAX_STREAMS * 2} live-stream clients coming and going leave no stream open and no memory held`, async (t) => {
  let heapBefore = 0;
  for (let wave = 0; wave < WARM_UP_WAVES + WAVES; wave++) {
    if (wave === WARM_UP_WAVES) {
      collectGarbage();
      heapBefore = process.memoryUsage().heapUsed;
    }

    // Twice the cap at once: the cap holds, the rest are told to come back.
    const clients = await Promise.all(Array.from({ length: 2 * MAX_STREAMS }, openStream));
    const statuses = clients.map((client) => client.status);
    assert.equal(statuses.filter((status) => status === 200).length, MAX_STREAMS, `wave ${wave}`);
    assert.equal(statuses.filter((status) => status === 503).length, MAX_STREAMS, `wave ${wave}`);
    for (const client of clients) client.hangUp();
    await sleep(SETTLE_MS);
  }

  const again = await Promise.all(Array.from({ length: MAX_STREAMS }, openStream));
  assert.deepEqual(
    again.map((client) => client.status),
    Array(MAX_STREAMS).fill(200),
    'every place came back',
  );
  for (const client of again) client.hangUp();
  await sleep(SETTLE_MS);
  collectGarbage();
  const growth = process.memoryUsage().heapUsed - heapBefore;
  t.diagnostic(`heap after ${WAVES} waves: ${(growth / 1024).toFixed(0)} KiB more than before`);

  assert.ok(growth < MAX_HEAP_GROWTH_BYTES, `the heap grew by ${growth} bytes`);
});
