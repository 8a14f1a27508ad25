// rTorrent's header block is three short lines; anything longer is not an SCGI reply.
const MAX_HEADER_BYTES = 16 * 1024;

const HEADER_END = Buffer.from('\r\n\r\n');
const BARE_HEADER_END = Buffer.from('\n\n');

/** The reply's CGI-style head is missing, too long, or reports a failure status. */
export class ScgiReplyError extends Error {
  readonly code = 'ERR_SCGI_REPLY';

  constructor(message: string) {
    super(message);
    this.name = 'ScgiReplyError';
  }
}

/**
 * Strips the CGI-style headers (`Status`, `Content-Type`, `Content-Length`, then a blank line)
 * from the front of an SCGI reply and hands every body byte after them to `onBody`.
 */
export class ScgiReplyReader {
  private head: Buffer | undefined = Buffer.alloc(0);
  private readonly onBody: (chunk: Buffer) => void;

  constructor(onBody: (chunk: Buffer) => void) {
    this.onBody = onBody;
  }

  /** True once the blank line after the headers has been read. */
  get hasBody(): boolean {
    return this.head === undefined;
  }

  push(chunk: Buffer): void {
    if (this.head === undefined) return this.onBody(chunk);

    const head = Buffer.concat([this.head, chunk]);
    const [end, separatorLength] = findHeaderEnd(head);
    if (end === -1) {
      if (head.length > MAX_HEADER_BYTES) {
        throw new ScgiReplyError(`no end of headers within ${MAX_HEADER_BYTES} bytes`);
      }

      this.head = head;

      return;
    }

    checkStatus(head.subarray(0, end).toString('latin1'));
    this.head = undefined;
    const body = head.subarray(end + separatorLength);
    if (body.length > 0) this.onBody(body);
  }
}

function findHeaderEnd(head: Buffer): [number, number] {
  const crlf = head.indexOf(HEADER_END);
  const lf = head.indexOf(BARE_HEADER_END);
  if (crlf === -1) return [lf, BARE_HEADER_END.length];

  if (lf === -1 || crlf < lf) return [crlf, HEADER_END.length];

  return [lf, BARE_HEADER_END.length];
}

function checkStatus(headers: string): void {
  if (headers.startsWith('<')) throw new ScgiReplyError('reply has no headers before its body');

  const status = /^status:\s*(\d{3})(.*)$/im.exec(headers);
  if (status === null) return;

  const code = Number(status[1]);
  if (code < 200 || code > 299) {
    throw new ScgiReplyError(`status ${code}${(status[2] ?? '').trimEnd()}`);
  }
}
