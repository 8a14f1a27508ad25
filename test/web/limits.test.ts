import assert from 'node:assert/strict';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';

import { RrdtoolRunner } from '../../src/rrd/rrdtool-runner.js';
import { createApp } from '../../src/web/create-app.js';
import { createRrdFixture, type RrdFixture } from '../helpers/rrd-fixture.js';

let fixture: RrdFixture;
let fakes: string;

before(async () => {
  fixture = await createRrdFixture();
  fakes = await mkdtemp(join(tmpdir(), 'rtmon-fake-rrdtool-'));
});

after(async () => {
  await fixture?.remove();
  await rm(fakes, { recursive: true, force: true });
});

/** An rrdtool that takes its time, or that hangs, so the queue and the deadline can be seen. */
async function fakeRrdtool(name: string, script: string): Promise<string> {
  const file = join(fakes, name);
  await writeFile(file, `#!/bin/sh\n${script}\n`);
  await chmod(file, 0o755);

  return file;
}

test('sixty graph requests at once are all answered 200 or 503, with at most 4 rrdtool runs at a time', async () => {
  const binary = await fakeRrdtool('slow-rrdtool', 'sleep 0.2\nexec rrdtool "$@"');
  const runner = new RrdtoolRunner({ binary, maxRunning: 4, maxWaiting: 8 });
  const app = createApp({ rrdDir: fixture.rrdDir, runner });

  const responses = await Promise.all(
    Array.from({ length: 60 }, (_, index) =>
      app.request(`/graph/seedbox/load/load.png?range=hour&width=${300 + index}`),
    ),
  );
  const statuses = responses.map((response) => response.status);

  assert.deepEqual([...new Set(statuses)].sort(), [200, 503]);
  assert.equal(runner.queue.peakRunning, 4);
  const busy = responses.find((response) => response.status === 503);
  assert.ok(busy !== undefined);
  assert.equal(busy.headers.get('retry-after'), '1');
  assert.equal((await busy.json()).error, 'ERR_RRDTOOL_BUSY');
});

test('an rrdtool that does not answer in time is killed and answered 502 with the deadline', async () => {
  const binary = await fakeRrdtool('hung-rrdtool', 'exec sleep 30');
  const app = createApp({
    rrdDir: fixture.rrdDir,
    runner: new RrdtoolRunner({ binary, timeoutMs: 200 }),
  });
  const response = await app.request('/api/series?host=seedbox&plugin=load&series=load');

  assert.equal(response.status, 502);
  assert.deepEqual(await response.json(), {
    error: 'ERR_RRDTOOL_TIMEOUT',
    message: 'rrdtool info failed: no answer within 200 ms',
  });
});

/** Reads server-sent events from a response until one of the wanted name arrives. */
async function readEvent(body: ReadableStream<Uint8Array>, name: string): Promise<unknown> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`the stream ended before a '${name}' event`);

      text += decoder.decode(value, { stream: true });
      const match = new RegExp(`event: ${name}\\ndata: (.*)\\n`).exec(text);
      if (match !== null) return JSON.parse(match[1] ?? 'null');
    }
  } finally {
    await reader.cancel();
  }
}

test('the live stream sends the same snapshot as /api/live, and caps how many streams are open', async () => {
  const app = createApp({ rrdDir: fixture.rrdDir, liveIntervalMs: 100, maxLiveStreams: 1 });
  const first = await app.request('/api/live/stream?host=seedbox');
  assert.equal(first.headers.get('content-type'), 'text/event-stream');

  const refused = await app.request('/api/live/stream?host=seedbox');
  assert.equal(refused.status, 503);
  assert.equal((await refused.json()).error, 'ERR_TOO_MANY_STREAMS');

  const event = (await readEvent(first.body!, 'live')) as { rtorrent: unknown };
  const live = await (await app.request('/api/live?host=seedbox')).json();
  assert.deepEqual(event.rtorrent, live.rtorrent);

  // The closed stream gives its place back within an interval.
  await sleep(300);
  const again = await app.request('/api/live/stream?host=seedbox');
  assert.equal(again.status, 200);
  await again.body?.cancel();
});

/** Opens a live stream, retrying while the cap refuses it, for at most `waitMs`. */
async function openStream(url: string, signal: AbortSignal, waitMs: number): Promise<Response> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const response = await fetch(`${url}/api/live/stream?host=seedbox`, { signal });
    if (response.status !== 503 || Date.now() > deadline) return response;

    await response.body?.cancel();
    await sleep(25);
  }
}

test('live stream clients that come and go over real sockets give their places back', async () => {
  const { serveApp } = await import('../helpers/serve-app.js');
  const served = await serveApp({ rrdDir: fixture.rrdDir, liveIntervalMs: 50, maxLiveStreams: 4 });
  try {
    for (let round = 0; round < 10; round += 1) {
      const aborts = Array.from({ length: 4 }, () => new AbortController());
      const responses = await Promise.all(
        aborts.map((abort) => openStream(served.url, abort.signal, 5_000)),
      );
      assert.deepEqual(
        responses.map((response) => response.status),
        [200, 200, 200, 200],
        `round ${round}`,
      );
      for (const abort of aborts) abort.abort();
    }
  } finally {
    await served.close();
  }
});

test('an empty RRD folder is answered 404 with a message saying it is empty', async () => {
  const app = createApp({ rrdDir: join(fakes, 'no-such-folder') });
  const response = await app.request('/api/live');

  assert.equal(response.status, 404);
  assert.deepEqual(await response.json(), {
    error: 'ERR_NOT_FOUND',
    message: 'the RRD folder holds no hosts yet',
  });
});
