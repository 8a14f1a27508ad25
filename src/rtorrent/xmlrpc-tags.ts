/** The elements an XML-RPC reply is made of, as small integers so bytes need no string. */
export const enum Tag {
  Unknown,
  MethodResponse,
  Params,
  Param,
  Fault,
  Value,
  Array,
  Data,
  Struct,
  Member,
  Name,
  String,
  Integer,
  Boolean,
  Double,
  Base64,
  DateTime,
  Nil,
}

const TAGS_BY_NAME: [string, Tag][] = [
  ['methodResponse', Tag.MethodResponse],
  ['params', Tag.Params],
  ['param', Tag.Param],
  ['fault', Tag.Fault],
  ['value', Tag.Value],
  ['array', Tag.Array],
  ['data', Tag.Data],
  ['struct', Tag.Struct],
  ['member', Tag.Member],
  ['name', Tag.Name],
  ['string', Tag.String],
  ['i4', Tag.Integer],
  ['i8', Tag.Integer],
  ['int', Tag.Integer],
  ['ex:i8', Tag.Integer],
  ['boolean', Tag.Boolean],
  ['double', Tag.Double],
  ['base64', Tag.Base64],
  ['dateTime.iso8601', Tag.DateTime],
  ['nil', Tag.Nil],
  ['ex:nil', Tag.Nil],
];

// Candidates by name length, then first byte: at most two comparisons for any known name.
const CANDIDATES: [Uint8Array, Tag][][] = [];
for (const [name, tag] of TAGS_BY_NAME) {
  (CANDIDATES[name.length] ??= []).push([Buffer.from(name, 'latin1'), tag]);
}

/** Which element the name bytes `bytes[start..end)` spell, without building a string. */
export function identifyTag(bytes: Uint8Array, start: number, end: number): Tag {
  const candidates = CANDIDATES[end - start];
  if (candidates === undefined) return Tag.Unknown;

  for (let candidate = 0; candidate < candidates.length; candidate++) {
    const [name, tag] = candidates[candidate] as [Uint8Array, Tag];
    if (name[0] !== bytes[start]) continue;

    let index = 1;
    while (index < name.length && name[index] === bytes[start + index]) index++;
    if (index === name.length) return tag;
  }

  return Tag.Unknown;
}

/** Whether an element holds text to be converted into a value when it ends. */
export function isScalarTag(tag: Tag): boolean {
  return tag >= Tag.String;
}
