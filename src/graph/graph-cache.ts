import { createHash } from 'node:crypto';

import type { GraphGeometry } from '../rrd/graphv-output.js';

export const GRAPH_CACHE_MAX_BYTES = 32 * 1024 * 1024;

export interface CachedGraph {
  etag: string;
  body: Buffer;
  geometry: GraphGeometry;
}

/**
 * Rendered graphs by key (file, its modification time, every parameter), least recently used
 * dropped first once the bytes held pass the limit. A new write to the file changes its mtime,
 * so a stale image is never served.
 */
export class GraphCache {
  readonly maxBytes: number;
  readonly #entries = new Map<string, CachedGraph>();
  #bytes = 0;

  constructor(maxBytes: number = GRAPH_CACHE_MAX_BYTES) {
    this.maxBytes = maxBytes;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** A strong ETag for the key, known before anything is rendered. */
  static etagFor(key: string): string {
    return `"${createHash('sha256').update(key).digest('base64url').slice(0, 27)}"`;
  }

  get(key: string): CachedGraph | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;

    this.#entries.delete(key);
    this.#entries.set(key, entry);

    return entry;
  }

  set(key: string, body: Buffer, geometry: GraphGeometry): CachedGraph {
    const entry = { etag: GraphCache.etagFor(key), body, geometry };
    this.#remove(key);
    this.#entries.set(key, entry);
    this.#bytes += body.length;
    for (const oldest of this.#entries.keys()) {
      if (this.#bytes <= this.maxBytes) break;

      this.#remove(oldest);
    }

    return entry;
  }

  #remove(key: string): void {
    const entry = this.#entries.get(key);
    if (entry === undefined) return;

    this.#entries.delete(key);
    this.#bytes -= entry.body.length;
  }
}
