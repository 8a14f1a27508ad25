import { parseRtorrentUrl } from '../rtorrent/rtorrent-url.js';

/**
 * The rTorrent URL with `~` resolved for the user running this command. collectd's exec plugin
 * changes the user but keeps collectd's own HOME (seen with 5.12), so a collector must never
 * be handed a `~`.
 */
export function toAbsoluteRtorrentUrl(url: string): string {
  const endpoint = parseRtorrentUrl(url);

  return endpoint.kind === 'scgi-unix' ? `scgi://${endpoint.socketPath}` : endpoint.url;
}
