/**
 * Frames an XML-RPC body as an SCGI request: a netstring of NUL-separated headers, where
 * the SCGI rules put CONTENT_LENGTH first and require SCGI=1, followed by the body itself.
 */
export function frameScgiRequest(body: Buffer): Buffer {
  const headers = `CONTENT_LENGTH\0${body.length}\0SCGI\x001\0REQUEST_METHOD\0POST\0`;
  const headerBytes = Buffer.from(headers, 'latin1');
  const prefix = Buffer.from(`${headerBytes.length}:`, 'latin1');

  return Buffer.concat([prefix, headerBytes, Buffer.from(','), body]);
}
