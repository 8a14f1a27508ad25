/**
 * A .torrent of one file whose name is `name`, bytes and all: mktorrent takes the name from the
 * file system, and a test needs names in any encoding. Its piece hash is made up, so it only
 * ever leeches.
 */
export function makeTorrentNamed(name: Buffer, announceUrl: string): Buffer {
  return Buffer.concat([
    Buffer.from('d8:announce'),
    bencodeBytes(Buffer.from(announceUrl)),
    Buffer.from('4:infod6:lengthi5e4:name'),
    bencodeBytes(name),
    Buffer.from('12:piece lengthi65536e6:pieces20:'),
    Buffer.alloc(20, 0x01),
    Buffer.from('ee'),
  ]);
}

/** A bencoded byte string: its length in decimal, a colon, the bytes. */
export function bencodeBytes(bytes: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${bytes.length}:`), bytes]);
}
