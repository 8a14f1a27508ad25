import { createHash } from 'node:crypto';

/** A .torrent file that is not the bencoded dictionary with an `info` key it should be. */
export class TorrentFileError extends Error {
  readonly code = 'ERR_TORRENT_FILE';

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'TorrentFileError';
  }
}

/** The info hash of a .torrent file: the SHA-1 of its bencoded `info` value, as 40 upper-case hex digits. */
export function getTorrentInfoHash(torrent: Buffer): string {
  if (torrent[0] !== D) throw new TorrentFileError('a .torrent file must start with a dictionary');

  let offset = 1;
  while (torrent[offset] !== E) {
    if (offset >= torrent.length) throw new TorrentFileError('the top dictionary is not closed');

    const key = readString(torrent, offset);
    const valueEnd = skipValue(torrent, key.end);
    if (key.text === 'info') {
      return createHash('sha1')
        .update(torrent.subarray(key.end, valueEnd))
        .digest('hex')
        .toUpperCase();
    }

    offset = valueEnd;
  }

  throw new TorrentFileError('the .torrent file has no info dictionary');
}

const D = 0x64; // 'd'
const E = 0x65; // 'e'
const I = 0x69; // 'i'
const L = 0x6c; // 'l'
const COLON = 0x3a;

function readString(buffer: Buffer, offset: number): { text: string; end: number } {
  const colon = buffer.indexOf(COLON, offset);
  const length = Number(buffer.toString('latin1', offset, colon));
  if (colon === -1 || !Number.isInteger(length)) {
    throw new TorrentFileError(`expected a byte string at offset ${offset}`);
  }

  const end = colon + 1 + length;

  return { text: buffer.toString('latin1', colon + 1, end), end };
}

function skipValue(buffer: Buffer, offset: number): number {
  const first = buffer[offset];
  if (first === I) return buffer.indexOf(E, offset) + 1;

  if (first === L || first === D) {
    let position = offset + 1;
    while (buffer[position] !== E) {
      if (position >= buffer.length)
        throw new TorrentFileError('a list or dictionary is not closed');

      position = skipValue(buffer, position);
    }

    return position + 1;
  }

  return readString(buffer, offset).end;
}
