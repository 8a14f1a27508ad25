// Tests for the few tags that make up nearly all of a multicall reply, written out byte by byte:
// profiling the decoding of a 3.5 MB reply put its hottest line in a loop that compared bytes
// with a tag held in a Buffer. Each test first checks that the whole tag is there, though a
// read past the end would only give undefined: V8 stops optimizing a function that reads past
// the end of a typed array, again and again (33 times in 20 decodes).

/** Lengths of the tags below, for stepping over them. */
export const VALUE_OPEN_LENGTH = 7;
export const VALUE_CLOSE_LENGTH = 8;
export const INTEGER_OPEN_LENGTH = 4;
export const INTEGER_CLOSE_LENGTH = 5;
export const STRING_OPEN_LENGTH = 8;
export const STRING_CLOSE_LENGTH = 9;
export const LIST_OPEN_LENGTH = 20;
export const LIST_CLOSE_LENGTH = 23;

const LESS_THAN = 0x3c;
const GREATER_THAN = 0x3e;
const SLASH = 0x2f;

/** Whether `<value>` starts at `at`. */
export function isValueOpenAt(bytes: Uint8Array, at: number): boolean {
  return (
    at + 7 <= bytes.length &&
    bytes[at] === LESS_THAN &&
    bytes[at + 1] === 0x76 && // v
    bytes[at + 2] === 0x61 && // a
    bytes[at + 3] === 0x6c && // l
    bytes[at + 4] === 0x75 && // u
    bytes[at + 5] === 0x65 && // e
    bytes[at + 6] === GREATER_THAN
  );
}

/** Whether `</value>` starts at `at`. */
export function isValueCloseAt(bytes: Uint8Array, at: number): boolean {
  return (
    at + 8 <= bytes.length &&
    bytes[at] === LESS_THAN &&
    bytes[at + 1] === SLASH &&
    bytes[at + 2] === 0x76 && // v
    bytes[at + 3] === 0x61 && // a
    bytes[at + 4] === 0x6c && // l
    bytes[at + 5] === 0x75 && // u
    bytes[at + 6] === 0x65 && // e
    bytes[at + 7] === GREATER_THAN
  );
}

/**
 * The digit of `<i8>` or `<i4>` when one starts at `at` (0x38 or 0x34), else 0. `<int>` and
 * `<ex:i8>` are rare enough to be left to the element-by-element path.
 */
export function integerOpenWidthAt(bytes: Uint8Array, at: number): number {
  if (at + 4 > bytes.length) return 0;

  const width = bytes[at + 2];
  const isInteger =
    bytes[at] === LESS_THAN &&
    bytes[at + 1] === 0x69 && // i
    (width === 0x38 || width === 0x34) && // 8 or 4
    bytes[at + 3] === GREATER_THAN;

  return isInteger ? (width as number) : 0;
}

/** Whether `</i8>` (or `</i4>`, as `width` says) starts at `at`. */
export function isIntegerCloseAt(bytes: Uint8Array, at: number, width: number): boolean {
  return (
    at + 5 <= bytes.length &&
    bytes[at] === LESS_THAN &&
    bytes[at + 1] === SLASH &&
    bytes[at + 2] === 0x69 && // i
    bytes[at + 3] === width &&
    bytes[at + 4] === GREATER_THAN
  );
}

/** Whether `<string>` starts at `at`. */
export function isStringOpenAt(bytes: Uint8Array, at: number): boolean {
  return (
    at + 8 <= bytes.length &&
    bytes[at] === LESS_THAN &&
    bytes[at + 1] === 0x73 && // s
    bytes[at + 2] === 0x74 && // t
    bytes[at + 3] === 0x72 && // r
    bytes[at + 4] === 0x69 && // i
    bytes[at + 5] === 0x6e && // n
    bytes[at + 6] === 0x67 && // g
    bytes[at + 7] === GREATER_THAN
  );
}

/** Whether `</string>` starts at `at`. */
export function isStringCloseAt(bytes: Uint8Array, at: number): boolean {
  return (
    at + 9 <= bytes.length &&
    bytes[at] === LESS_THAN &&
    bytes[at + 1] === SLASH &&
    bytes[at + 2] === 0x73 && // s
    bytes[at + 3] === 0x74 && // t
    bytes[at + 4] === 0x72 && // r
    bytes[at + 5] === 0x69 && // i
    bytes[at + 6] === 0x6e && // n
    bytes[at + 7] === 0x67 && // g
    bytes[at + 8] === GREATER_THAN
  );
}

/** Whether `<value><array><data>`, the start of a list inside a value, starts at `at`. */
export function isListOpenAt(bytes: Uint8Array, at: number): boolean {
  return (
    at + 20 <= bytes.length &&
    bytes[at] === LESS_THAN &&
    bytes[at + 1] === 0x76 && // v
    bytes[at + 2] === 0x61 && // a
    bytes[at + 3] === 0x6c && // l
    bytes[at + 4] === 0x75 && // u
    bytes[at + 5] === 0x65 && // e
    bytes[at + 6] === GREATER_THAN &&
    bytes[at + 7] === LESS_THAN &&
    bytes[at + 8] === 0x61 && // a
    bytes[at + 9] === 0x72 && // r
    bytes[at + 10] === 0x72 && // r
    bytes[at + 11] === 0x61 && // a
    bytes[at + 12] === 0x79 && // y
    bytes[at + 13] === GREATER_THAN &&
    bytes[at + 14] === LESS_THAN &&
    bytes[at + 15] === 0x64 && // d
    bytes[at + 16] === 0x61 && // a
    bytes[at + 17] === 0x74 && // t
    bytes[at + 18] === 0x61 && // a
    bytes[at + 19] === GREATER_THAN
  );
}

/** Whether `</data></array></value>`, the end of a list inside a value, starts at `at`. */
export function isListCloseAt(bytes: Uint8Array, at: number): boolean {
  return (
    at + 23 <= bytes.length &&
    bytes[at] === LESS_THAN &&
    bytes[at + 1] === SLASH &&
    bytes[at + 2] === 0x64 && // d
    bytes[at + 3] === 0x61 && // a
    bytes[at + 4] === 0x74 && // t
    bytes[at + 5] === 0x61 && // a
    bytes[at + 6] === GREATER_THAN &&
    bytes[at + 7] === LESS_THAN &&
    bytes[at + 8] === SLASH &&
    bytes[at + 9] === 0x61 && // a
    bytes[at + 10] === 0x72 && // r
    bytes[at + 11] === 0x72 && // r
    bytes[at + 12] === 0x61 && // a
    bytes[at + 13] === 0x79 && // y
    bytes[at + 14] === GREATER_THAN &&
    bytes[at + 15] === LESS_THAN &&
    bytes[at + 16] === SLASH &&
    bytes[at + 17] === 0x76 && // v
    bytes[at + 18] === 0x61 && // a
    bytes[at + 19] === 0x6c && // l
    bytes[at + 20] === 0x75 && // u
    bytes[at + 21] === 0x65 && // e
    bytes[at + 22] === GREATER_THAN
  );
}
