// `npm run bench`: rtmon measured beside its baselines in one run, on a private rTorrent loaded
// with stopped items. Progress goes to stderr; the README gets the table; the last line of
// stdout is one JSON object of figures.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { format, resolveConfig } from 'prettier';

import { RtorrentClient } from '../src/rtorrent/rtorrent-client.js';
import { describeEnvironment } from './bench/bench-environment.js';
import { parseBenchOptions, scalingSteps, type BenchOptions } from './bench/bench-options.js';
import type { BenchResults, ScalingRow } from './bench/bench-results.js';
import { runCollectorProcess } from './bench/collector-process.js';
import { formatReport } from './bench/format-report.js';
import { measureDecode } from './bench/measure-decode.js';
import { measurePoll } from './bench/measure-poll.js';
import { measureViewer } from './bench/measure-viewer.js';
import { measureRtorrentCpuPerPoll } from './bench/measure-rtorrent-cpu.js';
import { pollLikeOlderExporter } from './bench/older-exporter-poll.js';
import { waitUntilIdle } from './bench/wait-until-idle.js';
import { replacePerformanceSection } from './bench/readme-section.js';
import { createRtmonPoll } from './bench/rtmon-poll.js';
import { startRtorrentFixture, type RtorrentFixture } from './bench/rtorrent-fixture.js';
import { summarize } from './bench/summary-json.js';

const README_PATH = fileURLToPath(new URL('../../README.md', import.meta.url));
// The peak resident set is read over this many polls at the full item count, fewer below it.
const COLLECTOR_POLLS = 50;
const COLLECTOR_POLLS_WHILE_SCALING = 10;
// rTorrent's CPU time is counted in 10 ms ticks, so each pattern runs often enough to add up.
const RTMON_CPU_POLLS = 20;
const OLDER_EXPORTER_CPU_POLLS = 2;
const MEGABYTE = 1024 * 1024;

const options = parseBenchOptions(process.argv.slice(2));
const results = await measureAll(options);
progress('measuring the viewer');
results.viewer = await measureViewer(options.repetitions);
progress(
  `graph cold ${results.viewer.graphColdMs.toFixed(0)} ms against rrdtool ` +
    `${results.viewer.rrdtoolGraphMs.toFixed(0)} ms; /api/live ` +
    `${results.viewer.liveRequestsPerSecond.toFixed(0)} req/s against hello ` +
    `${results.viewer.helloRequestsPerSecond.toFixed(0)} req/s`,
);
if (options.writeReadme) {
  const readme = await readFile(README_PATH, 'utf8');
  const updated = replacePerformanceSection(readme, formatReport(results));
  // Laid out by the project's formatter, so that `npm test`'s format check still passes.
  const options = await resolveConfig(README_PATH);
  await writeFile(README_PATH, await format(updated, { ...options, filepath: README_PATH }));
  progress(`wrote the Performance section of ${README_PATH}`);
}
console.log(JSON.stringify(summarize(results)));

async function measureAll(options: BenchOptions): Promise<BenchResults> {
  const scratchFolder = await mkdtemp(join(tmpdir(), 'rtmon-bench-scratch-'));
  const fixture = await startRtorrentFixture();
  try {
    return await measureRtorrentParts(fixture, scratchFolder, options);
  } finally {
    await fixture.dispose();
    await rm(scratchFolder, { recursive: true, force: true });
  }
}

async function measureRtorrentParts(
  fixture: RtorrentFixture,
  scratchFolder: string,
  options: BenchOptions,
): Promise<BenchResults> {
  const { url, socketPath, pid } = fixture.daemon;
  const environment = await describeEnvironment(new RtorrentClient(url));
  const scaling: ScalingRow[] = [];
  let collectorAtFull = { polls: 0, failures: 0, peakRssMb: 0 };
  let pollAtFull: Awaited<ReturnType<typeof measurePoll>> | undefined;
  for (const items of scalingSteps(options.items)) {
    const loadStart = performance.now();
    await fixture.growTo(items);
    progress(`rTorrent holds ${items} items (loaded in ${seconds(loadStart)})`);
    const settledIn = await waitUntilIdle(pid);
    progress(`rTorrent settled after ${(settledIn / 1000).toFixed(1)} s`);

    const poll = await measurePoll(url, socketPath, options.repetitions);
    progress(`poll ${poll.pollMs.toFixed(1)} ms, bare fetch ${poll.fetchMs.toFixed(1)} ms`);
    const isFull = items === options.items;
    const polls = isFull ? COLLECTOR_POLLS : COLLECTOR_POLLS_WHILE_SCALING;
    const collector = await runCollectorProcess(url, polls, collectorInterval(items));
    const peakRssMb = collector.peakRssBytes / MEGABYTE;
    progress(`rtmon collect: peak RSS ${peakRssMb.toFixed(1)} MB over ${collector.polls} polls`);

    scaling.push({ items, ...poll, collectorRssMb: peakRssMb });
    if (!isFull) continue;

    pollAtFull = poll;
    collectorAtFull = { polls: collector.polls, failures: collector.failures, peakRssMb };
  }

  if (pollAtFull === undefined) throw new Error('the run never reached its full item count');

  const decode = await measureDecode(
    socketPath,
    pollAtFull.requests,
    scratchFolder,
    options.repetitions,
  );
  progress(
    `decode ${decode.rtmonMs.toFixed(1)} ms; xmlrpc ${decode.xmlrpcMs.toFixed(0)} ms; ` +
      `python ${decode.pythonMs.toFixed(0)} ms`,
  );

  const rtorrentCpu = await measureRtorrentCpu(url, pid);
  progress(
    `rTorrent CPU per poll: rtmon ${rtorrentCpu.rtmonMsPerPoll} ms, ` +
      `older exporter ${rtorrentCpu.olderExporterMsPerPoll} ms`,
  );

  return {
    environment,
    items: options.items,
    repetitions: options.repetitions,
    poll: pollAtFull,
    decode,
    collector: collectorAtFull,
    rtorrentCpu,
    scaling,
    viewer: undefined,
  };
}

async function measureRtorrentCpu(url: string, pid: number) {
  const rtmon = createRtmonPoll(url);
  await rtmon.poll();
  const rtmonMsPerPoll = await measureRtorrentCpuPerPoll(pid, RTMON_CPU_POLLS, rtmon.poll);
  const client = new RtorrentClient(url, { timeoutMs: 120_000 });
  const olderExporterMsPerPoll = await measureRtorrentCpuPerPoll(
    pid,
    OLDER_EXPORTER_CPU_POLLS,
    () => pollLikeOlderExporter(client),
  );

  return {
    rtmonMsPerPoll,
    olderExporterMsPerPoll,
    rtmonPolls: RTMON_CPU_POLLS,
    olderExporterPolls: OLDER_EXPORTER_CPU_POLLS,
  };
}

/** Long enough for a poll to finish well inside it, even on a busy machine. */
function collectorInterval(items: number): number {
  return Math.max(1, (items / 10_000) * 2);
}

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}

function progress(line: string): void {
  console.error(`bench: ${line}`);
}
