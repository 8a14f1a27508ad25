// Hostname prefixes that name a service, not the tracker's owner: "tracker.example.org" and
// "announce.example.org" are both "example.org" to a person reading the per-tracker table.
const SERVICE_PREFIXES = /^(?:tracker\d*|announce|www|bt\d*)\./;

/** The domain a tracker URL belongs to, or `unknown` when the URL has no host. */
export function trackerDomain(url: string): string {
  let hostname: string;
  try {
    hostname = new URL(url.trim()).hostname;
  } catch {
    return 'unknown';
  }

  if (hostname === '') return 'unknown';

  if (/^[\d.]+$/.test(hostname) || hostname.startsWith('[')) return hostname;

  const withoutPrefix = hostname.replace(SERVICE_PREFIXES, '');

  return withoutPrefix.includes('.') ? withoutPrefix : hostname;
}
