import assert from 'node:assert/strict';
import type { Socket } from 'node:net';
import { test } from 'node:test';

import { RtorrentClient } from '../../src/rtorrent/rtorrent-client.js';
import { onScgiRequest, scgiReply, startFakePeer, xmlReply } from '../support/fake-peer.js';

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

const FAULT_CASES: {
  title: string;
  peer: (socket: Socket) => void;
  code: string;
  message: RegExp;
}[] = [
  {
    title: 'a peer that accepts and never answers',
    peer: () => undefined,
    code: 'ERR_RTORRENT_TIMEOUT',
    message: /did not answer system\.pid within 500 ms/,
  },
  {
    title: 'a peer that answers one byte at a time, too slowly',
    peer: (socket) => {
      const reply = scgiReply(xmlReply('<i4>1</i4>'));
      let offset = 0;
      const timer = setInterval(() => socket.write(reply.subarray(offset, ++offset)), 50);
      socket.on('close', () => clearInterval(timer));
    },
    code: 'ERR_RTORRENT_TIMEOUT',
    message: /within 500 ms/,
  },
  {
    title: 'a truncated reply',
    peer: (socket) => socket.end(scgiReply(xmlReply('<i4>1</i4>')).subarray(0, 90)),
    code: 'ERR_RTORRENT_MALFORMED_REPLY',
    message: /malformed reply from rTorrent at scgi:\/\/127\.0\.0\.1:\d+: reply ends/,
  },
  {
    title: 'a reply larger than the cap',
    peer: (socket) => socket.end(scgiReply(xmlReply(`<string>${'x'.repeat(100_000)}</string>`))),
    code: 'ERR_RTORRENT_REPLY_TOO_LARGE',
    message: /sent more than 65536 bytes for system\.pid/,
  },
  {
    title: 'a garbage byte stream',
    peer: (socket) => socket.end(Buffer.alloc(4096, 0x07)),
    code: 'ERR_RTORRENT_MALFORMED_REPLY',
    message: /reply ends inside its headers/,
  },
  {
    title: 'garbage after valid headers',
    peer: (socket) => socket.end(Buffer.from('Status: 200 OK\r\n\r\nnot xml at all')),
    code: 'ERR_RTORRENT_MALFORMED_REPLY',
    message: /unexpected text 'not xml at all'/,
  },
  {
    title: 'an error status',
    peer: (socket) => socket.end('Status: 500 Internal Server Error\r\n\r\n'),
    code: 'ERR_RTORRENT_MALFORMED_REPLY',
    message: /status 500 Internal Server Error/,
  },
  {
    title: 'a peer that closes without a word',
    peer: (socket) => socket.end(),
    code: 'ERR_RTORRENT_MALFORMED_REPLY',
    message: /empty reply/,
  },
  {
    title: 'an XML-RPC fault',
    peer: (socket) =>
      socket.end(
        scgiReply(
          '<?xml version="1.0"?><methodResponse><fault><value><struct>' +
            '<member><name>faultCode</name><value><i4>-506</i4></value></member>' +
            "<member><name>faultString</name><value><string>Method 'system.pid' not defined</string></value></member>" +
            '</struct></value></fault></methodResponse>',
        ),
      ),
    code: 'ERR_RTORRENT_FAULT',
    message: /answered system\.pid with fault -506: Method 'system\.pid' not defined/,
  },
];

for (const { title, peer, code, message } of FAULT_CASES) {
  test(`ends in a clear error within the deadline for ${title}`, async (t) => {
    const client = await clientFor(t, peer);
    const started = Date.now();

    await assert.rejects(client.call('system.pid'), { code, message });
    assert.ok(Date.now() - started < 1500, `took ${Date.now() - started} ms`);
  });
}

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
