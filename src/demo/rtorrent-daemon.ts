import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { stopChild, waitForExit, waitForSpawn, type ChildExit } from '../process/child-process.js';

const SOCKET_WAIT_MS = 15_000;
const SOCKET_POLL_MS = 50;

export interface RtorrentDaemonOptions {
  /** A folder of its own: the rc file, session, downloads and socket go inside it. */
  directory: string;
  /** The address rTorrent binds its peer port to; two daemons that trade need different ones. */
  bindAddress?: string;
  /** First peer port to try; rTorrent takes the first free one of the next 20. */
  firstPort?: number;
  /** Listen for XML-RPC on this loopback TCP port instead of the unix socket. */
  scgiPort?: number;
  /** Extra rc lines, appended after the defaults. */
  extraConfig?: string[];
}

/** A running rTorrent started by rtmon (for the demo swarm and the tests). */
export interface RtorrentDaemon {
  readonly pid: number;
  readonly directory: string;
  readonly socketPath: string;
  readonly downloadDirectory: string;
  /** `scgi:///path/to.sock`, the URL rtmon's client takes. */
  readonly url: string;
  /** Resolves with the exit code or signal once the process has gone. */
  readonly exited: Promise<ChildExit>;
  /** Asks rTorrent to shut down, then kills it if it has not gone within the grace time. */
  stop(): Promise<void>;
}

/** Starts a headless rTorrent 0.9.8 in its own folder and waits until its SCGI socket answers. */
export async function startRtorrentDaemon(options: RtorrentDaemonOptions): Promise<RtorrentDaemon> {
  const directory = options.directory;
  const socketPath = join(directory, 'scgi.sock');
  const downloadDirectory = join(directory, 'download');
  const sessionDirectory = join(directory, 'session');
  await mkdir(downloadDirectory, { recursive: true });
  await mkdir(sessionDirectory, { recursive: true });

  const rcPath = join(directory, 'rtorrent.rc');
  const rc = buildRcFile({ ...options, socketPath, downloadDirectory, sessionDirectory });
  await writeFile(rcPath, rc);

  const child = spawn('rtorrent', ['-n', '-o', `import=${rcPath}`], {
    cwd: directory,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const stderr = collectOutput(child);
  const exited = waitForExit(child);
  const pid = await waitForSpawn(child, 'rtorrent', '; is the rtorrent package installed?');
  const target = options.scgiPort === undefined ? socketPath : options.scgiPort;
  await waitForListener(target, exited, stderr);

  return {
    pid,
    directory,
    socketPath,
    downloadDirectory,
    url: typeof target === 'number' ? `scgi://127.0.0.1:${target}` : `scgi://${socketPath}`,
    exited,
    // rTorrent treats SIGTERM as a normal shutdown: it saves the session and closes its sockets.
    stop: () => stopChild(child),
  };
}

function buildRcFile(
  options: RtorrentDaemonOptions & {
    socketPath: string;
    downloadDirectory: string;
    sessionDirectory: string;
  },
): string {
  const firstPort = options.firstPort ?? 20_000 + Math.floor(Math.random() * 20_000);
  const lines = [
    `session.path.set = ${options.sessionDirectory}`,
    `directory.default.set = ${options.downloadDirectory}`,
    // An open umask lets collectd's exec plugin, which runs as an unprivileged user, connect.
    'system.umask.set = 0000',
    options.scgiPort === undefined
      ? `network.scgi.open_local = ${options.socketPath}`
      : `network.scgi.open_port = 127.0.0.1:${options.scgiPort}`,
    'system.daemon.set = true',
    `network.port_range.set = ${firstPort}-${firstPort + 19}`,
    'network.port_random.set = no',
    `network.bind_address.set = ${options.bindAddress ?? '127.0.0.1'}`,
    // Loopback only: no DHT, no peer exchange, no UDP trackers.
    'dht.mode.set = disable',
    'protocol.pex.set = no',
    'trackers.use_udp.set = no',
    ...(options.extraConfig ?? []),
  ];

  return lines.join('\n') + '\n';
}

/** Keeps the last few kilobytes a child writes to stderr, for error messages. */
function collectOutput(child: ChildProcess): { text: string } {
  const output = { text: '' };
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    output.text = (output.text + chunk).slice(-4096);
  });

  return output;
}

async function waitForListener(
  target: string | number,
  exited: Promise<ChildExit>,
  stderr: { text: string },
): Promise<void> {
  let hasExited = false;
  void exited.then(() => (hasExited = true));
  const deadline = Date.now() + SOCKET_WAIT_MS;
  while (Date.now() < deadline) {
    if (hasExited) {
      throw new Error(`rtorrent exited before listening on ${target}: ${stderr.text.trim()}`);
    }

    if (await isListening(target)) return;

    await sleep(SOCKET_POLL_MS);
  }

  throw new Error(`rtorrent did not listen on ${target} within ${SOCKET_WAIT_MS} ms`);
}

async function isListening(target: string | number): Promise<boolean> {
  const exists =
    typeof target === 'number' ||
    (await stat(target).then(
      () => true,
      () => false,
    ));
  if (!exists) return false;

  return new Promise((resolve) => {
    const socket = typeof target === 'number' ? connect(target, '127.0.0.1') : connect(target);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
