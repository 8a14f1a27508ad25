import { homedir } from 'node:os';
import { join } from 'node:path';

/** Expands a leading `~` (alone or followed by `/`) to the given home folder. */
export function expandHome(path: string, home: string = homedir()): string {
  if (path === '~') return home;

  if (path.startsWith('~/')) return join(home, path.slice(2));

  return path;
}

/** Expands `~` inside a `scheme://~/path` URL, as in `scgi://~/rtorrent/.scgi_local`. */
export function expandHomeInUrl(url: string, home: string = homedir()): string {
  const match = /^([a-z][a-z0-9+.-]*:\/\/)(~(?:\/.*)?)$/i.exec(url);
  if (match === null) return url;

  return `${match[1]}${expandHome(match[2] ?? '', home)}`;
}
