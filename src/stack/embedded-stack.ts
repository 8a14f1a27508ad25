import { mkdir, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';

import { startDemoSwarm, type DemoSwarm } from '../demo/demo-swarm.js';
import { stopChild } from '../process/child-process.js';
import { toAbsoluteRtorrentUrl } from './absolute-url.js';
import { buildStartConfig, type CollectorEntry } from './collectd-config.js';
import { startCollectd } from './collectd-daemon.js';
import { chooseExecUser } from './exec-user.js';
import { findRtorrent, type FoundRtorrent } from './find-rtorrent.js';
import type { LoggedChild } from './logged-child.js';
import { canOthersRead } from './others-can-read.js';
import { findPackageRoot } from '../web/package-root.js';
import { StartError } from './start-error.js';
import { formatHost, startViewer } from './viewer-daemon.js';

export interface EmbeddedStackOptions {
  stateDirectory: string;
  host: string;
  port: number;
  intervalSeconds: number;
  /** Watch this rTorrent; otherwise the one rtmon finds, otherwise a demo swarm. */
  url?: string;
  /** The rTorrent that rtmon's ini file names: the first place rtmon looks, if it answers. */
  configured?: FoundRtorrent;
  instance?: string;
  /** Run the demo swarm even when an rTorrent is found. */
  demo?: boolean;
  /** Told about failed steps of the demo's payload stream. */
  onDemoError?: (error: Error) => void;
}

/** collectd, its collectors and the viewer, as children of this process. */
export interface EmbeddedStack {
  readonly viewerUrl: string;
  readonly rrdDirectory: string;
  readonly logDirectory: string;
  readonly collectors: readonly CollectorEntry[];
  /** Where the watched rTorrent came from: a file name, the command line, or the demo. */
  readonly source: string;
  readonly demo: DemoSwarm | undefined;
  /** Resolves with a child's name when one of them exits on its own. */
  readonly childExited: Promise<string>;
  /** Stops every child, and the demo swarm; safe to call more than once. */
  stop(): Promise<void>;
}

/** Brings up the stack of `rtmon start`; on failure, stops whatever it had started. */
export async function startEmbeddedStack(options: EmbeddedStackOptions): Promise<EmbeddedStack> {
  const packageRoot = findPackageRoot();
  const cliPath = join(packageRoot, 'dist', 'cli.js');
  const nodePath = process.execPath;
  const execUser = chooseExecUser();
  if (execUser.startsWith('nobody')) await assertOthersCanRead([cliPath, nodePath]);

  const rrdDirectory = join(options.stateDirectory, 'rrd');
  const logDirectory = join(options.stateDirectory, 'logs');
  await mkdir(rrdDirectory, { recursive: true });
  await mkdir(logDirectory, { recursive: true });

  const started: { demo?: DemoSwarm; children: LoggedChild[] } = { children: [] };
  const stop = () => stopStack(started);
  try {
    const target = await chooseTarget(options, started);
    const config = await buildStartConfig({
      hostname: hostname(),
      stateDirectory: options.stateDirectory,
      intervalSeconds: options.intervalSeconds,
      execUser,
      nodePath,
      cliPath,
      collectors: target.collectors,
    });
    const configFile = join(options.stateDirectory, 'collectd.conf');
    await writeFile(configFile, config);
    const collectdLog = join(logDirectory, 'collectd.log');
    started.children.push(await startCollectd(configFile, collectdLog));

    const viewerLog = join(logDirectory, 'viewer.log');
    const viewerOptions = { ...options, nodePath, cliPath, rrdDirectory, logFile: viewerLog };
    started.children.push(await startViewer(viewerOptions));

    return {
      viewerUrl: `http://${formatHost(options.host)}:${options.port}/`,
      rrdDirectory,
      logDirectory,
      collectors: target.collectors,
      source: target.source,
      demo: started.demo,
      childExited: Promise.race(started.children.map((each) => each.exited.then(() => each.name))),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function chooseTarget(
  options: EmbeddedStackOptions,
  started: { demo?: DemoSwarm },
): Promise<{ collectors: CollectorEntry[]; source: string }> {
  const instance = options.instance ?? '';
  if (options.url !== undefined && !options.demo) {
    const url = toAbsoluteRtorrentUrl(options.url);

    return { collectors: [{ url, instance }], source: 'the command line' };
  }

  const found = options.demo ? undefined : await findRtorrent({ configured: options.configured });
  if (found !== undefined) {
    return { collectors: [{ url: found.url, instance }], source: found.source };
  }

  started.demo = await startDemoSwarm({ onError: options.onDemoError });
  const collectors = started.demo.peers.map((peer) => ({ url: peer.url, instance: peer.name }));

  return { collectors, source: 'the demo swarm' };
}

async function assertOthersCanRead(paths: string[]): Promise<void> {
  for (const path of paths) {
    if (await canOthersRead(path)) continue;

    throw new StartError(
      'ERR_START_UNREADABLE',
      `collectd runs the collector as 'nobody', who cannot read ${path}; ` +
        'put rtmon (and Node.js) where every user can read them, e.g. under /opt, or run as a user',
    );
  }
}

async function stopStack(started: { demo?: DemoSwarm; children: LoggedChild[] }): Promise<void> {
  // The viewer and collectd first (collectd stops its collectors), then what they watched.
  const children = started.children.splice(0).reverse();
  for (const each of children) await stopChild(each.child);

  const demo = started.demo;
  started.demo = undefined;
  await demo?.stop();
}
