import { UsageError } from './command.js';

/** Where rTorrent's socket usually is when nothing says otherwise. */
export const DEFAULT_RTORRENT_URL = 'scgi://~/rtorrent/.scgi_local';

/** The rTorrent URL: the flag, else `$RTMON_URL`, else the usual socket path. */
export async function resolveRtorrentUrl(
  flag: string | undefined,
  _configPath: string | undefined,
): Promise<string> {
  const url = flag ?? process.env['RTMON_URL'] ?? DEFAULT_RTORRENT_URL;
  if (url.trim() === '') throw new UsageError('--url must not be empty');

  return url;
}
