import assert from 'node:assert/strict';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { after, before, test } from 'node:test';

import { execa } from 'execa';

import { RRDTOOL_MAX_RUNNING } from '../../src/rrd/rrdtool-runner.js';
import { createApp } from '../../src/web/create-app.js';
import { createRrdFixture, type RrdFixture } from '../helpers/rrd-fixture.js';

const REQUESTS = 60;

let fixture: RrdFixture;
let shims: string;
let log: string;

before(async () => {
  fixture = await createRrdFixture();
  shims = await mkdtemp(join(tmpdir(), 'rtmon-rrdtool-shim-'));
  log = join(shims, 'runs.log');
  const realRrdtool = (await execa('sh', ['-c', 'command -v rrdtool'])).stdout.trim();
  // Every rrdtool the viewer starts, by whatever path, finds this one first on PATH. It notes
  // its start and end (appends of one short line are atomic), and lingers a little, so that
  // runs overlap as they would on a busy machine.
  const shim = [
    '#!/bin/sh',
    `echo "start $$" >> '${log}'`,
    'sleep 0.05',
    `'${realRrdtool}' "$@"`,
    'status=$?',
    `echo "stop $$" >> '${log}'`,
    'exit $status',
  ].join('\n');
  await writeFile(join(shims, 'rrdtool'), `${shim}\n`);
  await chmod(join(shims, 'rrdtool'), 0o755);
  process.env.PATH = `${shims}${delimiter}${process.env.PATH ?? ''}`;
});

after(async () => {
  await fixture?.remove();
  await rm(shims, { recursive: true, force: true });
});

test(`${REQUESTS} graph requests at once: each 200 or 503, never more than ${RRDTOOL_MAX_RUNNING} rrdtool processes running`, async (t) => {
  const app = createApp({ rrdDir: fixture.rrdDir });

  const responses = await Promise.all(
    Array.from({ length: REQUESTS }, (_, index) =>
      app.request(`/graph/seedbox/load/load.png?range=hour&width=${400 + index}`),
    ),
  );
  const statuses = responses.map((response) => response.status);
  const runs = (await readFile(log, 'utf8')).trim().split('\n');
  const { peak, starts, stops } = countOverlap(runs);
  t.diagnostic(
    `${statuses.filter((status) => status === 200).length} drawn, ` +
      `${statuses.filter((status) => status === 503).length} told to retry; ` +
      `${starts} rrdtool runs, at most ${peak} at once`,
  );

  assert.deepEqual(
    statuses.filter((status) => status !== 200 && status !== 503),
    [],
  );
  assert.ok(statuses.includes(200));
  assert.ok(peak <= RRDTOOL_MAX_RUNNING, `${peak} rrdtool processes ran at once`);
  assert.ok(peak > 1, 'graphs were drawn side by side');
  assert.equal(stops, starts, 'every rrdtool run has ended');
});

/** The most processes between a `start` and its `stop` at any moment of the log. */
function countOverlap(lines: string[]): { peak: number; starts: number; stops: number } {
  let running = 0;
  let peak = 0;
  let starts = 0;
  let stops = 0;
  for (const line of lines) {
    if (line.startsWith('start ')) {
      starts += 1;
      running += 1;
      peak = Math.max(peak, running);
    } else if (line.startsWith('stop ')) {
      stops += 1;
      running -= 1;
    }
  }

  return { peak, starts, stops };
}
