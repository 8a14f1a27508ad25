/** Where rrdtool drew the plot inside the image, so a page can map a drag to a time range. */
export interface GraphGeometry {
  left: number;
  top: number;
  width: number;
  height: number;
  start: number;
  end: number;
}

export interface GraphvOutput {
  geometry: GraphGeometry;
  image: Buffer;
}

const IMAGE_MARKER = /image = BLOB_SIZE:(\d+)\n/;

/** Splits `rrdtool graphv -` output: `key = value` lines, then `image = BLOB_SIZE:N` and N bytes. */
export function parseGraphvOutput(output: Buffer): GraphvOutput {
  // The header is ASCII and short; only its first kilobytes are searched for the marker.
  const head = output.subarray(0, 64 * 1024).toString('latin1');
  const marker = IMAGE_MARKER.exec(head);
  if (marker === null) throw new Error('rrdtool graphv printed no image');

  const fields = new Map<string, number>();
  for (const line of head.slice(0, marker.index).split('\n')) {
    const match = /^(graph_\w+) = (-?\d+)$/.exec(line);
    if (match !== null) fields.set(match[1] ?? '', Number(match[2]));
  }

  const offset = marker.index + marker[0].length;
  const size = Number(marker[1]);
  const field = (name: string) => fields.get(name) ?? 0;

  return {
    geometry: {
      left: field('graph_left'),
      top: field('graph_top'),
      width: field('graph_width'),
      height: field('graph_height'),
      start: field('graph_start'),
      end: field('graph_end'),
    },
    image: output.subarray(offset, offset + size),
  };
}
