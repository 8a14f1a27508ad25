import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

import { createApp } from '../../src/web/create-app.js';
import { findPackageRoot } from '../../src/web/package-root.js';

const CHART_JS = join(
  dirname(createRequire(import.meta.url).resolve('chart.js')),
  'chart.umd.min.js',
);
const app = createApp({ rrdDir: '/nonexistent-rrd-dir' });

/** What a browser may ask for, what it must get, and how to read that back. */
const ENCODINGS = [
  { acceptEncoding: 'gzip, deflate, br, zstd', sent: 'br', decode: brotliDecompressSync },
  { acceptEncoding: 'gzip, deflate', sent: 'gzip', decode: gunzipSync },
  { acceptEncoding: undefined, sent: null, decode: (bytes: Buffer) => bytes },
];

for (const { acceptEncoding, sent, decode } of ENCODINGS) {
  const asked = acceptEncoding === undefined ? 'no encoding' : `'${acceptEncoding}'`;
  test(`Chart.js asked with ${asked} comes ${sent ?? 'as it is'}, byte for byte the package's file`, async () => {
    const headers =
      acceptEncoding === undefined ? undefined : { 'Accept-Encoding': acceptEncoding };
    const response = await app.request('/assets/chart.umd.min.js', { headers });
    const body = Buffer.from(await response.arrayBuffer());
    const file = await readFile(CHART_JS);

    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-encoding'), sent);
    assert.equal(response.headers.get('vary'), 'Accept-Encoding');
    assert.deepEqual(decode(body), file);
    // Chart.js 4.6 shrinks to a third in either encoding.
    if (sent !== null) assert.ok(body.length < 0.4 * file.length, `${body.length} bytes`);
  });
}

test('a page asked again with its ETag is answered 304 with no body, in the same encoding only', async () => {
  const first = await app.request('/', { headers: { 'Accept-Encoding': 'gzip' } });
  const etag = first.headers.get('etag') ?? '';
  const again = await app.request('/', {
    headers: { 'Accept-Encoding': 'gzip', 'If-None-Match': etag },
  });
  const otherEncoding = await app.request('/', {
    headers: { 'Accept-Encoding': 'br', 'If-None-Match': etag },
  });

  assert.match(etag, /^"[\w-]+-gzip"$/);
  assert.equal(again.status, 304);
  assert.equal((await again.arrayBuffer()).byteLength, 0);
  assert.equal(again.headers.get('etag'), etag);
  assert.equal(otherEncoding.status, 200);
  assert.deepEqual(
    brotliDecompressSync(Buffer.from(await otherEncoding.arrayBuffer())),
    await readFile(join(findPackageRoot(), 'web', 'index.html')),
  );
});

test('the ETag follows the bytes of the file, so it holds across restarts and changes with the file', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'rtmon-web-'));
  try {
    const etagOf = async (page: string) => {
      await writeFile(join(folder, 'index.html'), page);
      const response = await createApp({ rrdDir: folder, webDir: folder }).request('/');

      return response.headers.get('etag');
    };
    const first = await etagOf('<p>one</p>');
    const restarted = await etagOf('<p>one</p>');
    const changed = await etagOf('<p>two</p>');

    assert.equal(restarted, first);
    assert.notEqual(changed, first);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});
