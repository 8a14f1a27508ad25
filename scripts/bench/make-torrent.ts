import { createHash } from 'node:crypto';

// One piece is enough: the items stay stopped, so rTorrent never reads or checks the data.
const PIECE_LENGTH_BYTES = 256 * 1024;

/** The dozen trackers items are spread over; loopback addresses where nothing listens. */
export const BENCH_TRACKERS: readonly string[] = Array.from(
  { length: 12 },
  (_, index) => `http://127.0.1.${index + 1}:6969/announce`,
);

/**
 * A single-file .torrent for item `index`, in bencode. Its name makes its info hash unique; its
 * tracker is one of `BENCH_TRACKERS`, taken in turn.
 */
export function makeTorrent(index: number): Buffer {
  const name = `rtmon-bench-${String(index).padStart(6, '0')}.bin`;
  const length = PIECE_LENGTH_BYTES - (index % 1000);
  const pieces = createHash('sha1').update(name).digest();
  const announce = BENCH_TRACKERS[index % BENCH_TRACKERS.length] as string;

  return Buffer.concat([
    Buffer.from(`d8:announce${encodeString(announce)}4:infod`),
    Buffer.from(`6:lengthi${length}e4:name${encodeString(name)}`),
    Buffer.from(`12:piece lengthi${PIECE_LENGTH_BYTES}e6:pieces${pieces.length}:`),
    pieces,
    Buffer.from('ee'),
  ]);
}

function encodeString(text: string): string {
  return `${Buffer.byteLength(text)}:${text}`;
}
