import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

import type { ContentEncoding } from './content-encoding.js';

const compressWithBrotli = promisify(brotliCompress);
const compressWithGzip = promisify(gzip);
const ETAG_HASH_CHARS = 22;

/** One form of a browser file: its bytes and the strong ETag of exactly those bytes. */
export interface AssetBody {
  bytes: Buffer;
  etag: string;
}

/** A browser file held in memory as it is on disk and in each encoding rtmon sends. */
export type StaticAsset = Record<ContentEncoding | 'identity', AssetBody>;

/**
 * Reads a browser file and compresses it once, as hard as each format goes: Chart.js is 210 kB
 * and every visitor fetches it, while compressing it takes a third of a second once (brotli
 * at quality 11; zlib runs it off the event loop). Each form has its own ETag, as a cache that
 * keeps both must be able to tell them apart.
 */
export async function loadStaticAsset(file: string): Promise<StaticAsset> {
  const identity = await readFile(file);
  const hash = createHash('sha256').update(identity).digest('base64url').slice(0, ETAG_HASH_CHARS);
  const [br, gzipped] = await Promise.all([
    compressWithBrotli(identity, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: identity.length,
      },
    }),
    compressWithGzip(identity, { level: constants.Z_BEST_COMPRESSION }),
  ]);

  return {
    identity: { bytes: identity, etag: `"${hash}"` },
    br: { bytes: br, etag: `"${hash}-br"` },
    gzip: { bytes: gzipped, etag: `"${hash}-gzip"` },
  };
}
