import assert from 'node:assert/strict';
import { homedir } from 'node:os';
import { test } from 'node:test';

import { parseRtorrentUrl } from '../../src/rtorrent/rtorrent-url.js';

const CASES: { url: string; expected: object }[] = [
  {
    url: 'scgi:///var/run/rt.sock',
    expected: { kind: 'scgi-unix', url: 'scgi:///var/run/rt.sock', socketPath: '/var/run/rt.sock' },
  },
  {
    url: 'scgi://~/rtorrent/.scgi_local',
    expected: {
      kind: 'scgi-unix',
      url: 'scgi://~/rtorrent/.scgi_local',
      socketPath: `${homedir()}/rtorrent/.scgi_local`,
    },
  },
  {
    url: 'scgi://127.0.0.1:5000',
    expected: { kind: 'scgi-tcp', url: 'scgi://127.0.0.1:5000', host: '127.0.0.1', port: 5000 },
  },
  {
    url: 'scgi://[::1]:5000',
    expected: { kind: 'scgi-tcp', url: 'scgi://[::1]:5000', host: '::1', port: 5000 },
  },
  {
    url: 'https://user:pw@seedbox.example/RPC2',
    expected: {
      kind: 'http',
      url: 'https://user:pw@seedbox.example/RPC2',
      href: 'https://user:pw@seedbox.example/RPC2',
    },
  },
];

for (const { url, expected } of CASES) {
  test(`reads ${url}`, () => {
    assert.deepEqual(parseRtorrentUrl(url), expected);
  });
}

for (const url of ['ftp://host/x', 'scgi://host', 'scgi://host:99999', 'localhost:5000', '']) {
  test(`refuses '${url}' with a message naming it`, () => {
    assert.throws(() => parseRtorrentUrl(url), {
      code: 'ERR_RTORRENT_URL',
      message: new RegExp(`^invalid rTorrent URL '${url.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}'`),
    });
  });
}
