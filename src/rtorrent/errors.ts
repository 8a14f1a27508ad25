/** The ways a call to rTorrent can fail, each with a stable `code` a caller can act on. */
export type RtorrentErrorCode =
  | 'ERR_RTORRENT_URL'
  | 'ERR_RTORRENT_CONNECT'
  | 'ERR_RTORRENT_TIMEOUT'
  | 'ERR_RTORRENT_REPLY_TOO_LARGE'
  | 'ERR_RTORRENT_MALFORMED_REPLY'
  | 'ERR_RTORRENT_FAULT';

/** Base class of every error the rTorrent client raises; `url` names the rTorrent it talked to. */
export class RtorrentError extends Error {
  readonly code: RtorrentErrorCode;
  readonly url: string;

  constructor(code: RtorrentErrorCode, url: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.url = url;
  }
}

/** The URL given for rTorrent is not one rtmon understands. */
export class RtorrentUrlError extends RtorrentError {
  constructor(url: string, reason: string) {
    super('ERR_RTORRENT_URL', url, `invalid rTorrent URL '${url}': ${reason}`);
  }
}

/** The socket could not be opened, or closed before a whole reply came back. */
export class RtorrentConnectError extends RtorrentError {
  constructor(url: string, options?: ErrorOptions) {
    super('ERR_RTORRENT_CONNECT', url, `cannot reach rTorrent at ${url}`, options);
  }
}

/** No whole reply arrived before the deadline. */
export class RtorrentTimeoutError extends RtorrentError {
  readonly timeoutMs: number;

  constructor(url: string, method: string, timeoutMs: number) {
    super(
      'ERR_RTORRENT_TIMEOUT',
      url,
      `rTorrent at ${url} did not answer ${method} within ${timeoutMs} ms`,
    );
    this.timeoutMs = timeoutMs;
  }
}

/** The reply grew past the configured cap; the connection was dropped without reading on. */
export class RtorrentReplyTooLargeError extends RtorrentError {
  readonly maxBytes: number;

  constructor(url: string, method: string, maxBytes: number) {
    super(
      'ERR_RTORRENT_REPLY_TOO_LARGE',
      url,
      `rTorrent at ${url} sent more than ${maxBytes} bytes for ${method}`,
    );
    this.maxBytes = maxBytes;
  }
}

/** The bytes that came back are not an XML-RPC reply. */
export class RtorrentMalformedReplyError extends RtorrentError {
  constructor(url: string, reason: string, options?: ErrorOptions) {
    super(
      'ERR_RTORRENT_MALFORMED_REPLY',
      url,
      `malformed reply from rTorrent at ${url}: ${reason}`,
      options,
    );
  }
}

/** rTorrent answered with an XML-RPC fault, for example for an unknown command. */
export class RtorrentFaultError extends RtorrentError {
  readonly faultCode: number;
  readonly faultString: string;

  constructor(url: string, method: string, faultCode: number, faultString: string) {
    super(
      'ERR_RTORRENT_FAULT',
      url,
      `rTorrent at ${url} answered ${method} with fault ${faultCode}: ${faultString}`,
    );
    this.faultCode = faultCode;
    this.faultString = faultString;
  }
}
