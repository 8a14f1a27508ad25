import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';

import { execa } from 'execa';

import { findPackageRoot } from '../../src/web/package-root.js';
import { createRrdFixture, type RrdFixture } from '../helpers/rrd-fixture.js';

const CLI = join(findPackageRoot(), 'build', 'src', 'cli.js');
const SOCKET_WAIT_MS = 5_000;

/** Starts rrdcached in the foreground, keeping every update in memory for an hour. */
async function startRrdcached(
  fixture: RrdFixture,
): Promise<{ address: string; child: ChildProcess }> {
  const socket = join(fixture.rrdDir, '..', 'rrdcached.sock');
  const child = spawn(
    'rrdcached',
    [
      '-g',
      '-l',
      `unix:${socket}`,
      '-p',
      join(fixture.rrdDir, '..', 'rrdcached.pid'),
      '-w',
      '3600',
      '-f',
      '7200',
      '-b',
      fixture.rrdDir,
    ],
    { stdio: 'ignore' },
  );
  const deadline = Date.now() + SOCKET_WAIT_MS;
  while (!existsSync(socket) && Date.now() < deadline) await sleep(20);

  return { address: `unix:${socket}`, child };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;

  child.kill('SIGTERM');
  await once(child, 'exit');
}

test('rtmon serve reads its config, flushes rrdcached before reading, and stops cleanly on SIGTERM', async () => {
  const fixture = await createRrdFixture();
  const rrdcached = await startRrdcached(fixture);
  const config = join(fixture.rrdDir, '..', 'rtmon.ini');
  await writeFile(
    config,
    `[collectd]\nrrd_dir = ${fixture.rrdDir}\nrrdcached = ${rrdcached.address}\n`,
  );
  const serve = spawn(
    process.execPath,
    [CLI, 'serve', '--config', config, '--host', '127.0.0.1', '--port', '0'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  try {
    const [line] = (await once(createInterface({ input: serve.stdout! }), 'line', {
      signal: AbortSignal.timeout(10_000),
    })) as [string];
    const match = /^rtmon serve: (http:\/\/127\.0\.0\.1:\d+\/) over (.*)$/.exec(line);
    assert.ok(match !== null, line);
    assert.equal(match[2], fixture.rrdDir);

    // The update stays in rrdcached's memory; only a flush puts it in the file.
    const time = fixture.end + 5;
    const file = fixture.file('otherbox/load/load');
    await execa('rrdtool', ['update', '--daemon', rrdcached.address, file, `${time}:4:3:2`]);
    const onDisk = await execa('rrdtool', ['lastupdate', file]);
    assert.doesNotMatch(onDisk.stdout, /: 4 3 2$/m);

    const response = await fetch(`${match[1]}api/live?host=otherbox`);
    assert.equal(response.status, 200);
    assert.deepEqual((await response.json()).system.load.shortterm, { value: 4, time });

    serve.kill('SIGTERM');
    const [code] = await once(serve, 'exit');
    assert.equal(code, 0);
  } finally {
    await stop(serve);
    await stop(rrdcached.child);
    await fixture.remove();
  }
});

test('rtmon hash-password prints a hash of the password on stdin, without its line break', async () => {
  const { stdout } = await execa(process.execPath, [CLI, 'hash-password'], { input: 'pw\n' });
  const { verifyPassword } = await import('../../src/auth/password-hash.js');

  assert.equal(await verifyPassword('pw', stdout), true);
});
