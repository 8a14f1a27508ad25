import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { formatPutval } from '../../src/collector/putval.js';
import { RtorrentPoller } from '../../src/collector/rtorrent-poller.js';
import { snapshotMetrics } from '../../src/collector/snapshot-metrics.js';
import { FIXTURE, startLoadedRtorrent, type LoadedRtorrent } from '../support/loaded-rtorrent.js';

const TIME = 1_800_000_000;

describe('a poll of a real rTorrent with seeding, leeching and stopped items', () => {
  let rtorrent: LoadedRtorrent;
  let lines: string[];

  before(async () => {
    rtorrent = await startLoadedRtorrent();
    const snapshot = await new RtorrentPoller(rtorrent.client).poll();
    lines = snapshotMetrics(snapshot, 'box1').map((metric) =>
      formatPutval('seedbox', metric, 10, TIME),
    );
  });

  after(() => rtorrent?.stop());

  const leechBytes = FIXTURE.leechFileBytes.reduce((sum, size) => sum + size, 0);
  const EXPECTED_LINES = [
    ['count-items_total', 3],
    ['count-items_started', 2],
    ['count-items_stopped', 1],
    ['count-items_complete', 1],
    ['count-items_incomplete', 2],
    ['count-items_seeding', 1],
    ['count-items_leeching', 1],
    ['count-items_hashing', 0],
    ['count-view_default', 3],
    ['bytes-size_total', FIXTURE.seedBytes + leechBytes + FIXTURE.stoppedBytes],
    ['bytes-left_total', leechBytes + FIXTURE.stoppedBytes],
    ['count-files_total', 4],
    ['count-items_transferring', 0],
    ['count-peers_connected', 0],
  ] as const;

  for (const [series, value] of EXPECTED_LINES) {
    test(`writes ${series} as ${value}`, () => {
      assert.ok(
        lines.includes(`PUTVAL "seedbox/rtorrent-box1/${series}" interval=10 ${TIME}:${value}`),
        lines.filter((line) => line.includes(series)).join('\n') || `no ${series} line`,
      );
    });
  }

  test('counts every item under its tracker domain', () => {
    const prefix = 'PUTVAL "seedbox/rtorrent_tracker-box1_127.0.0.1';
    assert.ok(lines.includes(`${prefix}/count-items" interval=10 ${TIME}:3`));
    assert.ok(lines.includes(`${prefix}/gauge-rate_down" interval=10 ${TIME}:0`));
  });

  test('reads the process sensors of rTorrent itself', () => {
    const rss = lines.find((line) => line.includes('/ps_rss"'));
    const value = Number(rss?.split(':').at(-1));
    assert.ok(value > 1_000_000 && value < 1_000_000_000, rss);
    assert.ok(lines.some((line) => /\/uptime" interval=10 \d+:\d+$/.test(line)));
  });

  test('counts open files from 0.9.8 counters and leaves CPU unknown on a first poll', () => {
    assert.ok(lines.some((line) => line.includes('/file_handles-open"')));
    assert.equal(lines.filter((line) => line.includes('percent-cpu')).length, 0);
  });

  test('fetches tracker lists once, nested in one item multicall, not per item', async () => {
    const client = rtorrent.client;
    const requests: { method: string; params: unknown[] }[] = [];
    const call = client.call.bind(client);
    client.call = (method, params) => {
      requests.push({ method, params: params ?? [] });

      return call(method, params);
    };
    const poller = new RtorrentPoller(client);
    await poller.poll();
    await poller.poll();
    client.call = call;

    const asksForTrackers = (request: { params: unknown[] }): boolean =>
      JSON.stringify(request.params).includes('t.multicall');
    assert.deepEqual(
      requests.filter(asksForTrackers).map((request) => request.method),
      ['d.multicall2'],
    );
  });
});
