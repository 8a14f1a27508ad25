import assert from 'node:assert/strict';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

import { startRtorrentDaemon } from '../../src/demo/rtorrent-daemon.js';

test('a started rTorrent opens its socket and is gone after stop', async (t) => {
  const directory = await mkdtemp(join(tmpdir(), 'rtmon-daemon-'));
  t.after(() => rm(directory, { recursive: true, force: true }));
  const daemon = await startRtorrentDaemon({ directory });
  t.after(() => daemon.stop());

  assert.ok((await stat(daemon.socketPath)).isSocket());
  assert.equal(daemon.url, `scgi://${join(directory, 'scgi.sock')}`);

  await daemon.stop();
  assert.notEqual(await daemon.exited, undefined);
  assert.throws(() => process.kill(daemon.pid, 0), { code: 'ESRCH' });
});
