import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type ListenOptions, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

import { findRtorrent, readRcUrl } from '../../src/stack/find-rtorrent.js';

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

test('a socket at the usual ~/rtorrent/.scgi_local is found without any file naming it', async (t) => {
  const home = await mkdtemp(join(tmpdir(), 'rtmon-home-'));
  t.after(() => rm(home, { recursive: true, force: true }));
  await mkdir(join(home, 'rtorrent'));
  const socketPath = join(home, 'rtorrent', '.scgi_local');
  const server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  t.after(() => server.close());

  const found = await findRtorrent({ home });
  assert.equal(found?.url, `scgi://${socketPath}`);
});

test('an rTorrent is found only when its socket answers', async (t) => {
  const home = await mkdtemp(join(tmpdir(), 'rtmon-home-'));
  t.after(() => rm(home, { recursive: true, force: true }));
  const socketPath = join(home, 'rt.sock');
  await writeFile(join(home, '.rtorrent.rc'), `network.scgi.open_local = ${socketPath}\n`);

  assert.equal(await findRtorrent({ home }), undefined);

  const server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  t.after(() => server.close());
  assert.deepEqual(await findRtorrent({ home }), {
    url: `scgi://${socketPath}`,
    source: join(home, '.rtorrent.rc'),
  });
});

test("the ini file's rTorrent comes before the rc file's while it answers, and after that the rc file's", async (t) => {
  const home = await mkdtemp(join(tmpdir(), 'rtmon-home-'));
  t.after(() => rm(home, { recursive: true, force: true }));
  const rcSocket = join(home, 'rc.sock');
  const iniSocket = join(home, 'ini.sock');
  await writeFile(join(home, '.rtorrent.rc'), `network.scgi.open_local = ${rcSocket}\n`);
  const rcServer = await listenOn({ path: rcSocket });
  t.after(() => rcServer.close());
  const iniServer = await listenOn({ path: iniSocket });
  t.after(() => iniServer.close());
  const configured = { url: `scgi://${iniSocket}`, source: '/etc/rtmon.ini' };

  assert.deepEqual(await findRtorrent({ configured, home }), configured);

  await new Promise((resolve) => iniServer.close(resolve));
  assert.deepEqual(await findRtorrent({ configured, home }), {
    url: `scgi://${rcSocket}`,
    source: join(home, '.rtorrent.rc'),
  });
});

/** A socket that accepts connections and hangs up at once, which is all the search asks for. */
async function listenOn(where: ListenOptions): Promise<Server> {
  const server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(where, resolve));

  return server;
}

/** rTorrent URLs the collector takes, and where a listener must be for each to answer. */
const ANSWERING_URLS: {
  form: string;
  host?: string;
  url: (port: number, path: string) => string;
}[] = [
  { form: 'a socket path', url: (_port, path) => `scgi://${path}` },
  { form: 'host:port', host: '127.0.0.1', url: (port) => `scgi://127.0.0.1:${port}` },
  { form: 'host:port/', host: '127.0.0.1', url: (port) => `scgi://127.0.0.1:${port}/` },
  { form: 'an IPv6 [host]:port', host: '::1', url: (port) => `scgi://[::1]:${port}` },
];

for (const { form, host, url } of ANSWERING_URLS) {
  test(`an rTorrent URL written as ${form} is tried where the collector would connect`, async (t) => {
    const home = await mkdtemp(join(tmpdir(), 'rtmon-home-'));
    t.after(() => rm(home, { recursive: true, force: true }));
    const path = join(home, 'rt.sock');
    const server = await listenOn(host === undefined ? { path } : { host, port: 0 });
    t.after(() => server.close());
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const configured = { url: url(port, path), source: '/etc/rtmon.ini' };

    assert.deepEqual(await findRtorrent({ configured, home }), configured);
  });
}
