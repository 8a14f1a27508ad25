import { XmlRpcDecodeError } from './xmlrpc-decode-error.js';
import {
  INTEGER_CLOSE_LENGTH,
  INTEGER_OPEN_LENGTH,
  integerOpenWidthAt,
  isIntegerCloseAt,
  isListCloseAt,
  isListOpenAt,
  isStringCloseAt,
  isStringOpenAt,
  isValueCloseAt,
  isValueOpenAt,
  LIST_CLOSE_LENGTH,
  LIST_OPEN_LENGTH,
  STRING_CLOSE_LENGTH,
  STRING_OPEN_LENGTH,
  VALUE_CLOSE_LENGTH,
  VALUE_OPEN_LENGTH,
} from './xmlrpc-markup.js';
import {
  convertScalar,
  isSpace,
  MAX_FAST_DIGITS,
  readFault,
  readText,
  type InvalidUtf8Tally,
} from './xmlrpc-scalars.js';
import { identifyTag, isScalarTag, Tag } from './xmlrpc-tags.js';
import type { XmlRpcReply, XmlRpcValue } from './xmlrpc-value.js';

export { XmlRpcDecodeError } from './xmlrpc-decode-error.js';

// Arrays and structs nest this deep at most; rTorrent's deepest reply (trackers inside items
// inside a multicall) is five levels, so anything near this is garbage, not data.
const MAX_NESTING_DEPTH = 64;

// How much of a new piece is joined to the unfinished end of the last one to complete it.
const JOINED_HEAD_BYTES = 4096;

const LESS_THAN = 0x3c;
const GREATER_THAN = 0x3e;
const SLASH = 0x2f;
const AMPERSAND = 0x26;
const CDATA_OPEN = Buffer.from('<![CDATA[');
const CDATA_CLOSE = Buffer.from(']]>');
const EMPTY = Buffer.alloc(0);

/**
 * Buffer's own method behind `toString('latin1', start, end)`, without that call's argument
 * handling, which cost a millisecond over the 10,000 hashes of a poll.
 */
interface Latin1Slicing {
  latin1Slice(start: number, end: number): string;
}

type Container =
  | { kind: Tag.Array; items: XmlRpcValue[] }
  | { kind: Tag.Struct; members: { [member: string]: XmlRpcValue }; name: string | undefined };

export interface XmlRpcReplyDecoderOptions {
  /**
   * When the reply's value is a list, each of its elements goes here as soon as it is whole,
   * and the list itself stays empty: a caller that sums rows as they come keeps none of them.
   */
  eachElement?: (element: XmlRpcValue) => void;
}

/**
 * Decodes an XML-RPC `<methodResponse>` as its bytes arrive. It walks the bytes once, names
 * elements without building strings, parses integers straight from the digits, and decodes
 * only string contents as UTF-8; it knows the shape of a reply, so it rejects garbage early.
 *
 * The markup must be exact, but a text that is not valid UTF-8 is decoded with U+FFFD in place
 * of each bad sequence (as `TextDecoder` does) and counted, not refused: torrent names and
 * tracker messages are whatever bytes a torrent or a tracker sent, and one of them in latin-1
 * must not cost the whole reply.
 */
export class XmlRpcReplyDecoder {
  private pending: Buffer = EMPTY;
  // Pieces that arrived after `pending` and hold no '<', so cannot end what it started.
  private waiting: Uint8Array[] = [];
  private readonly containers: Container[] = [];
  // The scalar element whose text is being read, and whether a <value> has just opened.
  private openScalar: Tag | undefined;
  private justOpenedValue = false;
  // Text already taken out of CDATA sections inside the element being read.
  private cdataText = '';
  private isFault = false;
  private result: XmlRpcValue | undefined;
  private hasResult = false;
  private isClosed = false;
  private readonly invalidUtf8: InvalidUtf8Tally = { texts: 0 };
  private readonly eachElement: ((element: XmlRpcValue) => void) | undefined;

  constructor(options: XmlRpcReplyDecoderOptions = {}) {
    this.eachElement = options.eachElement;
  }

  /** How many texts so far held bytes that are not UTF-8, each decoded with U+FFFD for them. */
  get textsWithInvalidUtf8(): number {
    return this.invalidUtf8.texts;
  }

  /** Takes the next piece of the reply; pieces may split tags and UTF-8 sequences anywhere. */
  write(chunk: Uint8Array): void {
    // A long text arrives as many pieces without a '<'; they wait whole, so that each byte is
    // copied and scanned once, not once per piece (which took a 64 MB string past 10 s).
    if (this.pending.length > 0 && !chunk.includes(LESS_THAN)) {
      this.waiting.push(chunk);

      return;
    }

    this.consumeWith(chunk);
  }

  /** Finishes the reply and returns its value or fault. */
  end(): XmlRpcReply {
    if (this.waiting.length > 0) this.consumeWith(EMPTY);

    if (this.pending.length > 0) throw new XmlRpcDecodeError('reply ends inside an element');

    if (!this.isClosed || !this.hasResult) {
      throw new XmlRpcDecodeError('reply ends before </methodResponse>');
    }

    if (this.isFault) return { fault: readFault(this.result) };

    return { value: this.result as XmlRpcValue };
  }

  private consumeWith(chunk: Uint8Array): void {
    const piece = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (this.pending.length === 0) return this.keepUnread(piece, this.consume(piece, 0));

    // The element cut by the end of the last piece is nearly always short, so it is finished
    // from a small joined head and the rest of this piece is read where it lies: joining whole
    // pieces copied every byte of a reply once more.
    const leftover = Buffer.concat([this.pending, ...this.waiting]);
    this.waiting = [];
    let resumeAt = 0;
    if (leftover.length <= JOINED_HEAD_BYTES) {
      const joined = Buffer.concat([leftover, piece.subarray(0, JOINED_HEAD_BYTES)]);
      resumeAt = this.consume(joined, 0);
      if (resumeAt >= leftover.length) {
        return this.keepUnread(piece, this.consume(piece, resumeAt - leftover.length));
      }
    }

    // A text still open past the head: read on from where it starts, over the whole piece.
    const whole = Buffer.concat([leftover, piece]);
    this.keepUnread(whole, this.consume(whole, resumeAt));
  }

  /** Keeps a copy of what `consume` could not finish, for the next piece to complete. */
  private keepUnread(bytes: Buffer, resumeAt: number): void {
    this.pending = resumeAt === bytes.length ? EMPTY : Buffer.from(bytes.subarray(resumeAt));
  }

  /** Reads every whole element in `bytes` from `start`; returns where the unread tail starts. */
  private consume(bytes: Buffer, start: number): number {
    const length = bytes.length;
    let textStart = start;
    let position = start;
    while (position < length) {
      const isReadingText = this.openScalar !== undefined || this.justOpenedValue;
      let open = position;
      while (open < length && bytes[open] !== LESS_THAN) open++;
      if (!isReadingText) checkStrayText(bytes, position, open);
      // Outside element text, nothing before the '<' needs keeping for the next piece.
      const unreadStart = isReadingText ? textStart : open;
      if (open + 1 >= length) return unreadStart;

      const second = bytes[open + 1];
      if (second === 0x21 /* ! */ || second === 0x3f /* ? */) {
        const end = this.readMarkup(bytes, open, textStart);
        if (end === -1) return unreadStart;

        if (bytes[open + 2] === 0x5b /* [ */) textStart = end;
        position = end;
        continue;
      }

      if (!isReadingText) {
        const end = this.readSimpleRun(bytes, open);
        if (end !== open) {
          position = end;
          textStart = end;
          continue;
        }
      }

      let close = open + 1;
      while (close < length && bytes[close] !== GREATER_THAN) close++;
      if (close === length) return unreadStart;

      this.handleTag(bytes, open, close, textStart);
      position = close + 1;
      textStart = position;
    }

    return textStart;
  }

  /**
   * Reads simple values and list edges for as long as they follow each other, with the
   * whitespace between them; returns where the run stops, `start` when there was none.
   */
  private readSimpleRun(bytes: Buffer, start: number): number {
    const length = bytes.length;
    let at = start;
    for (;;) {
      let end = this.readSimpleValue(bytes, at);
      if (end === -1) end = this.readArrayEdge(bytes, at);
      if (end === -1) return at;

      while (end < length && isSpace(bytes[end])) end++;
      at = end;
    }
  }

  /**
   * Reads `<value><i8>digits</i8></value>`, `<value><i4>digits</i4></value>` or
   * `<value><string>text</string></value>` whole, the shapes that make up most of a multicall
   * reply, in one step; -1 for anything else, which the element-by-element path then reads.
   */
  private readSimpleValue(bytes: Buffer, open: number): number {
    if (!isValueOpenAt(bytes, open)) return -1;

    const inner = open + VALUE_OPEN_LENGTH;
    const width = integerOpenWidthAt(bytes, inner);
    if (width !== 0) return this.readSimpleInteger(bytes, inner + INTEGER_OPEN_LENGTH, width);

    if (!isStringOpenAt(bytes, inner)) return -1;

    const textStart = inner + STRING_OPEN_LENGTH;
    let textEnd = textStart;
    // Whether the text is plain ASCII without entities, found on the way to its end.
    let plain = true;
    for (; textEnd < bytes.length; textEnd++) {
      const byte = bytes[textEnd] as number;
      if (byte === LESS_THAN) break;

      if (byte >= 0x80 || byte === AMPERSAND) plain = false;
    }
    if (!isStringCloseAt(bytes, textEnd)) return -1;

    const valueClose = textEnd + STRING_CLOSE_LENGTH;
    if (!isValueCloseAt(bytes, valueClose)) return -1;

    if (textEnd === textStart) this.deliver('');
    else if (plain)
      this.deliver((bytes as unknown as Latin1Slicing).latin1Slice(textStart, textEnd));
    else this.deliver(readText(bytes, textStart, textEnd, this.invalidUtf8));

    return valueClose + VALUE_CLOSE_LENGTH;
  }

  /**
   * The digits of `<i8>` or `<i4>` from `start`, with an optional minus sign; -1 for anything
   * unusual (spaces, a plus sign, more digits than a double holds exactly), left to the
   * element-by-element path.
   */
  private readSimpleInteger(bytes: Buffer, start: number, width: number): number {
    const isNegative = start < bytes.length && bytes[start] === 0x2d; /* - */
    const digitsStart = isNegative ? start + 1 : start;
    let at = digitsStart;
    let number = 0;
    for (; at < bytes.length; at++) {
      const digit = (bytes[at] as number) - 0x30;
      if (digit < 0 || digit > 9) break;

      number = number * 10 + digit;
    }
    const digits = at - digitsStart;
    if (digits === 0 || digits > MAX_FAST_DIGITS) return -1;

    if (!isIntegerCloseAt(bytes, at, width)) return -1;

    const valueClose = at + INTEGER_CLOSE_LENGTH;
    if (!isValueCloseAt(bytes, valueClose)) return -1;

    this.deliver(isNegative ? -number : number);

    return valueClose + VALUE_CLOSE_LENGTH;
  }

  /**
   * Opens or closes an array held in a value (`<value><array><data>`, `</data></array></value>`)
   * in one step; -1 for anything else.
   */
  private readArrayEdge(bytes: Buffer, open: number): number {
    if (isListOpenAt(bytes, open)) {
      this.justOpenedValue = false;
      this.openContainer(Tag.Array, true);

      return open + LIST_OPEN_LENGTH;
    }

    if (!isListCloseAt(bytes, open)) return -1;

    this.justOpenedValue = false;
    this.closeContainer(Tag.Array);

    return open + LIST_CLOSE_LENGTH;
  }

  /** Skips a declaration or comment, or takes in a CDATA section; -1 when it is not whole. */
  private readMarkup(bytes: Buffer, open: number, textStart: number): number {
    const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
    if (view[open + 1] === 0x3f) return endAfter(view, '?>', open);

    if (view.length - open < CDATA_OPEN.length) return -1;

    if (view.indexOf('<!--', open) === open) return endAfter(view, '-->', open);

    if (view.indexOf(CDATA_OPEN, open) !== open) {
      throw new XmlRpcDecodeError(
        `unexpected markup '${view.toString('latin1', open, open + 12)}'`,
      );
    }

    const end = view.indexOf(CDATA_CLOSE, open);
    if (end === -1) return -1;

    this.cdataText += readText(view, textStart, open, this.invalidUtf8);
    this.cdataText += readText(view, open + CDATA_OPEN.length, end, this.invalidUtf8, false);

    return end + CDATA_CLOSE.length;
  }

  private handleTag(bytes: Buffer, open: number, close: number, textStart: number): void {
    const isEnd = bytes[open + 1] === SLASH;
    const isEmpty = bytes[close - 1] === SLASH;
    const nameStart = isEnd ? open + 2 : open + 1;
    const nameEnd = findNameEnd(bytes, nameStart, isEmpty ? close - 1 : close);
    const tag = identifyTag(bytes, nameStart, nameEnd);
    if (tag === Tag.Unknown) {
      const name = Buffer.from(bytes.subarray(nameStart, nameEnd)).toString('latin1');
      throw new XmlRpcDecodeError(`unexpected element <${isEnd ? '/' : ''}${name.slice(0, 32)}>`);
    }

    if (isEnd) return this.handleEndTag(tag, bytes, textStart, open);

    this.handleStartTag(tag);
    if (isEmpty) this.handleEmptyTag(tag);
  }

  private handleStartTag(tag: Tag): void {
    const wasValueOpen = this.justOpenedValue;
    this.justOpenedValue = false;
    if (this.openScalar !== undefined) throw new XmlRpcDecodeError('element inside a scalar value');

    if (tag === Tag.Value) {
      this.justOpenedValue = true;

      return;
    }

    if (tag === Tag.Array || tag === Tag.Struct) return this.openContainer(tag, wasValueOpen);

    if (tag === Tag.Name) {
      this.openScalar = Tag.Name;

      return;
    }

    if (tag === Tag.Fault) {
      this.isFault = true;

      return;
    }

    if (!isScalarTag(tag)) return;

    if (!wasValueOpen) throw new XmlRpcDecodeError('a scalar element outside <value>');

    this.openScalar = tag;
  }

  private openContainer(tag: Tag.Array | Tag.Struct, wasValueOpen: boolean): void {
    if (!wasValueOpen) throw new XmlRpcDecodeError('an array or struct outside <value>');

    if (this.containers.length >= MAX_NESTING_DEPTH) {
      throw new XmlRpcDecodeError(`values nest deeper than ${MAX_NESTING_DEPTH} levels`);
    }

    this.containers.push(
      tag === Tag.Array
        ? { kind: Tag.Array, items: [] }
        : { kind: Tag.Struct, members: {}, name: undefined },
    );
  }

  /** `<value/>`, `<string/>`, `<nil/>`, `<array/>`, `<data/>` and the like. */
  private handleEmptyTag(tag: Tag): void {
    if (tag === Tag.Value) {
      this.justOpenedValue = false;

      return this.deliver('');
    }

    if (tag === Tag.Array || tag === Tag.Struct) return this.closeContainer(tag);

    if (!isScalarTag(tag) && tag !== Tag.Name) return;

    this.openScalar = undefined;
    if (tag === Tag.Name) throw new XmlRpcDecodeError('empty <name/> in a struct member');

    this.deliver(convertScalar(tag, EMPTY, 0, 0, '', this.invalidUtf8));
  }

  private handleEndTag(tag: Tag, bytes: Buffer, textStart: number, open: number): void {
    const cdataText = this.cdataText;
    this.cdataText = '';
    if (this.openScalar !== undefined) {
      if (tag !== this.openScalar && !(tag === Tag.Integer && this.openScalar === Tag.Integer)) {
        throw new XmlRpcDecodeError('an end tag that does not match its scalar element');
      }

      this.openScalar = undefined;

      return this.closeScalar(tag, bytes, textStart, open, cdataText);
    }

    if (tag === Tag.Value) {
      if (!this.justOpenedValue) return;

      // A <value> with no type inside is a string, by the XML-RPC specification.
      this.justOpenedValue = false;

      return this.deliver(cdataText + readText(bytes, textStart, open, this.invalidUtf8));
    }

    this.justOpenedValue = false;
    if (tag === Tag.Array || tag === Tag.Struct) return this.closeContainer(tag);

    if (tag === Tag.MethodResponse) this.isClosed = true;
  }

  private closeScalar(
    tag: Tag,
    bytes: Buffer,
    start: number,
    end: number,
    cdataText: string,
  ): void {
    if (tag !== Tag.Name) {
      return this.deliver(convertScalar(tag, bytes, start, end, cdataText, this.invalidUtf8));
    }

    const container = this.containers[this.containers.length - 1];
    if (container?.kind !== Tag.Struct) throw new XmlRpcDecodeError('<name> outside a struct');

    container.name = cdataText + readText(bytes, start, end, this.invalidUtf8);
  }

  private closeContainer(tag: Tag.Array | Tag.Struct): void {
    const container = this.containers.pop();
    if (container?.kind !== tag) throw new XmlRpcDecodeError('an array or struct closed twice');

    this.deliver(container.kind === Tag.Array ? container.items : container.members);
  }

  private deliver(value: XmlRpcValue): void {
    const container = this.containers[this.containers.length - 1];
    if (container === undefined) {
      if (this.hasResult) throw new XmlRpcDecodeError('reply holds more than one value');

      this.result = value;
      this.hasResult = true;

      return;
    }

    if (container.kind === Tag.Array) {
      if (this.eachElement !== undefined && this.containers.length === 1) {
        this.eachElement(value);
      } else {
        container.items.push(value);
      }

      return;
    }

    if (container.name === undefined) throw new XmlRpcDecodeError('struct member without <name>');

    container.members[container.name] = value;
    container.name = undefined;
  }
}

/** Decodes a whole reply held in memory. */
export function decodeXmlRpcReply(bytes: Uint8Array): XmlRpcReply {
  const decoder = new XmlRpcReplyDecoder();
  decoder.write(bytes);

  return decoder.end();
}

function endAfter(view: Buffer, marker: string, open: number): number {
  const end = view.indexOf(marker, open);

  return end === -1 ? -1 : end + marker.length;
}

function checkStrayText(bytes: Buffer, start: number, end: number): void {
  for (let index = start; index < end; index++) {
    const byte = bytes[index];
    if (byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09) continue;

    const text = Buffer.from(bytes.subarray(index, Math.min(end, index + 20))).toString('latin1');
    throw new XmlRpcDecodeError(`unexpected text '${text}'`);
  }
}

function findNameEnd(bytes: Buffer, start: number, end: number): number {
  for (let index = start; index < end; index++) {
    const byte = bytes[index];
    if (byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09) return index;
  }

  return end;
}
