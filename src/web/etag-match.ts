/**
 * Whether an `If-None-Match` header names `etag`: one of its comma-separated tags, compared
 * weakly as the header asks (a `W/` prefix is ignored), or `*`.
 */
export function isEtagMatch(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;

  const opaque = etag.replace(/^W\//, '');

  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === opaque);
}
