import type { BenchResults, ViewerFigures } from './bench-results.js';
import { round } from './summary-json.js';

/** The goals each headline figure is held to. */
export const TARGETS = {
  pollVsFetchMax: 1.15,
  decodeSpeedupVsXmlrpcMin: 20,
  decodeSpeedupVsPythonMin: 10,
  collectorRssMbMax: 80,
  graphVsRrdtoolMax: 1.3,
  liveVsHelloMin: 0.5,
};

/** The README's Performance section: how the run was made, then each figure by its baseline. */
export function formatReport(results: BenchResults): string {
  const { environment } = results;
  const versions = Object.entries(environment.versions)
    .map(([name, version]) => `${name} ${version}`)
    .join(', ');

  return [
    `Measured by \`npm run bench\` on ${environment.date}, on ${environment.machine}; ${versions}.`,
    `rTorrent held ${formatCount(results.items)} stopped items spread over a dozen trackers. ` +
      `Each figure is the median of ${results.repetitions} runs or more, and each ratio sets two ` +
      'figures taken turn about in the same run, so that load from other programs falls on both.',
    '',
    formatTable(
      ['figure', 'rtmon', 'baseline', 'ratio', 'target'],
      [...headlineRows(results), ...viewerRows(results.viewer)],
    ),
    '',
    ...formatHeadroom(results),
    '',
    POLL_NOTE,
    '',
    'Scaling: one steady-state poll, and the peak resident set of `rtmon collect` run as its own ' +
      'process.',
    '',
    formatTable(
      ['items', 'rtmon poll', 'bare fetch', 'reply size', 'collector peak RSS'],
      results.scaling.map((row) => [
        formatCount(row.items),
        formatMs(row.pollMs),
        formatMs(row.fetchMs),
        formatBytes(row.replyBytes),
        `${round(row.collectorRssMb)} MB`,
      ]),
    ),
  ].join('\n');
}

// Why the poll costs what it does; true of the design, whatever one run measured.
const POLL_NOTE =
  'rTorrent builds its whole reply before it sends a byte, so a poll cannot hide its own work ' +
  'behind the fetch: what it adds is decoding and summing, one row at a time as the bytes ' +
  'arrive, with no list of rows kept. The collector reads /proc while rTorrent builds the reply.';

/** One line per target: met or missed, and by how much, so that an easy one can be raised. */
function formatHeadroom(results: BenchResults): string[] {
  const { poll, decode, collector, viewer } = results;
  const lines = [
    atMost('poll_vs_fetch', poll.pollMs / poll.fetchMs, TARGETS.pollVsFetchMax),
    atLeast(
      'decode_speedup_vs_xmlrpc',
      decode.xmlrpcMs / decode.rtmonMs,
      TARGETS.decodeSpeedupVsXmlrpcMin,
    ),
    atLeast(
      'decode_speedup_vs_python',
      decode.pythonMs / decode.rtmonMs,
      TARGETS.decodeSpeedupVsPythonMin,
    ),
    atMost('collector_rss_mb', collector.peakRssMb, TARGETS.collectorRssMbMax),
  ];
  if (viewer !== undefined) {
    lines.push(
      atMost(
        'graph_vs_rrdtool',
        viewer.graphColdMs / viewer.rrdtoolGraphMs,
        TARGETS.graphVsRrdtoolMax,
      ),
      atLeast(
        'live_vs_hello',
        viewer.liveRequestsPerSecond / viewer.helloRequestsPerSecond,
        TARGETS.liveVsHelloMin,
      ),
    );
  }

  return lines;
}

function atMost(name: string, value: number, target: number): string {
  const share = Math.round((Math.abs(target - value) / target) * 100);
  const verdict = value <= target ? `met, ${share}% under it` : `MISSED, ${share}% over it`;

  return `- \`${name}\` ${round(value, 3)} against at most ${target}: ${verdict}.`;
}

function atLeast(name: string, value: number, target: number): string {
  const verdict = value >= target ? `met, ${round(value / target, 2)} times the target` : `MISSED`;

  return `- \`${name}\` ${round(value, 2)} against at least ${target}: ${verdict}.`;
}

function headlineRows(results: BenchResults): string[][] {
  const { poll, decode, collector, rtorrentCpu } = results;
  const items = formatCount(results.items);
  const cpuRatio = rtorrentCpu.rtmonMsPerPoll / rtorrentCpu.olderExporterMsPerPoll;

  return [
    [
      `poll of ${items} items (${formatBytes(poll.replyBytes)} of replies)`,
      `${formatMs(poll.pollMs)}: fetch, decode, aggregate, ${poll.lineCount} PUTVAL lines`,
      `${formatMs(poll.fetchMs)}: bare SCGI fetch of the same requests`,
      `${round(poll.pollMs / poll.fetchMs, 2)} (${poll.turns} turns, the middle half ${round(poll.turnRatioQuartiles[0], 2)} to ${round(poll.turnRatioQuartiles[1], 2)})`,
      `≤ ${TARGETS.pollVsFetchMax}`,
    ],
    [
      `decoding the item reply (${formatBytes(decode.replyBytes)})`,
      formatMs(decode.rtmonMs),
      `${formatMs(decode.xmlrpcMs)}: \`xmlrpc\` package's deserializer`,
      `${round(decode.xmlrpcMs / decode.rtmonMs)}× faster`,
      `≥ ${TARGETS.decodeSpeedupVsXmlrpcMin}×`,
    ],
    [
      'the same bytes',
      formatMs(decode.rtmonMs),
      `${formatMs(decode.pythonMs)}: Python's \`xmlrpc.client.loads\``,
      `${round(decode.pythonMs / decode.rtmonMs)}× faster`,
      `≥ ${TARGETS.decodeSpeedupVsPythonMin}×`,
    ],
    [
      `collector peak RSS over ${collector.polls} polls`,
      `${round(collector.peakRssMb)} MB (${collector.failures} failed polls)`,
      '',
      '',
      `≤ ${TARGETS.collectorRssMbMax} MB`,
    ],
    [
      `rTorrent's CPU time per poll (over ${rtorrentCpu.rtmonPolls} and ${rtorrentCpu.olderExporterPolls} polls)`,
      formatMs(rtorrentCpu.rtmonMsPerPoll),
      `${formatMs(rtorrentCpu.olderExporterMsPerPoll)}: \`download_list\` per view, per-item getters batched by 100`,
      `${round(cpuRatio, 3)} (${round(1 / cpuRatio)}× less)`,
      '',
    ],
  ];
}

function viewerRows(viewer: ViewerFigures | undefined): string[][] {
  if (viewer === undefined) return [['the viewer', 'not measured: no viewer yet', '', '', '']];

  return [
    [
      'cold PNG graph',
      formatMs(viewer.graphColdMs),
      `${formatMs(viewer.rrdtoolGraphMs)}: \`rrdtool graph\` by hand, same definition`,
      `${round(viewer.graphColdMs / viewer.rrdtoolGraphMs, 2)}`,
      `≤ ${TARGETS.graphVsRrdtoolMax}`,
    ],
    ['cached PNG graph', formatMs(viewer.graphCachedMs), '', '', ''],
    [
      '`/api/live` under 50 connections',
      `${formatCount(Math.round(viewer.liveRequestsPerSecond))} req/s, p99 ${viewer.liveP99Ms} ms`,
      `${formatCount(Math.round(viewer.helloRequestsPerSecond))} req/s, p99 ${viewer.helloP99Ms} ms: bare Hono route`,
      `${round(viewer.liveRequestsPerSecond / viewer.helloRequestsPerSecond, 2)}`,
      `≥ ${TARGETS.liveVsHelloMin}`,
    ],
    [
      'live page in headless Chromium, first visit',
      `${formatBytes(viewer.livePageBytes)} until whole, first values after ${formatMs(viewer.liveFirstValuesMs)}`,
      '',
      '',
      '',
    ],
    [
      'the same page reloaded',
      `${formatBytes(viewer.livePageReloadBytes)} until whole`,
      '',
      '',
      '',
    ],
  ];
}

/** A Markdown table. */
export function formatTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;

  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function formatMs(ms: number): string {
  return ms >= 100 ? `${Math.round(ms)} ms` : `${round(ms)} ms`;
}

function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

/** Bytes as B, kB or MB (powers of 1000). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;

  if (bytes < 1_000_000) return `${round(bytes / 1000)} kB`;

  return `${round(bytes / 1_000_000)} MB`;
}
