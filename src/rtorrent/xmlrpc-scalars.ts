// The text and scalar values inside XML-RPC elements, as the reply decoder reads them.
import { isUtf8 } from 'node:buffer';

import { decodeXmlEntities } from './xml-entities.js';
import { XmlRpcDecodeError } from './xmlrpc-decode-error.js';
import { Tag } from './xmlrpc-tags.js';
import type { XmlRpcFault, XmlRpcValue } from './xmlrpc-value.js';

// Up to 15 decimal digits always fit a double exactly; longer numbers take the exact path.
export const MAX_FAST_DIGITS = 15;

const AMPERSAND = 0x26;

/** How many texts held bytes that are not UTF-8, each decoded with U+FFFD in their place. */
export interface InvalidUtf8Tally {
  texts: number;
}

/**
 * Element text as a string, with entities replaced unless raw. Bytes that are not UTF-8 become
 * U+FFFD, and the text is counted in `tally`.
 */
export function readText(
  bytes: Buffer,
  start: number,
  end: number,
  tally: InvalidUtf8Tally,
  hasEntities = true,
): string {
  if (start >= end) return '';

  let isAscii = true;
  let hasAmpersand = false;
  for (let index = start; index < end; index++) {
    const byte = bytes[index] as number;
    if (byte >= 0x80) isAscii = false;
    else if (byte === AMPERSAND) hasAmpersand = true;
  }

  // Node's UTF-8 decoding puts U+FFFD where TextDecoder does, one per maximal bad subpart.
  if (!isAscii && !isUtf8(bytes.subarray(start, end))) tally.texts++;

  const text = bytes.toString(isAscii ? 'latin1' : 'utf8', start, end);

  return hasEntities && hasAmpersand ? decodeXmlEntities(text) : text;
}

export function convertScalar(
  tag: Tag,
  bytes: Buffer,
  start: number,
  end: number,
  cdataText: string,
  tally: InvalidUtf8Tally,
): XmlRpcValue {
  if (tag === Tag.Integer && cdataText === '') return readInteger(bytes, start, end, tally);

  const text = cdataText + readText(bytes, start, end, tally);
  switch (tag) {
    case Tag.String:
      return text;
    case Tag.Integer:
      return readIntegerText(text);
    case Tag.Boolean:
      return readBoolean(text);
    case Tag.Double:
      return readDouble(text);
    case Tag.Base64:
      return Buffer.from(text, 'base64');
    case Tag.DateTime:
      return text.trim();
    default:
      return null;
  }
}

/** Parses decimal digits straight from the bytes; long numbers go through BigInt to stay exact. */
function readInteger(
  bytes: Buffer,
  start: number,
  end: number,
  tally: InvalidUtf8Tally,
): number | bigint {
  while (start < end && isSpace(bytes[start])) start++;
  while (end > start && isSpace(bytes[end - 1])) end--;
  const isNegative = bytes[start] === 0x2d;
  const digitsStart = isNegative || bytes[start] === 0x2b ? start + 1 : start;
  if (digitsStart === end || end - digitsStart > MAX_FAST_DIGITS) {
    return readIntegerText(readText(bytes, start, end, tally));
  }

  let number = 0;
  for (let index = digitsStart; index < end; index++) {
    const digit = (bytes[index] as number) - 0x30;
    if (digit < 0 || digit > 9) return readIntegerText(readText(bytes, start, end, tally));

    number = number * 10 + digit;
  }

  return isNegative ? -number : number;
}

function readIntegerText(text: string): number | bigint {
  const trimmed = text.trim();
  if (!/^[+-]?\d+$/.test(trimmed)) throw new XmlRpcDecodeError(`an integer holds '${text}'`);

  const number = Number(trimmed);

  return Number.isSafeInteger(number) ? number : BigInt(trimmed);
}

export function isSpace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

function readBoolean(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed === '1') return true;

  if (trimmed === '0') return false;

  throw new XmlRpcDecodeError(`a boolean holds '${text}'`);
}

function readDouble(text: string): number {
  const number = Number(text.trim());
  if (text.trim() === '' || Number.isNaN(number)) {
    throw new XmlRpcDecodeError(`a double holds '${text}'`);
  }

  return number;
}

export function readFault(value: XmlRpcValue | undefined): XmlRpcFault {
  const isStruct = typeof value === 'object' && value !== null && !Array.isArray(value);
  if (!isStruct || Buffer.isBuffer(value)) {
    throw new XmlRpcDecodeError('<fault> does not hold a struct');
  }

  const faultCode = value['faultCode'];
  const faultString = value['faultString'];

  return { faultCode: Number(faultCode ?? 0), faultString: String(faultString ?? '') };
}
