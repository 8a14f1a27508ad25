import assert from 'node:assert/strict';
import type { Socket } from 'node:net';
import { test } from 'node:test';

import { RtorrentClient } from '../../src/rtorrent/rtorrent-client.js';
import { onScgiRequest, scgiReply, startFakePeer, xmlReply } from '../support/fake-peer.js';
import { PEER_FAULTS } from '../support/peer-faults.js';

async function clientFor(
  t: { after(fn: () => unknown): void },
  onConnection: (socket: Socket) => void,
  options = { timeoutMs: 500, maxReplyBytes: 64 * 1024 },
): Promise<RtorrentClient> {
  const peer = await startFakePeer(onConnection);
  t.after(() => peer.close());

  return new RtorrentClient(peer.url, options);
}

test('sends a framed SCGI request and decodes a reply split across many writes', async (t) => {
  let requestBody = '';
  const client = await clientFor(t, (socket) => {
    onScgiRequest(socket, (body) => {
      requestBody = body;
      const reply = scgiReply(xmlReply('<i8>8589934592</i8>'));
      let offset = 0;
      const timer = setInterval(() => {
        socket.write(reply.subarray(offset, offset + 7));
        offset += 7;
        if (offset >= reply.length) {
          clearInterval(timer);
          socket.end();
        }
      }, 1);
    });
  });

  assert.equal(await client.call('throttle.global_up.total'), 8589934592);
  assert.match(requestBody, /<methodName>throttle\.global_up\.total<\/methodName>/);
  assert.ok(client.bytesReceived > 100);
});

for (const { title, peer, code, message } of PEER_FAULTS) {
  test(`ends in a clear error within the deadline for ${title}`, async (t) => {
    const client = await clientFor(t, peer);
    const started = Date.now();

    await assert.rejects(client.call('system.pid'), { code, message });
    assert.ok(Date.now() - started < 1500, `took ${Date.now() - started} ms`);
  });
}

test('gives a string that is not UTF-8 with U+FFFD in place of its bad bytes, and counts it', async (t) => {
  const [head = '', tail = ''] = xmlReply('<string>@</string>').split('@');
  const xml = Buffer.concat([
    Buffer.from(head),
    Buffer.from('refus\xe9 \xff', 'latin1'),
    Buffer.from(tail),
  ]);
  const client = await clientFor(t, (socket) => {
    onScgiRequest(socket, () => {
      socket.end(Buffer.concat([Buffer.from('Status: 200 OK\r\n\r\n'), xml]));
    });
  });

  assert.equal(await client.call('d.message', ['A'.repeat(40)]), 'refus\ufffd \ufffd');
  assert.equal(await client.call('d.message', ['A'.repeat(40)]), 'refus\ufffd \ufffd');
  assert.equal(client.textsWithInvalidUtf8, 2);
});

test('names the URL and keeps the cause when nothing listens', async () => {
  const client = new RtorrentClient('scgi:///nonexistent/rtmon-test.sock', { timeoutMs: 500 });

  await assert.rejects(client.call('system.pid'), (error: Error & { code?: string }) => {
    assert.equal(error.code, 'ERR_RTORRENT_CONNECT');
    assert.equal(error.message, 'cannot reach rTorrent at scgi:///nonexistent/rtmon-test.sock');
    assert.equal((error.cause as NodeJS.ErrnoException).code, 'ENOENT');

    return true;
  });
});

test('keeps one request in flight at a time', async (t) => {
  let open = 0;
  let mostOpen = 0;
  const client = await clientFor(t, (socket) => {
    onScgiRequest(socket, () => {
      open++;
      mostOpen = Math.max(mostOpen, open);
      setTimeout(() => {
        open--;
        socket.end(scgiReply(xmlReply('<i4>1</i4>')));
      }, 20);
    });
  });

  const values = await Promise.all([1, 2, 3, 4].map(() => client.call('system.pid')));

  assert.deepEqual(values, [1, 1, 1, 1]);
  assert.equal(mostOpen, 1);
});
