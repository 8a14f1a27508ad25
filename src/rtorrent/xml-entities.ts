const NAMED_ENTITIES: Record<string, string> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
};

const ENTITY_PATTERN = /&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g;

/** Replaces XML's five named entities and numeric character references in element text. */
export function decodeXmlEntities(text: string): string {
  if (!text.includes('&')) return text;

  return text.replace(ENTITY_PATTERN, (whole, name: string) => {
    if (name.startsWith('#x')) return fromCodePoint(parseInt(name.slice(2), 16), whole);

    if (name.startsWith('#')) return fromCodePoint(parseInt(name.slice(1), 10), whole);

    return NAMED_ENTITIES[name] ?? whole;
  });
}

function fromCodePoint(codePoint: number, whole: string): string {
  if (codePoint > 0x10ffff) return whole;

  return String.fromCodePoint(codePoint);
}
