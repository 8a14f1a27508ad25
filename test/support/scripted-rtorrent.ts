import type { Socket } from 'node:net';

import { onScgiRequest, startFakePeer, type FakePeer } from './fake-peer.js';
import { answerLikeRtorrent } from './fake-rtorrent.js';

/**
 * What the fake rTorrent does with one request: answer it as `answerLikeRtorrent` does after a
 * while, never answer it, or drop the connection as an rTorrent that dies at that moment does.
 */
export type RequestFate = { answerAfterMs: number } | 'never' | 'drop';

/** A fake rTorrent that treats each request as its script says and records what it was asked. */
export interface ScriptedRtorrent extends FakePeer {
  /** Each request's method in order of arrival; the tracker multicall reads `d.multicall2 t.multicall`. */
  readonly requests: readonly string[];
  /** The most requests that were waiting for an answer at one moment. */
  readonly mostOpen: number;
}

/** Starts a fake rTorrent that gives request number `index` (from 0) the fate `fateOf(index)`. */
export async function startScriptedRtorrent(
  fateOf: (index: number) => RequestFate,
): Promise<ScriptedRtorrent> {
  const requests: string[] = [];
  let open = 0;
  let mostOpen = 0;
  const handle = (socket: Socket, body: string): void => {
    const fate = fateOf(requests.push(describeRequest(body)) - 1);
    open++;
    mostOpen = Math.max(mostOpen, open);
    let isOpen = true;
    const close = (): void => {
      if (isOpen) open--;

      isOpen = false;
    };
    socket.on('close', close);

    if (fate === 'drop') {
      close();

      return void socket.resetAndDestroy();
    }

    if (fate === 'never') return;

    const timer = setTimeout(() => {
      close();
      socket.end(answerLikeRtorrent(body));
    }, fate.answerAfterMs);
    socket.on('close', () => clearTimeout(timer));
  };
  const peer = await startFakePeer((socket) =>
    onScgiRequest(socket, (body) => handle(socket, body)),
  );

  return {
    ...peer,
    requests,
    get mostOpen() {
      return mostOpen;
    },
  };
}

function describeRequest(body: string): string {
  const method = /<methodName>([^<]*)<\/methodName>/.exec(body)?.[1] ?? '';
  if (method === 'd.multicall2' && body.includes('t.multicall=')) return 'd.multicall2 t.multicall';

  return method;
}
