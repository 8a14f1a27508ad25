import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { createRrdFixture } from '../../test/helpers/rrd-fixture.js';
import type { ViewerFigures } from './bench-results.js';
import { openLivePage } from './live-page-in-chromium.js';
import { loadWithAutocannon, type LoadFigures } from './load-from-autocannon.js';
import { HELLO_PATH, serveViewer, type ServedViewer } from './served-viewer.js';
import { median, timeRuns } from './statistics.js';

const run = promisify(execFile);

const GRAPH_PATH = '/graph/seedbox/rtorrent/gauge-rate_up.png?range=day';
const LIVE_PATH = '/api/live?host=seedbox';
const FIRST_WIDTH_PX = 640;
// Each load runs for seconds; two rounds turn about are enough for a median of the pair.
const LOAD_ROUNDS = 2;
const PAGE_OPENINGS = 3;

/**
 * The viewer over an archive shaped like collectd's (the tests' fixture, 2 hours at 10 s): a
 * cold graph against rrdtool run by hand with the very same arguments, a cached graph,
 * `/api/live` against a bare route under load, and the live page in Chromium.
 */
export async function measureViewer(repetitions: number): Promise<ViewerFigures> {
  const archive = await createRrdFixture();
  const viewer = await serveViewer(archive.rrdDir);
  try {
    await archive.touch();
    const graphs = await measureGraphs(viewer, repetitions);
    const live = await measureLoad(viewer);
    const pages = await openLivePage(`${viewer.url}/`, PAGE_OPENINGS);

    return {
      ...graphs,
      liveRequestsPerSecond: median(live.live.map((figures) => figures.requestsPerSecond)),
      liveP99Ms: median(live.live.map((figures) => figures.p99Ms)),
      helloRequestsPerSecond: median(live.hello.map((figures) => figures.requestsPerSecond)),
      helloP99Ms: median(live.hello.map((figures) => figures.p99Ms)),
      livePageBytes: median(pages.map((page) => page.bytes)),
      livePageReloadBytes: median(pages.map((page) => page.reloadBytes)),
      liveFirstValuesMs: median(pages.map((page) => page.firstValuesMs)),
    };
  } finally {
    await viewer.close();
    await archive.remove();
  }
}

async function measureGraphs(viewer: ServedViewer, repetitions: number) {
  // The first request fills the file catalog and compiles the routes; it is not timed.
  await fetchOk(`${viewer.url}${GRAPH_PATH}&width=${FIRST_WIDTH_PX - 1}`);
  const coldTimes: number[] = [];
  const handTimes: number[] = [];
  for (let index = 0; index < repetitions; index++) {
    // A width not asked before is a graph the cache has not got.
    const url = `${viewer.url}${GRAPH_PATH}&width=${FIRST_WIDTH_PX + index}`;
    coldTimes.push(...(await timeRuns(1, () => fetchOk(url))));
    const args = findLastGraphCall(viewer.rrdtoolCalls);
    handTimes.push(...(await timeRuns(1, () => runRrdtoolByHand(args))));
  }

  const cachedUrl = `${viewer.url}${GRAPH_PATH}&width=${FIRST_WIDTH_PX}`;
  const cachedTimes = await timeRuns(repetitions * 3, () => fetchOk(cachedUrl));

  return {
    graphColdMs: median(coldTimes),
    rrdtoolGraphMs: median(handTimes),
    graphCachedMs: median(cachedTimes),
  };
}

async function measureLoad(viewer: ServedViewer) {
  await fetchOk(`${viewer.url}${LIVE_PATH}`);
  const live: LoadFigures[] = [];
  const hello: LoadFigures[] = [];
  for (let round = 0; round < LOAD_ROUNDS; round++) {
    live.push(await loadWithAutocannon(`${viewer.url}${LIVE_PATH}`));
    hello.push(await loadWithAutocannon(`${viewer.url}${HELLO_PATH}`));
  }

  const failures = [...live, ...hello].reduce((sum, figures) => sum + figures.failures, 0);
  if (failures > 0) throw new Error(`${failures} requests failed under load`);

  return { live, hello };
}

/** `rrdtool graph` as a person would run it, with the definition the viewer used. */
async function runRrdtoolByHand(graphvArgs: string[]): Promise<void> {
  const args = ['graph', ...graphvArgs.slice(1)];
  await run('rrdtool', args, {
    encoding: 'buffer',
    maxBuffer: 32 * 1024 * 1024,
    env: { ...process.env, LC_ALL: 'C', TZ: process.env['TZ'] ?? 'UTC' },
  });
}

function findLastGraphCall(calls: string[][]): string[] {
  const call = calls.findLast((args) => args[0] === 'graphv');
  if (call === undefined) throw new Error('the viewer drew a graph without rrdtool graphv');

  return call;
}

async function fetchOk(url: string): Promise<void> {
  const response = await fetch(url);
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
}
