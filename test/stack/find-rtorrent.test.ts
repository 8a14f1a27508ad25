import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

import { findRtorrent, readIniUrl, readRcUrl } from '../../src/stack/find-rtorrent.js';

const RC_LINES = [
  {
    rc: 'network.scgi.open_local = ~/rtorrent/.scgi_local',
    url: 'scgi:///home/u/rtorrent/.scgi_local',
  },
  { rc: 'scgi_local = /run/rt.sock', url: 'scgi:///run/rt.sock' },
  { rc: 'network.scgi.open_port = 127.0.0.1:5000', url: 'scgi://127.0.0.1:5000' },
  { rc: 'scgi_port = :5001', url: 'scgi://127.0.0.1:5001' },
  { rc: '# network.scgi.open_local = /nowhere', url: undefined },
];

for (const { rc, url } of RC_LINES) {
  test(`the rc line '${rc}' gives ${String(url)}`, async (t) => {
    const directory = await mkdtemp(join(tmpdir(), 'rtmon-rc-'));
    t.after(() => rm(directory, { recursive: true, force: true }));
    await writeFile(join(directory, '.rtorrent.rc'), `directory.default.set = /x\n${rc}\n`);

    assert.equal(await readRcUrl(join(directory, '.rtorrent.rc'), '/home/u'), url);
  });
}

test('the ini file url has its ~ expanded and an empty url counts as none', async (t) => {
  const directory = await mkdtemp(join(tmpdir(), 'rtmon-ini-'));
  t.after(() => rm(directory, { recursive: true, force: true }));
  const file = join(directory, 'rtmon.ini');

  await writeFile(file, '[rtorrent]\nurl = scgi://~/rt.sock\n');
  assert.equal(await readIniUrl(file, '/home/u'), 'scgi:///home/u/rt.sock');

  await writeFile(file, '[rtorrent]\nurl =\n');
  assert.equal(await readIniUrl(file, '/home/u'), undefined);
});

test('a socket at the usual ~/rtorrent/.scgi_local is found without any file naming it', async (t) => {
  const home = await mkdtemp(join(tmpdir(), 'rtmon-home-'));
  t.after(() => rm(home, { recursive: true, force: true }));
  await mkdir(join(home, 'rtorrent'));
  const socketPath = join(home, 'rtorrent', '.scgi_local');
  const server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  t.after(() => server.close());

  const found = await findRtorrent({ env: { RTMON_CONFIG: join(home, 'absent.ini') }, home });
  assert.equal(found?.url, `scgi://${socketPath}`);
});

test('an rTorrent is found only when its socket answers', async (t) => {
  const home = await mkdtemp(join(tmpdir(), 'rtmon-home-'));
  t.after(() => rm(home, { recursive: true, force: true }));
  const socketPath = join(home, 'rt.sock');
  await writeFile(join(home, '.rtorrent.rc'), `network.scgi.open_local = ${socketPath}\n`);
  const env = { RTMON_CONFIG: join(home, 'absent.ini') };

  assert.equal(await findRtorrent({ env, home }), undefined);

  const server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  t.after(() => server.close());
  assert.deepEqual(await findRtorrent({ env, home }), {
    url: `scgi://${socketPath}`,
    source: join(home, '.rtorrent.rc'),
  });
});
