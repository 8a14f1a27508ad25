import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';

import { getTorrentInfoHash, TorrentFileError } from '../../src/demo/torrent-info-hash.js';

const INFO = 'd6:lengthi5e4:name1:a12:piece lengthi16384e6:pieces20:aaaaaaaaaaaaaaaaaaaae';

test('the info hash is the SHA-1 of the bencoded info value, whatever keys come before it', () => {
  const torrent = Buffer.from(`d8:announce9:http://x/4:listl1:ai3ee4:info${INFO}e`);
  const expected = createHash('sha1').update(INFO).digest('hex').toUpperCase();

  assert.equal(getTorrentInfoHash(torrent), expected);
});

const BROKEN = [
  { title: 'not a dictionary', text: 'l4:infoe' },
  { title: 'no info key', text: 'd8:announce9:http://x/e' },
  { title: 'a top dictionary never closed', text: 'd8:announce9:http://x/' },
];

for (const { title, text } of BROKEN) {
  test(`a .torrent file with ${title} is refused with ERR_TORRENT_FILE`, () => {
    assert.throws(
      () => getTorrentInfoHash(Buffer.from(text)),
      (error: unknown) => {
        return error instanceof TorrentFileError && error.code === 'ERR_TORRENT_FILE';
      },
    );
  });
}
