import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { promisify } from 'node:util';

import type { RtorrentClient } from '../../src/rtorrent/rtorrent-client.js';
import type { BenchEnvironment } from './bench-results.js';

const run = promisify(execFile);

/** The machine, the date, and the version of every program the run measured. */
export async function describeEnvironment(rtorrent: RtorrentClient): Promise<BenchEnvironment> {
  const [rtorrentVersion, libtorrentVersion, python, rrdtool, chromium, debian] = await Promise.all(
    [
      rtorrent.call('system.client_version').then(String),
      rtorrent.call('system.library_version').then(String),
      firstLine('python3', ['--version']),
      firstLine('rrdtool', ['--version']),
      firstLine('chromium', ['--version']),
      readFile('/etc/debian_version', 'utf8').catch(() => 'unknown'),
    ],
  );
  const cpu = cpus();
  const memoryGb = Math.round(totalmem() / 2 ** 30);

  return {
    date: new Date().toISOString().slice(0, 10),
    machine: `${cpu[0]?.model.trim() ?? 'an unknown CPU'}, ${cpu.length} cores, ${memoryGb} GiB, Debian ${debian.trim()}`,
    versions: {
      'Node.js': process.versions.node,
      rTorrent: `${rtorrentVersion} (libtorrent ${libtorrentVersion})`,
      Python: python.replace(/^Python /, ''),
      rrdtool: /\d+\.\d+\.\d+/.exec(rrdtool)?.[0] ?? rrdtool,
      Chromium: /\d+(\.\d+)+/.exec(chromium)?.[0] ?? chromium,
    },
  };
}

async function firstLine(command: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run(command, args);

    return stdout.split('\n')[0]?.trim() ?? '';
  } catch {
    return 'not installed';
  }
}
