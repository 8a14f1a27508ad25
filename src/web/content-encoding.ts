/** The encodings rtmon sends its browser files in, best first. */
export const CONTENT_ENCODINGS = ['br', 'gzip'] as const;

export type ContentEncoding = (typeof CONTENT_ENCODINGS)[number];

/**
 * The best encoding an `Accept-Encoding` header allows, or `identity` when it allows none of
 * rtmon's: a name with `q=0` is refused, and `*` stands for any name not given.
 */
export function pickContentEncoding(
  acceptEncoding: string | undefined,
): ContentEncoding | 'identity' {
  if (acceptEncoding === undefined) return 'identity';

  const weights = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name = '', ...parameters] = part.split(';').map((piece) => piece.trim().toLowerCase());
    const quality = parameters.find((parameter) => parameter.startsWith('q='));
    const weight = quality === undefined ? 1 : Number(quality.slice(2));
    if (name !== '') weights.set(name, Number.isFinite(weight) ? weight : 0);
  }

  const wildcard = weights.get('*') ?? 0;
  const accepted = CONTENT_ENCODINGS.filter((name) => (weights.get(name) ?? wildcard) > 0);

  return accepted[0] ?? 'identity';
}
