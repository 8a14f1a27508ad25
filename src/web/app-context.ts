import { GraphCache } from '../graph/graph-cache.js';
import { LiveReader } from '../live/live-snapshot.js';
import { RrdCatalog } from '../rrd/rrd-catalog.js';
import { RrdtoolRunner } from '../rrd/rrdtool-runner.js';

export const DEFAULT_MAX_LIVE_STREAMS = 64;

export interface AppOptions {
  rrdDir: string;
  /** Paths whose mount points' df series the live page shows. */
  diskUsagePaths?: string[];
  runner?: RrdtoolRunner;
  /** Folder of the browser's files; found beside package.json unless given. */
  webDir?: string;
  /** Fixed pace of `/api/live/stream`; else the RRD step. */
  liveIntervalMs?: number;
  maxLiveStreams?: number;
  /** Basic-auth users, name to scrypt hash; none means no authentication. */
  users?: Record<string, string>;
  /** Told of every answer of 500 and up with its cause, for the operator; the app itself logs nothing. */
  onServerError?: (error: unknown, request: Request) => void;
}

/** What every route shares: the file catalog, the rrdtool runner, the caches. */
export interface AppContext {
  catalog: RrdCatalog;
  runner: RrdtoolRunner;
  live: LiveReader;
  graphCache: GraphCache;
  webDir: string;
  liveIntervalMs: number | undefined;
  maxLiveStreams: number;
}

export function createAppContext(options: AppOptions, webDir: string): AppContext {
  const catalog = new RrdCatalog(options.rrdDir);
  const runner = options.runner ?? new RrdtoolRunner();
  const diskUsagePaths = options.diskUsagePaths ?? [];

  return {
    catalog,
    runner,
    live: new LiveReader({ catalog, runner, diskUsagePaths }),
    graphCache: new GraphCache(),
    webDir,
    liveIntervalMs: options.liveIntervalMs,
    maxLiveStreams: options.maxLiveStreams ?? DEFAULT_MAX_LIVE_STREAMS,
  };
}
