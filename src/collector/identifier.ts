// collectd keeps each identifier part in a fixed 128-byte field; a shorter cap leaves room for
// the file name suffix and keeps paths readable.
const MAX_PART_LENGTH = 64;

/**
 * Turns a name from rTorrent (a view name, a tracker domain) into a legal, stable collectd
 * identifier part: letters, digits, `_`, `.` and `-` stay, anything else becomes `_`, and `/`
 * can never reach a file name.
 */
export function toIdentifierPart(name: string): string {
  const cleaned = name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9_.-]/g, '_')
    .replace(/^[.-]+/, '_');
  if (cleaned === '') return '_';

  return cleaned.slice(0, MAX_PART_LENGTH);
}

/**
 * The collectd instance name for an rTorrent given `--instance`: an identifier part without
 * `_`, which separates the instance from the domain in tracker folders.
 */
export function toInstanceName(name: string): string {
  return toIdentifierPart(name).replace(/_/g, '-');
}
