import assert from 'node:assert/strict';
import { test } from 'node:test';

import { rtorrentMetric } from '../../src/collector/metric.js';
import { formatPutnotif, formatPutval } from '../../src/collector/putval.js';

const CASES: { title: string; line: string; expected: string }[] = [
  {
    title: 'a count without a plugin instance',
    line: formatPutval(
      'seedbox',
      rtorrentMetric('', 'count', 'items_total', 12),
      10,
      1_800_000_000,
    ),
    expected: 'PUTVAL "seedbox/rtorrent/count-items_total" interval=10 1800000000:12',
  },
  {
    title: 'traffic with two data sources and an instance',
    line: formatPutval(
      'seedbox',
      rtorrentMetric('box1', 'if_octets', 'traffic', 123456789012, 42),
      2.5,
      1_800_000_001,
    ),
    expected:
      'PUTVAL "seedbox/rtorrent-box1/if_octets-traffic" interval=2.5 1800000001:123456789012:42',
  },
  {
    title: 'an exact bigint',
    line: formatPutval('h', rtorrentMetric('', 'bytes', 'size_total', 9007199254740993n), 10, 1),
    expected: 'PUTVAL "h/rtorrent/bytes-size_total" interval=10 1:9007199254740993',
  },
  {
    title: 'an unknown value as U, never as zero',
    line: formatPutval('h', rtorrentMetric('', 'gauge', 'rate_up', null), 10, 1),
    expected: 'PUTVAL "h/rtorrent/gauge-rate_up" interval=10 1:U',
  },
  {
    title: 'a type without a type instance',
    line: formatPutval('h', rtorrentMetric('', 'uptime', '', 3600), 10, 1),
    expected: 'PUTVAL "h/rtorrent/uptime" interval=10 1:3600',
  },
  {
    title: 'a failure notification with its message last',
    line: formatPutnotif('h', 'box1', 'failure', 5, 'cannot reach rTorrent at scgi:///x "y"'),
    expected:
      'PUTNOTIF severity=failure time=5 host=h plugin=rtorrent plugin_instance=box1 message="cannot reach rTorrent at scgi:///x  y "',
  },
  {
    title: 'an okay notification without a plugin instance',
    line: formatPutnotif('h', '', 'okay', 6, 'back'),
    expected: 'PUTNOTIF severity=okay time=6 host=h plugin=rtorrent message="back"',
  },
];

for (const { title, line, expected } of CASES) {
  test(`formats ${title}`, () => {
    assert.equal(line, expected);
  });
}
