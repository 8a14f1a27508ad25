import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { test } from 'node:test';

import { serveFixtureForFile } from '../helpers/served-fixture.js';

const ANSWER_WITHIN_MS = 5_000;

const served = serveFixtureForFile();

/** Raw bytes a client may send that no browser would: too long, too many, or not HTTP. */
const RAW_REQUESTS: { title: string; bytes: () => string; status: RegExp }[] = [
  {
    title: 'a 100 KB URL',
    bytes: () => `GET /api/live?host=${'a'.repeat(100_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
    status: /^HTTP\/1\.1 431 /,
  },
  {
    title: 'a 64 KB header',
    bytes: () => `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(65_536)}\r\n\r\n`,
    status: /^HTTP\/1\.1 431 /,
  },
  {
    title: '5,000 small headers',
    bytes: () =>
      `GET /healthz HTTP/1.1\r\nHost: x\r\n${Array.from({ length: 5_000 }, (_, index) => `X-${index}: v\r\n`).join('')}\r\n`,
    status: /^HTTP\/1\.1 431 /,
  },
  {
    title: 'a URL of 4,000 encoded traversals',
    bytes: () => `GET /graph/${'..%2F'.repeat(4_000)}etc/passwd.png HTTP/1.1\r\nHost: x\r\n\r\n`,
    status: /^HTTP\/1\.1 (404|431) /,
  },
  {
    title: 'a newline inside the request line',
    bytes: () => 'GET /api/live?host=a\nDEF:x HTTP/1.1\r\nHost: x\r\n\r\n',
    status: /^HTTP\/1\.1 4\d\d /,
  },
  {
    title: 'bytes that are not HTTP',
    bytes: () => '\x00\x01\x02 garbage \xff\r\n\r\n',
    status: /^HTTP\/1\.1 400 /,
  },
  {
    title: 'both Content-Length and chunked, as request smuggling sends',
    bytes: () =>
      `GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n`,
    status: /^HTTP\/1\.1 400 /,
  },
];

for (const { title, bytes, status } of RAW_REQUESTS) {
  test(`answers ${title} with a 4xx and keeps serving`, async () => {
    const answer = await sendRaw(bytes());

    assert.match(answer, status);
    const health = await fetch(`${served.url}/healthz`);
    assert.equal(health.status, 200);
  });
}

/** Writes bytes to the server and resolves with the first line of its answer. */
function sendRaw(bytes: string): Promise<string> {
  const { port, hostname } = new URL(served.url);

  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let answer = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${ANSWER_WITHIN_MS} ms`));
    }, ANSWER_WITHIN_MS);
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('latin1');
      if (answer.includes('\r\n')) finish();
    });
    socket.on('error', () => finish());
    socket.on('close', () => finish());
    socket.write(Buffer.from(bytes, 'latin1'));

    function finish(): void {
      clearTimeout(timer);
      socket.destroy();
      resolve(answer.split('\r\n')[0] ?? '');
    }
  });
}
