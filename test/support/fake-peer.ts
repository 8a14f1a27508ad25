import { createServer, type Server, type Socket } from 'node:net';

/** A TCP peer on 127.0.0.1 that does whatever the test says with each connection. */
export interface FakePeer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Listens on a free loopback port and hands each accepted socket to `onConnection`. */
export async function startFakePeer(onConnection: (socket: Socket) => void): Promise<FakePeer> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');

  return {
    url: `scgi://127.0.0.1:${address.port}`,
    port: address.port,
    close: () => {
      for (const socket of sockets) socket.destroy();

      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A whole SCGI reply as rTorrent 0.9.8 frames one: CGI headers, a blank line, the XML. */
export function scgiReply(xml: string): Buffer {
  const body = Buffer.from(xml);
  const head = `Status: 200 OK\r\nContent-Type: text/xml\r\nContent-Length: ${body.length}\r\n\r\n`;

  return Buffer.concat([Buffer.from(head), body]);
}

/** An XML-RPC reply holding one value given as XML. */
export function xmlReply(valueXml: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\r\n<methodResponse>\r\n<params>\r\n<param><value>${valueXml}</value></param>\r\n</params>\r\n</methodResponse>\r\n`;
}

/** Reads one SCGI request off the socket, then calls back with its body. */
export function onScgiRequest(socket: Socket, onBody: (body: string) => void): void {
  let received = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    received = Buffer.concat([received, chunk]);
    const colon = received.indexOf(':');
    if (colon === -1) return;

    const headerLength = Number(received.subarray(0, colon).toString());
    const headers = received.subarray(colon + 1, colon + 1 + headerLength).toString('latin1');
    const contentLength = Number(headers.split('\0')[1]);
    const bodyStart = colon + 1 + headerLength + 1;
    if (received.length < bodyStart + contentLength) return;

    onBody(received.subarray(bodyStart, bodyStart + contentLength).toString());
  });
}
