import assert from 'node:assert/strict';
import { homedir } from 'node:os';
import { test } from 'node:test';

import { toAbsoluteRtorrentUrl } from '../../src/stack/absolute-url.js';

const CASES = [
  { url: 'scgi://~/rtorrent/.scgi_local', expected: `scgi://${homedir()}/rtorrent/.scgi_local` },
  { url: 'scgi:///run/rt.sock', expected: 'scgi:///run/rt.sock' },
  { url: 'scgi://127.0.0.1:5000', expected: 'scgi://127.0.0.1:5000' },
  { url: 'http://127.0.0.1/RPC2', expected: 'http://127.0.0.1/RPC2' },
];

for (const { url, expected } of CASES) {
  test(`the collector is handed ${expected} for ${url}`, () => {
    assert.equal(toAbsoluteRtorrentUrl(url), expected);
  });
}
