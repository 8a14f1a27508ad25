import type { Socket } from 'node:net';

import { scgiReply, xmlReply } from './fake-peer.js';

/** A peer that misbehaves in one way, and the error a call to it must end in. */
export interface PeerFault {
  title: string;
  peer: (socket: Socket) => void;
  code: string;
  /** What the error message says, whatever method was called. */
  message: RegExp;
  /** A flood that a deadline shorter than its transfer ends first, with a timeout. */
  mayOutlastDeadline?: boolean;
}

const HUNDRED_MEGABYTES = 100 * 1024 * 1024;
const XML_HEAD = '<?xml version="1.0"?><methodResponse><params><param><value>';

/** Every way a peer can fail that a fake one can show; the client and collector tests share it. */
export const PEER_FAULTS: PeerFault[] = [
  {
    title: 'a peer that accepts and never answers',
    peer: () => undefined,
    code: 'ERR_RTORRENT_TIMEOUT',
    message: /did not answer [\w.]+ within \d+ ms/,
  },
  {
    title: 'a peer that answers one byte a second',
    peer: (socket) => {
      const reply = scgiReply(xmlReply('<i4>1</i4>'));
      let offset = 0;
      socket.write(reply.subarray(offset, ++offset));
      const timer = setInterval(() => socket.write(reply.subarray(offset, ++offset)), 1000);
      socket.on('close', () => clearInterval(timer));
    },
    code: 'ERR_RTORRENT_TIMEOUT',
    message: /within \d+ ms/,
  },
  {
    title: 'a truncated reply',
    peer: (socket) => socket.end(scgiReply(xmlReply('<i4>1</i4>')).subarray(0, 90)),
    code: 'ERR_RTORRENT_MALFORMED_REPLY',
    message: /malformed reply from rTorrent at scgi:\/\/127\.0\.0\.1:\d+: reply ends/,
  },
  {
    title: 'a garbage byte stream',
    peer: (socket) => socket.end(Buffer.alloc(4096, 0x07)),
    code: 'ERR_RTORRENT_MALFORMED_REPLY',
    message: /reply ends inside its headers/,
  },
  {
    title: '100 MB of garbage',
    peer: (socket) => streamBytes(socket, Buffer.alloc(0), 0x07, HUNDRED_MEGABYTES),
    code: 'ERR_RTORRENT_MALFORMED_REPLY',
    message: /no end of headers within 16384 bytes/,
  },
  {
    title: 'garbage after valid headers',
    peer: (socket) => socket.end(Buffer.from('Status: 200 OK\r\n\r\nnot xml at all')),
    code: 'ERR_RTORRENT_MALFORMED_REPLY',
    message: /unexpected text 'not xml at all'/,
  },
  {
    title: 'a 100 MB string in a well-formed reply',
    peer: (socket) => {
      const head = Buffer.from(`Status: 200 OK\r\n\r\n${XML_HEAD}<string>`);
      streamBytes(socket, head, 0x78, HUNDRED_MEGABYTES);
    },
    code: 'ERR_RTORRENT_REPLY_TOO_LARGE',
    message: /sent more than \d+ bytes for [\w.]+/,
    mayOutlastDeadline: true,
  },
  {
    title: 'an error status',
    peer: (socket) => socket.end('Status: 500 Internal Server Error\r\n\r\n'),
    code: 'ERR_RTORRENT_MALFORMED_REPLY',
    message: /status 500 Internal Server Error/,
  },
  {
    title: 'a peer that closes without a word',
    peer: (socket) => socket.end(),
    code: 'ERR_RTORRENT_MALFORMED_REPLY',
    message: /empty reply/,
  },
  {
    title: 'an XML-RPC fault for every call',
    peer: (socket) =>
      socket.end(
        scgiReply(
          '<?xml version="1.0"?><methodResponse><fault><value><struct>' +
            '<member><name>faultCode</name><value><i4>-506</i4></value></member>' +
            '<member><name>faultString</name><value><string>Method not defined</string></value></member>' +
            '</struct></value></fault></methodResponse>',
        ),
      ),
    code: 'ERR_RTORRENT_FAULT',
    message: /answered [\w.]+ with fault -506: Method not defined/,
  },
];

/** Writes `head`, then `totalBytes` of one byte value as fast as the reader takes them. */
function streamBytes(socket: Socket, head: Buffer, byte: number, totalBytes: number): void {
  const piece = Buffer.alloc(64 * 1024, byte);
  let written = 0;
  const pump = (): void => {
    while (written < totalBytes && !socket.destroyed) {
      written += piece.length;
      if (!socket.write(piece)) return void socket.once('drain', pump);
    }

    socket.end();
  };
  socket.write(head);
  pump();
}
