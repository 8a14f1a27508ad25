import { spawn } from 'node:child_process';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { stopChild, waitForExit, waitForSpawn, type ChildExit } from '../process/child-process.js';

const LISTEN_WAIT_MS = 10_000;
const LISTEN_POLL_MS = 50;
const WHITELIST_FILE = 'whitelist.txt';
// Debian's opentracker fails to map an empty whitelist, so the file always holds this one.
const PLACEHOLDER_HASH = '0'.repeat(40);

export interface OpentrackerOptions {
  /** A folder of its own, readable by `nobody`: opentracker drops to that user and chroots there. */
  directory: string;
  address: string;
  port: number;
}

/** A running opentracker that serves only the info hashes on its whitelist. */
export interface Opentracker {
  readonly pid: number;
  /** The announce URL to put in .torrent files. */
  readonly announceUrl: string;
  readonly exited: Promise<ChildExit>;
  /** Rewrites the whitelist and tells opentracker to reread it. */
  setWhitelist(infoHashes: string[]): Promise<void>;
  stop(): Promise<void>;
}

/** Starts Debian's opentracker on one loopback address and TCP port, with no UDP. */
export async function startOpentracker(options: OpentrackerOptions): Promise<Opentracker> {
  const { directory, address, port } = options;
  await mkdir(directory, { recursive: true });
  // As root, opentracker reads the whitelist once, then drops to `nobody` for every reread.
  await chmod(directory, 0o755);
  await writeWhitelist(directory, []);

  // `-p` alone binds TCP only; `-d` is the chroot, so the whitelist path is relative to it.
  const args = ['-i', address, '-p', String(port), '-d', directory, '-w', WHITELIST_FILE];
  const child = spawn('opentracker', args, { cwd: directory, stdio: 'ignore' });
  const exited = waitForExit(child);
  const pid = await waitForSpawn(child, 'opentracker', '; is the opentracker package installed?');
  await waitForListening(address, port, exited);

  return {
    pid,
    announceUrl: `http://${address}:${port}/announce`,
    exited,
    async setWhitelist(infoHashes) {
      await writeWhitelist(directory, infoHashes);
      // opentracker rereads its whitelist on SIGHUP.
      child.kill('SIGHUP');
    },
    stop: () => stopChild(child),
  };
}

async function writeWhitelist(directory: string, infoHashes: string[]): Promise<void> {
  const lines = [PLACEHOLDER_HASH, ...infoHashes.map((hash) => hash.toLowerCase())];
  await writeFile(join(directory, WHITELIST_FILE), lines.join('\n') + '\n', { mode: 0o644 });
}

async function waitForListening(address: string, port: number, exited: Promise<ChildExit>) {
  let hasExited = false;
  void exited.then(() => (hasExited = true));
  const deadline = Date.now() + LISTEN_WAIT_MS;
  while (Date.now() < deadline) {
    if (hasExited) throw new Error(`opentracker exited before listening on ${address}:${port}`);

    if (await isListening(address, port)) return;

    await sleep(LISTEN_POLL_MS);
  }

  throw new Error(`opentracker did not listen on ${address}:${port} within ${LISTEN_WAIT_MS} ms`);
}

function isListening(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, address);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
