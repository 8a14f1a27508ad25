/** A parameter of an XML-RPC call, as rtmon sends them. */
export type XmlRpcParam =
  string | number | bigint | boolean | Buffer | XmlRpcParam[] | { [member: string]: XmlRpcParam };

const INT4_MIN = -(2 ** 31);
const INT4_MAX = 2 ** 31 - 1;

/** The parameter cannot be written as XML-RPC; the message says which and why. */
export class XmlRpcEncodeError extends TypeError {
  readonly code = 'ERR_XMLRPC_ENCODE';

  constructor(message: string) {
    super(message);
    this.name = 'XmlRpcEncodeError';
  }
}

/**
 * Writes an XML-RPC `<methodCall>` as UTF-8 bytes. Integers outside 32 bits go out as `<i8>`,
 * which rTorrent reads; Buffers go out as `<base64>`, which `load.raw` takes.
 */
export function encodeMethodCall(method: string, params: readonly XmlRpcParam[]): Buffer {
  const parts = ['<?xml version="1.0"?><methodCall><methodName>', escapeText(method, 'method')];
  parts.push('</methodName><params>');
  for (const param of params) {
    parts.push('<param>');
    appendValue(parts, param, 0);
    parts.push('</param>');
  }
  parts.push('</params></methodCall>');

  return Buffer.from(parts.join(''), 'utf8');
}

// Deeper than anything rTorrent is sent; a cycle or a runaway structure stops here.
const MAX_NESTING_DEPTH = 32;

function appendValue(parts: string[], value: XmlRpcParam, depth: number): void {
  if (depth > MAX_NESTING_DEPTH) {
    throw new XmlRpcEncodeError(`parameters nest deeper than ${MAX_NESTING_DEPTH} levels`);
  }

  if (typeof value === 'string') {
    parts.push('<value><string>', escapeText(value, 'string'), '</string></value>');
  } else if (typeof value === 'number') {
    parts.push(encodeNumber(value));
  } else if (typeof value === 'bigint') {
    parts.push(`<value><i8>${value}</i8></value>`);
  } else if (typeof value === 'boolean') {
    parts.push(`<value><boolean>${value ? 1 : 0}</boolean></value>`);
  } else if (Buffer.isBuffer(value)) {
    parts.push('<value><base64>', value.toString('base64'), '</base64></value>');
  } else if (Array.isArray(value)) {
    parts.push('<value><array><data>');
    for (const element of value) appendValue(parts, element, depth + 1);
    parts.push('</data></array></value>');
  } else {
    parts.push('<value><struct>');
    for (const [name, member] of Object.entries(value)) {
      parts.push('<member><name>', escapeText(name, 'member name'), '</name>');
      appendValue(parts, member, depth + 1);
      parts.push('</member>');
    }
    parts.push('</struct></value>');
  }
}

function encodeNumber(value: number): string {
  if (!Number.isFinite(value)) throw new XmlRpcEncodeError(`${value} is not an XML-RPC number`);

  if (!Number.isInteger(value)) return `<value><double>${value}</double></value>`;

  if (!Number.isSafeInteger(value)) {
    throw new XmlRpcEncodeError(`${value} is beyond 2^53; pass a bigint to send it exactly`);
  }

  const isInt4 = value >= INT4_MIN && value <= INT4_MAX;

  return isInt4 ? `<value><i4>${value}</i4></value>` : `<value><i8>${value}</i8></value>`;
}

function escapeText(text: string, what: string): string {
  const bad = findCodeOutsideXml(text);
  if (bad !== undefined) {
    const code = bad.toString(16).toUpperCase().padStart(4, '0');
    throw new XmlRpcEncodeError(`a ${what} holds U+${code}, which XML cannot carry`);
  }

  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/**
 * The first character XML 1.0 cannot carry at all, escaped or not: C0 controls other than tab
 * and line ends, lone surrogates, U+FFFE and U+FFFF. rTorrent refuses a request holding one.
 */
function findCodeOutsideXml(text: string): number | undefined {
  for (const character of text) {
    const code = character.codePointAt(0) as number;
    const isControl = code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d;
    const isLoneSurrogate = code >= 0xd800 && code <= 0xdfff;
    if (isControl || isLoneSurrogate || code === 0xfffe || code === 0xffff) return code;
  }

  return undefined;
}
