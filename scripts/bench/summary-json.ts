import type { BenchResults } from './bench-results.js';

/**
 * The run's figures as one flat object of numbers, keyed as the targets name them, for
 * machines to read from the last line of output. A figure that could not be measured is null.
 */
export function summarize(results: BenchResults): Record<string, number | null> {
  const { poll, decode, collector, rtorrentCpu, viewer } = results;

  return {
    items: results.items,
    repetitions: results.repetitions,
    poll_ms: round(poll.pollMs),
    fetch_ms: round(poll.fetchMs),
    poll_vs_fetch: round(poll.pollMs / poll.fetchMs, 3),
    poll_turns: poll.turns,
    poll_vs_fetch_turn_q1: round(poll.turnRatioQuartiles[0], 3),
    poll_vs_fetch_turn_q3: round(poll.turnRatioQuartiles[1], 3),
    reply_bytes: poll.replyBytes,
    decode_ms: round(decode.rtmonMs),
    decode_xmlrpc_ms: round(decode.xmlrpcMs),
    decode_python_ms: round(decode.pythonMs),
    decode_speedup_vs_xmlrpc: round(decode.xmlrpcMs / decode.rtmonMs, 1),
    decode_speedup_vs_python: round(decode.pythonMs / decode.rtmonMs, 1),
    collector_rss_mb: round(collector.peakRssMb, 1),
    collector_failed_polls: collector.failures,
    rtorrent_cpu_ms_per_poll: round(rtorrentCpu.rtmonMsPerPoll),
    rtorrent_cpu_older_exporter_ms_per_poll: round(rtorrentCpu.olderExporterMsPerPoll),
    rtorrent_cpu_vs_older_exporter: round(
      rtorrentCpu.rtmonMsPerPoll / rtorrentCpu.olderExporterMsPerPoll,
      3,
    ),
    ...Object.fromEntries(
      results.scaling.flatMap((row) => [
        [`poll_ms_at_${row.items}`, round(row.pollMs)],
        [`collector_rss_mb_at_${row.items}`, round(row.collectorRssMb, 1)],
      ]),
    ),
    graph_cold_ms: viewer ? round(viewer.graphColdMs) : null,
    rrdtool_graph_ms: viewer ? round(viewer.rrdtoolGraphMs) : null,
    graph_vs_rrdtool: viewer ? round(viewer.graphColdMs / viewer.rrdtoolGraphMs, 3) : null,
    graph_cached_ms: viewer ? round(viewer.graphCachedMs, 2) : null,
    live_rps: viewer ? Math.round(viewer.liveRequestsPerSecond) : null,
    live_p99_ms: viewer ? viewer.liveP99Ms : null,
    hello_rps: viewer ? Math.round(viewer.helloRequestsPerSecond) : null,
    hello_p99_ms: viewer ? viewer.helloP99Ms : null,
    live_vs_hello: viewer
      ? round(viewer.liveRequestsPerSecond / viewer.helloRequestsPerSecond, 3)
      : null,
    live_page_bytes: viewer ? viewer.livePageBytes : null,
    live_page_reload_bytes: viewer ? viewer.livePageReloadBytes : null,
    live_first_values_ms: viewer ? round(viewer.liveFirstValuesMs) : null,
  };
}

/** Rounds to `digits` decimals (one by default). */
export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;

  return Math.round(value * factor) / factor;
}
