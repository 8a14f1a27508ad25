import { readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';

import { parseRtorrentUrl, type RtorrentEndpoint } from '../rtorrent/rtorrent-url.js';

const CONNECT_TIMEOUT_MS = 2_000;
const DEFAULT_SOCKET = 'rtorrent/.scgi_local';

/** An rTorrent to watch, and where rtmon learnt of it (a file name, for the person). */
export interface FoundRtorrent {
  url: string;
  source: string;
}

export interface FindRtorrentOptions {
  /**
   * The rTorrent that rtmon's ini file names, tried first. The caller reads the file with the
   * config loader, so that every command understands the same file the same way.
   */
  configured?: FoundRtorrent;
  home?: string;
}

/**
 * Looks for an rTorrent that answers: the one rtmon's ini file names, then the SCGI socket or
 * port that `~/.rtorrent.rc` opens, then the usual `~/rtorrent/.scgi_local`. Resolves to
 * undefined when there is none.
 */
export async function findRtorrent(
  options: FindRtorrentOptions = {},
): Promise<FoundRtorrent | undefined> {
  const home = options.home ?? homedir();
  const rcFile = join(home, '.rtorrent.rc');
  const candidates = [
    options.configured,
    { url: await readRcUrl(rcFile, home), source: rcFile },
    { url: `scgi://${join(home, DEFAULT_SOCKET)}`, source: `the usual place, ~/${DEFAULT_SOCKET}` },
  ];

  for (const candidate of candidates) {
    if (candidate?.url !== undefined && (await isAnswering(candidate.url))) {
      return { url: candidate.url, source: candidate.source };
    }
  }

  return undefined;
}

/** The URL of the SCGI socket or port an rtorrent.rc opens, in new or old command names. */
export async function readRcUrl(file: string, home: string): Promise<string | undefined> {
  const text = await readFile(file, 'utf8').catch(() => '');
  for (const line of text.split('\n')) {
    const match =
      /^\s*(network\.scgi\.open_local|scgi_local|network\.scgi\.open_port|scgi_port)\s*=\s*"?([^"#\s]+)"?/.exec(
        line,
      );
    if (match === null) continue;

    const [, command = '', value = ''] = match;
    if (command.endsWith('port')) return `scgi://${value.replace(/^:/, '127.0.0.1:')}`;

    return `scgi://${value.replace(/^~(?=\/)/, home)}`;
  }

  return undefined;
}

/**
 * Whether something accepts a connection at an `scgi://` URL; `http(s)://` URLs are taken on
 * trust, and nothing answers at a URL that is no rTorrent URL. The URL is read as the collector
 * reads it, so that what is tried here is the address the collector will use.
 */
export function isAnswering(url: string): Promise<boolean> {
  const endpoint = readEndpoint(url);
  if (endpoint === undefined) return Promise.resolve(false);

  if (endpoint.kind === 'http') return Promise.resolve(true);

  const socket =
    endpoint.kind === 'scgi-tcp'
      ? connect(endpoint.port, endpoint.host)
      : connect(endpoint.socketPath);

  return new Promise((resolve) => {
    socket.setTimeout(CONNECT_TIMEOUT_MS, () => socket.destroy());
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('close', () => resolve(false));
  });
}

function readEndpoint(url: string): RtorrentEndpoint | undefined {
  try {
    return parseRtorrentUrl(url);
  } catch {
    return undefined;
  }
}
