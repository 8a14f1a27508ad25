import assert from 'node:assert/strict';
import { test } from 'node:test';

import type { BenchResults, ViewerFigures } from '../../../scripts/bench/bench-results.js';
import { formatBytes, formatReport, formatTable } from '../../../scripts/bench/format-report.js';
import { summarize } from '../../../scripts/bench/summary-json.js';

const RESULTS: BenchResults = {
  environment: {
    date: '2026-12-03',
    machine: 'a test machine',
    versions: { 'Node.js': '20.20.2' },
  },
  items: 10_000,
  repetitions: 7,
  poll: {
    pollMs: 230,
    fetchMs: 200,
    turns: 21,
    turnRatioQuartiles: [1.1, 1.2],
    replyBytes: 3_600_000,
    lineCount: 60,
  },
  decode: { replyBytes: 3_500_000, rtmonMs: 25, xmlrpcMs: 1000, pythonMs: 500 },
  collector: { polls: 50, failures: 0, peakRssMb: 70.44 },
  rtorrentCpu: {
    rtmonMsPerPoll: 100,
    olderExporterMsPerPoll: 4000,
    rtmonPolls: 20,
    olderExporterPolls: 2,
  },
  scaling: [
    { items: 1000, pollMs: 25, fetchMs: 20, replyBytes: 360_000, collectorRssMb: 55 },
    { items: 10_000, pollMs: 230, fetchMs: 200, replyBytes: 3_600_000, collectorRssMb: 70.44 },
  ],
  viewer: undefined,
};

test('formats a Markdown table with a header rule', () => {
  assert.equal(formatTable(['a', 'b'], [['1', '2']]), '| a | b |\n| --- | --- |\n| 1 | 2 |');
});

const BYTE_CASES: [number, string][] = [
  [999, '999 B'],
  [1500, '1.5 kB'],
  [4_900_000, '4.9 MB'],
];

for (const [bytes, text] of BYTE_CASES) {
  test(`writes ${bytes} bytes as ${text}`, () => assert.equal(formatBytes(bytes), text));
}

test('the summary holds every target figure as a number, ratios against their baselines', () => {
  const summary = summarize(RESULTS);

  assert.equal(summary['poll_vs_fetch'], 1.15);
  assert.equal(summary['decode_speedup_vs_xmlrpc'], 40);
  assert.equal(summary['decode_speedup_vs_python'], 20);
  assert.equal(summary['collector_rss_mb'], 70.4);
  assert.equal(summary['rtorrent_cpu_vs_older_exporter'], 0.025);
  assert.equal(summary['poll_ms_at_1000'], 25);
  assert.equal(summary['graph_vs_rrdtool'], null);
});

test('the report puts each figure beside its baseline and says what was not measured', () => {
  const report = formatReport(RESULTS);

  assert.ok(report.includes('| decoding the item reply (3.5 MB) | 25 ms | 1000 ms:'), report);
  assert.ok(report.includes('| 40× faster | ≥ 20× |'), report);
  assert.ok(report.includes('| 10,000 | 230 ms | 200 ms | 3.6 MB | 70.4 MB |'), report);
  assert.ok(report.includes('| the viewer | not measured: no viewer yet |'), report);
});

test('says of each target whether it was met, and by how much', () => {
  const report = formatReport(RESULTS);

  assert.match(report, /- `poll_vs_fetch` 1\.15 against at most 1\.15: met, 0% under it\./);
  assert.match(report, /- `decode_speedup_vs_xmlrpc` 40 against at least 20: met, 2 times/);
  assert.match(report, /- `collector_rss_mb` 70\.44 against at most 80: met, 12% under it\./);

  const slower = formatReport({ ...RESULTS, poll: { ...RESULTS.poll, pollMs: 260 } });
  assert.match(slower, /- `poll_vs_fetch` 1\.3 against at most 1\.15: MISSED, 13% over it\./);
});

test('shows how many turns the poll took and how far its ratio strayed between them', () => {
  assert.match(formatReport(RESULTS), /\| 1\.15 \(21 turns, the middle half 1\.1 to 1\.2\) \|/);
});

const VIEWER: ViewerFigures = {
  graphColdMs: 39,
  rrdtoolGraphMs: 30,
  graphCachedMs: 1.2,
  liveRequestsPerSecond: 12_000,
  liveP99Ms: 9,
  helloRequestsPerSecond: 20_000,
  helloP99Ms: 5,
  livePageBytes: 84_321,
  livePageReloadBytes: 3_456,
  liveFirstValuesMs: 212.4,
};

test('the viewer rows give the live page a first visit and a reload, and the ratios to targets', () => {
  const results = { ...RESULTS, viewer: VIEWER };
  const report = formatReport(results);
  const summary = summarize(results);

  assert.ok(report.includes('| cold PNG graph | 39 ms | 30 ms: `rrdtool graph` by hand'), report);
  assert.ok(
    report.includes(
      '| live page in headless Chromium, first visit | 84.3 kB until whole, first values after 212 ms |',
    ),
    report,
  );
  assert.ok(report.includes('| the same page reloaded | 3.5 kB until whole |'), report);
  assert.match(
    report,
    /- `live_vs_hello` 0\.6 against at least 0\.5: met, 1\.2 times the target\./,
  );
  assert.equal(summary['graph_vs_rrdtool'], 1.3);
  assert.equal(summary['live_vs_hello'], 0.6);
  assert.equal(summary['live_page_bytes'], 84_321);
  assert.equal(summary['live_page_reload_bytes'], 3_456);
});
