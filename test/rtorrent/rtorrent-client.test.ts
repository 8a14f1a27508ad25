import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { startRtorrentDaemon, type RtorrentDaemon } from '../../src/demo/rtorrent-daemon.js';
import { frameScgiRequest } from '../../src/rtorrent/scgi-request.js';
import { RtorrentClient } from '../../src/rtorrent/rtorrent-client.js';

describe('the client against a real rTorrent 0.9.8', () => {
  let directory: string;
  let daemon: RtorrentDaemon;
  const scgiPort = 30_000 + Math.floor(Math.random() * 20_000);

  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'rtmon-client-'));
    daemon = await startRtorrentDaemon({ directory });
  });

  after(async () => {
    await daemon?.stop();
    await rm(directory, { recursive: true, force: true });
  });

  test('asks system.pid over the unix socket and gets the process id', async () => {
    const client = new RtorrentClient(daemon.url);

    assert.equal(await client.call('system.pid'), daemon.pid);
  });

  test('asks over TCP when rTorrent listens on a port', async (t) => {
    const tcpDirectory = await mkdtemp(join(tmpdir(), 'rtmon-client-tcp-'));
    t.after(() => rm(tcpDirectory, { recursive: true, force: true }));
    const tcpDaemon = await startRtorrentDaemon({ directory: tcpDirectory, scgiPort });
    t.after(() => tcpDaemon.stop());
    const client = new RtorrentClient(`scgi://127.0.0.1:${scgiPort}`);

    assert.equal(tcpDaemon.url, `scgi://127.0.0.1:${scgiPort}`);
    assert.equal(await client.call('system.pid'), tcpDaemon.pid);
  });

  test('lists the commands this rTorrent has, once, and knows what it lacks', async () => {
    const client = new RtorrentClient(daemon.url);
    const methods = await client.listMethods();
    const bytesAfterFirst = client.bytesReceived;

    assert.ok(methods.has('d.multicall2'));
    assert.ok(methods.has('network.open_sockets'));
    assert.equal(methods.has('network.open_files'), false);
    assert.equal(await client.listMethods(), methods);
    assert.equal(client.bytesReceived, bytesAfterFirst);
  });

  test('gets a fault in place of a missing command inside a multicall, and the rest', async () => {
    const client = new RtorrentClient(daemon.url);
    const outcomes = await client.multicall([
      { method: 'system.pid' },
      { method: 'network.open_files' },
      { method: 'view.size', params: ['', 'main'] },
    ]);

    assert.deepEqual(outcomes[0], { value: daemon.pid });
    assert.ok(outcomes[1] !== undefined && 'fault' in outcomes[1]);
    assert.deepEqual(outcomes[2], { value: 0 });
  });

  test('hands each element of a list reply to a visitor, and says when a reply is no list', async () => {
    const client = new RtorrentClient(daemon.url);
    const views = await client.call('view.list');
    const visited: unknown[] = [];

    const count = await client.callForEach('view.list', [], (view) => visited.push(view));

    assert.ok(Array.isArray(views) && views.includes('main'));
    assert.deepEqual(visited, views);
    assert.equal(count, views.length);
    assert.equal(
      await client.callForEach('system.pid', [], () => assert.fail('no list')),
      undefined,
    );
  });

  test('reaches rTorrent through an HTTP front end that relays to its socket', async (t) => {
    const relay = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const socket = connect(daemon.socketPath);
        const reply: Buffer[] = [];
        socket.on('data', (chunk: Buffer) => reply.push(chunk));
        socket.on('end', () => {
          const whole = Buffer.concat(reply);
          const body = whole.subarray(whole.indexOf('\r\n\r\n') + 4);
          response.writeHead(200, { 'Content-Type': 'text/xml' }).end(body);
        });
        socket.write(frameScgiRequest(Buffer.concat(chunks)));
      });
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    t.after(() => relay.close());
    const address = relay.address();
    assert.ok(address !== null && typeof address === 'object');

    const client = new RtorrentClient(`http://127.0.0.1:${address.port}/RPC2`);

    assert.equal(await client.call('system.pid'), daemon.pid);
  });
});
