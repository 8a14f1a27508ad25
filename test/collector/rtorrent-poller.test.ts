import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { formatPutval } from '../../src/collector/putval.js';
import { RtorrentPoller } from '../../src/collector/rtorrent-poller.js';
import type { RtorrentSnapshot } from '../../src/collector/rtorrent-snapshot.js';
import { snapshotMetrics } from '../../src/collector/snapshot-metrics.js';
import { startRtorrentDaemon, type RtorrentDaemon } from '../../src/demo/rtorrent-daemon.js';
import { RtorrentClient } from '../../src/rtorrent/rtorrent-client.js';
import { onScgiRequest, startFakePeer } from '../support/fake-peer.js';
import { answerLikeRtorrent, FAKE_RTORRENT } from '../support/fake-rtorrent.js';
import { FIXTURE, startLoadedRtorrent, type LoadedRtorrent } from '../support/loaded-rtorrent.js';
import { makeTorrentNamed } from '../support/named-torrent.js';
import { startRefusingTracker, type RefusingTracker } from '../support/refusing-tracker.js';
import { waitUntil } from '../support/wait-until.js';

const TIME = 1_800_000_000;

function putvalLines(snapshot: RtorrentSnapshot): string[] {
  return snapshotMetrics(snapshot, 'box1').map((metric) =>
    formatPutval('seedbox', metric, 10, TIME),
  );
}

describe('a poll of a real rTorrent with seeding, leeching and stopped items', () => {
  let rtorrent: LoadedRtorrent;
  let lines: string[];

  before(async () => {
    rtorrent = await startLoadedRtorrent();
    const snapshot = await new RtorrentPoller(rtorrent.client).poll();
    lines = putvalLines(snapshot);
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

describe('a poll of an rTorrent that sends an item message in latin-1', () => {
  const message = FAKE_RTORRENT.items.find((item) => item.message !== '')?.message ?? '';
  // The same message as one latin-1 byte in place of one ASCII byte: the reply keeps its length.
  const asLatin1 = (reply: Buffer): Buffer => {
    const inUtf8 = Buffer.from(`<string>${message}</string>`);
    const inLatin1 = Buffer.from(`<string>\xe9${message.slice(1)}</string>`, 'latin1');
    const at = reply.indexOf(inUtf8);

    return at === -1
      ? reply
      : Buffer.concat([reply.subarray(0, at), inLatin1, reply.subarray(at + inUtf8.length)]);
  };

  async function pollFakeRtorrent(
    t: { after(fn: () => unknown): void },
    reword: (reply: Buffer) => Buffer,
  ): Promise<{ lines: string[]; client: RtorrentClient }> {
    const peer = await startFakePeer((socket) => {
      onScgiRequest(socket, (body) => socket.end(reword(answerLikeRtorrent(body))));
    });
    t.after(() => peer.close());
    const client = new RtorrentClient(peer.url);
    const lines = putvalLines(await new RtorrentPoller(client).poll());

    return { lines: lines.filter((line) => !line.includes('/response_time-poll"')), client };
  }

  test('writes the same lines as for the message in UTF-8, and the client counts the text', async (t) => {
    const plain = await pollFakeRtorrent(t, (reply) => reply);
    const latin1 = await pollFakeRtorrent(t, asLatin1);

    assert.deepEqual(latin1.lines, plain.lines);
    assert.ok(
      latin1.lines.includes(
        `PUTVAL "seedbox/rtorrent-box1/count-items_messages" interval=10 ${TIME}:1`,
      ),
    );
    assert.equal(plain.client.textsWithInvalidUtf8, 0);
    assert.equal(latin1.client.textsWithInvalidUtf8, 1);
  });
});

// rTorrent 0.9.8 built with xmlrpc-c sends a '?' for every byte above 0x7f of a string that
// xmlrpc-c finds is not UTF-8, so a real one never shows the decoder bad bytes; the fake above does.
describe('a poll of a real rTorrent holding an item named and refused in latin-1', () => {
  let directory: string;
  let tracker: RefusingTracker;
  let daemon: RtorrentDaemon;
  let client: RtorrentClient;
  let lines: string[];

  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'rtmon-latin1-'));
    tracker = await startRefusingTracker(Buffer.from('refus\xe9 par le serveur', 'latin1'));
    daemon = await startRtorrentDaemon({ directory });
    client = new RtorrentClient(daemon.url);
    const torrent = makeTorrentNamed(Buffer.from('caf\xe9.bin', 'latin1'), tracker.announceUrl);
    await client.call('load.raw_start', ['', torrent]);
    let messages: unknown = [];
    await waitUntil(
      () => JSON.stringify(messages).includes('par le serveur'),
      20_000,
      "rTorrent shows the tracker's refusal as the item's message",
      async () => void (messages = await client.call('d.multicall2', ['', 'main', 'd.message='])),
    );
    lines = putvalLines(await new RtorrentPoller(client).poll());
  });

  after(async () => {
    await daemon?.stop();
    await tracker?.close();
    await rm(directory, { recursive: true, force: true });
  });

  const EXPECTED_LINES = [
    ['rtorrent-box1/count-items_total', 1],
    ['rtorrent-box1/count-items_leeching', 1],
    ['rtorrent-box1/count-items_messages', 1],
    ['rtorrent-box1/count-files_total', 1],
    ['rtorrent-box1/bytes-size_total', 5],
    ['rtorrent_tracker-box1_127.0.0.1/count-items', 1],
    ['rtorrent_tracker-box1_127.0.0.1/count-messages', 1],
  ] as const;

  for (const [series, value] of EXPECTED_LINES) {
    test(`writes ${series} as ${value}`, () => {
      assert.ok(
        lines.includes(`PUTVAL "seedbox/${series}" interval=10 ${TIME}:${value}`),
        lines.filter((line) => line.includes(series)).join('\n') || `no ${series} line`,
      );
    });
  }

  test('receives a "?" for each latin-1 byte, which rTorrent 0.9.8 puts there itself', async () => {
    const [row] = (await client.call('d.multicall2', [
      '',
      'main',
      'd.name=',
      'd.message=',
    ])) as string[][];

    assert.equal(row?.[0], 'caf?.bin');
    assert.match(row?.[1] ?? '', /refus\? par le serveur/);
    assert.equal(client.textsWithInvalidUtf8, 0);
  });
});
