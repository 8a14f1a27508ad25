import { homedir } from 'node:os';
import { join } from 'node:path';

import { RtorrentUrlError } from './errors.js';

/** Where rTorrent's XML-RPC interface is, once its URL has been read. */
export type RtorrentEndpoint =
  | { kind: 'scgi-unix'; url: string; socketPath: string }
  | { kind: 'scgi-tcp'; url: string; host: string; port: number }
  | { kind: 'http'; url: string; href: string };

/**
 * Reads `scgi:///path/to.sock`, `scgi://~/path`, `scgi://host:port` or `http(s)://host/RPC2`.
 * A leading `~` stands for the home folder, as in rTorrent's own rc files.
 */
export function parseRtorrentUrl(url: string): RtorrentEndpoint {
  const trimmed = url.trim();
  if (trimmed.startsWith('scgi://')) return parseScgiUrl(trimmed);

  if (trimmed.startsWith('http://') || trimmed.startsWith('https://')) {
    return { kind: 'http', url: trimmed, href: parseHttpUrl(trimmed) };
  }

  throw new RtorrentUrlError(url, 'expected scgi:///socket, scgi://host:port or http(s)://');
}

function parseScgiUrl(url: string): RtorrentEndpoint {
  const rest = url.slice('scgi://'.length);
  if (rest.startsWith('/')) return { kind: 'scgi-unix', url, socketPath: rest };

  if (rest === '~' || rest.startsWith('~/')) {
    return { kind: 'scgi-unix', url, socketPath: join(homedir(), rest.slice(1)) };
  }

  const match = /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):(\d{1,5})\/?$/.exec(rest);
  if (match === null) throw new RtorrentUrlError(url, 'expected scgi://host:port');

  const port = Number(match[2]);
  if (port < 1 || port > 65535) throw new RtorrentUrlError(url, `port ${port} is out of range`);

  const host = (match[1] as string).replace(/^\[|\]$/g, '');

  return { kind: 'scgi-tcp', url, host, port };
}

function parseHttpUrl(url: string): string {
  try {
    return new URL(url).href;
  } catch (error) {
    throw new RtorrentUrlError(url, error instanceof Error ? error.message : String(error));
  }
}
