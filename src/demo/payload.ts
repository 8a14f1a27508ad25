import { randomBytes } from 'node:crypto';
import { open, readFile } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { getTorrentInfoHash } from './torrent-info-hash.js';

const WRITE_CHUNK_BYTES = 1024 * 1024;
// 2^16 = 64 KiB pieces: small payloads still have enough pieces to spread over a few peers.
const PIECE_LENGTH_EXPONENT = 16;

const execFileAsync = promisify(execFile);

/** Writes `sizeBytes` of random data to `path`: a payload no other peer has. */
export async function writeRandomPayload(path: string, sizeBytes: number): Promise<void> {
  const file = await open(path, 'w', 0o644);
  try {
    for (let written = 0; written < sizeBytes; written += WRITE_CHUNK_BYTES) {
      await file.write(randomBytes(Math.min(WRITE_CHUNK_BYTES, sizeBytes - written)));
    }
  } finally {
    await file.close();
  }
}

export interface MakeTorrentOptions {
  /** The payload file or folder. */
  source: string;
  /** Where to write the .torrent file. */
  output: string;
  /** One announce URL per tier. */
  announceUrls: string[];
}

/** Makes a .torrent file with mktorrent and returns its info hash (40 upper-case hex digits). */
export async function makeTorrent(options: MakeTorrentOptions): Promise<string> {
  const tiers = options.announceUrls.flatMap((url) => ['-a', url]);
  const args = [...tiers, '-l', String(PIECE_LENGTH_EXPONENT), '-t', '1', '-o', options.output];
  try {
    await execFileAsync('mktorrent', [...args, options.source]);
  } catch (error) {
    throw new Error(`mktorrent failed for ${options.source}; is the mktorrent package installed?`, {
      cause: error,
    });
  }

  return getTorrentInfoHash(await readFile(options.output));
}
