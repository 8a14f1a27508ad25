import type { Context, Hono } from 'hono';
import { streamSSE } from 'hono/streaming';

import type { LiveSnapshot } from '../live/live-snapshot.js';
import type { RrdHost, RrdPlugin } from '../rrd/rrd-catalog.js';
import type { AppContext } from './app-context.js';
import { HttpError, notFound } from './http-error.js';
import { readParameter } from './query.js';

/** Clients asking within this long share one snapshot, so many pages cost one rrdtool run. */
export const LIVE_SNAPSHOT_TTL_MS = 1_000;
export const DEFAULT_LIVE_INTERVAL_MS = 2_000;
const MIN_LIVE_INTERVAL_MS = 500;
const MAX_LIVE_INTERVAL_MS = 60_000;

/**
 * `GET /api/live?host=&instance=`: the newest value of every rTorrent and host sensor;
 * `GET /api/live/stream` sends the same as server-sent `live` events, once per interval.
 */
export function addLiveRoutes(app: Hono, context: AppContext): void {
  const snapshots = new SnapshotCache(context);
  let openStreams = 0;

  app.get('/api/live', async (c) => {
    const json = await snapshots.getJson(await readTarget(c, context));

    return c.body(json, 200, { 'Content-Type': 'application/json' });
  });

  app.get('/api/live/stream', async (c) => {
    const target = await readTarget(c, context);
    if (openStreams >= context.maxLiveStreams) {
      throw new HttpError(
        503,
        'ERR_TOO_MANY_STREAMS',
        `${openStreams} live streams are open already`,
      );
    }

    openStreams += 1;

    return streamSSE(c, async (stream) => {
      // A write to a client that left can wait forever; every wait also ends when it leaves.
      const left = new Promise<'left'>((resolve) => {
        stream.onAbort(() => resolve('left'));
        c.req.raw.signal.addEventListener('abort', () => resolve('left'));
      });
      // A write that fails means the client is gone too.
      const unlessLeft = async (work: Promise<unknown>) =>
        Promise.race([work, left]).catch(() => 'left' as const);
      try {
        while (!stream.aborted && !c.req.raw.signal.aborted) {
          const { event, data, interval } = await nextEvent(context, snapshots, target);
          if ((await unlessLeft(stream.writeSSE({ event, data }))) === 'left') break;

          if ((await unlessLeft(stream.sleep(interval))) === 'left') break;
        }
      } finally {
        openStreams -= 1;
      }
    });
  });
}

/** The next server-sent event: a snapshot, or the problem that kept one from being read. */
async function nextEvent(context: AppContext, snapshots: SnapshotCache, target: LiveTarget) {
  try {
    const snapshot = await snapshots.get(target);

    return {
      event: 'live',
      data: JSON.stringify(snapshot),
      interval: intervalMs(context, snapshot),
    };
  } catch (error) {
    // The stream stays open: the page shows the problem and the next event may be fine.
    const message = error instanceof Error ? error.message : String(error);

    return {
      event: 'problem',
      data: JSON.stringify({ message }),
      interval: intervalMs(context, undefined),
    };
  }
}

interface LiveTarget {
  host: RrdHost;
  rtorrent: RrdPlugin | undefined;
}

/** The host (else the first with rTorrent) and rTorrent instance (else the plain one) asked for. */
async function readTarget(c: Context, context: AppContext): Promise<LiveTarget> {
  const hostName = readParameter(c, 'host');
  const instance = readParameter(c, 'instance');
  const hosts = await context.catalog.hosts();
  const host =
    hostName === undefined
      ? (hosts.find((entry) => entry.plugins.some(isRtorrent)) ?? hosts[0])
      : hosts.find((entry) => entry.name === hostName);
  if (hostName === undefined && host === undefined) {
    throw new HttpError(404, 'ERR_NOT_FOUND', 'the RRD folder holds no hosts yet');
  }

  if (host === undefined) throw notFound('host', hostName ?? '');

  if (instance === undefined) {
    const plain = host.plugins.find((plugin) => plugin.name === 'rtorrent');

    return { host, rtorrent: plain ?? host.plugins.find(isRtorrent) };
  }

  const rtorrent = host.plugins.find(
    (plugin) => isRtorrent(plugin) && plugin.instance === instance,
  );
  if (rtorrent === undefined) throw notFound('rTorrent instance', instance);

  return { host, rtorrent };
}

function isRtorrent(plugin: RrdPlugin): boolean {
  return plugin.plugin === 'rtorrent';
}

function intervalMs(context: AppContext, snapshot: LiveSnapshot | undefined): number {
  if (context.liveIntervalMs !== undefined) return context.liveIntervalMs;

  const fromStep = (snapshot?.interval ?? 0) * 1000;
  if (!(fromStep > 0)) return DEFAULT_LIVE_INTERVAL_MS;

  return Math.min(Math.max(fromStep, MIN_LIVE_INTERVAL_MS), MAX_LIVE_INTERVAL_MS);
}

/**
 * Snapshots by target, each kept for a short while with its JSON text: under load, writing the
 * same snapshot as JSON for every request cost more than everything else the route does.
 */
class SnapshotCache {
  readonly #context: AppContext;
  readonly #entries = new Map<
    string,
    { expires: number; snapshot: Promise<LiveSnapshot>; json: Promise<string> }
  >();

  constructor(context: AppContext) {
    this.#context = context;
  }

  get(target: LiveTarget): Promise<LiveSnapshot> {
    return this.#entry(target).snapshot;
  }

  getJson(target: LiveTarget): Promise<string> {
    return this.#entry(target).json;
  }

  #entry(target: LiveTarget) {
    const key = `${target.host.name}/${target.rtorrent?.name ?? ''}`;
    const cached = this.#entries.get(key);
    if (cached !== undefined && cached.expires > Date.now()) return cached;

    const snapshot = this.#context.live.read(target.host, target.rtorrent);
    const entry = {
      expires: Date.now() + LIVE_SNAPSHOT_TTL_MS,
      snapshot,
      json: snapshot.then((value) => JSON.stringify(value)),
    };
    this.#entries.set(key, entry);
    // A failed read is not kept: the next request tries again.
    snapshot.catch(() => this.#entries.delete(key));
    entry.json.catch(() => undefined);

    return entry;
  }
}
