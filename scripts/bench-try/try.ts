import { serializeMethodCall } from 'xmlrpc/lib/serializer.js';
import { decodeXmlRpcReply } from '../../src/rtorrent/xmlrpc-reply-decoder.js';
import { startRtorrentFixture } from '../bench/rtorrent-fixture.js';
import { fetchReplyBody } from '../bench/raw-scgi-fetch.js';
import { writeFile } from 'node:fs/promises';

const fixture = await startRtorrentFixture();
try {
  const t0 = performance.now();
  await fixture.growTo(Number(process.argv[2] ?? 1000));
  console.log('load ms', performance.now() - t0);
  const body = Buffer.from(serializeMethodCall('d.multicall2', ['', 'main', 'd.hash=', 'd.name=', 'd.size_bytes=', 'd.left_bytes=', 'd.up.rate=', 'd.down.rate=', 'd.message=', 'd.state=', 'd.is_active=', 'd.complete=', 'd.size_files=', 'd.skip.rate=', 'd.up.total=', 'd.down.total=', 't.multicall=,,t.url=']));
  const reply = await fetchReplyBody(fixture.daemon.socketPath, body);
  await writeFile('/tmp/reply.xml', reply);
  console.log(reply.length);
  for (let i = 0; i < 5; i++) { const t = performance.now(); decodeXmlRpcReply(reply); console.log('decode', performance.now() - t); }
} finally {
  await fixture.dispose();
}
