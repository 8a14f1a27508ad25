import { hostname } from 'node:os';

import { scgiReply, xmlReply } from './fake-peer.js';

/** What the fake rTorrent reports; tests check PUTVAL lines against these exact numbers. */
export const FAKE_RTORRENT = {
  pid: 1,
  upRate: 1_000,
  downRate: 2_000,
  upTotal: 3_000_000,
  downTotal: 4_000_000,
  openSockets: 7,
  viewSizes: { main: 2, started: 1, stopped: 1 } as Record<string, number>,
  items: [
    { hash: 'A'.repeat(40), upRate: 500, sizeBytes: 1_000, leftBytes: 0, files: 1, message: '' },
    { hash: 'B'.repeat(40), upRate: 0, sizeBytes: 2_000, leftBytes: 500, files: 3, message: 'x' },
  ],
  tracker: 'http://tracker.example:6969/announce',
};

const SCALARS: Record<string, () => string> = {
  'system.pid': () => int(FAKE_RTORRENT.pid),
  'system.hostname': () => `<string>${hostname()}</string>`,
  'system.time': () => int(Math.floor(Date.now() / 1000)),
  'throttle.global_up.rate': () => int(FAKE_RTORRENT.upRate),
  'throttle.global_down.rate': () => int(FAKE_RTORRENT.downRate),
  'throttle.global_up.total': () => int(FAKE_RTORRENT.upTotal),
  'throttle.global_down.total': () => int(FAKE_RTORRENT.downTotal),
  'network.open_sockets': () => int(FAKE_RTORRENT.openSockets),
  'view.list': () => array(Object.keys(FAKE_RTORRENT.viewSizes).map(string)),
  't.multicall': () => array([array([string(FAKE_RTORRENT.tracker)])]),
};

const METHODS = [...Object.keys(SCALARS), 'view.size', 'd.multicall2', 'system.multicall'];

/**
 * The SCGI reply an rTorrent holding `FAKE_RTORRENT` gives to one XML-RPC request body: enough
 * of rTorrent 0.9.8's behaviour for the collector's poller, answered without any delay.
 */
export function answerLikeRtorrent(body: string): Buffer {
  const method = /<methodName>([^<]*)<\/methodName>/.exec(body)?.[1] ?? '';

  return scgiReply(answer(method, body));
}

function answer(method: string, body: string): string {
  if (method === 'system.listMethods') return xmlReply(array(METHODS.map(string)));

  if (method === 'd.multicall2' && body.includes('t.multicall=')) {
    return xmlReply(array(FAKE_RTORRENT.items.map(trackerRow)));
  }

  if (method === 'd.multicall2') return xmlReply(array(FAKE_RTORRENT.items.map(itemRow)));

  if (method === 'system.multicall') return xmlReply(array(readCalls(body).map(answerInside)));

  const scalar = SCALARS[method];
  if (scalar === undefined) return faultReply(-506, `Method '${method}' not defined`);

  return xmlReply(scalar());
}

/** Each call inside a multicall, as its method name and its string parameters. */
function readCalls(body: string): { method: string; params: string[] }[] {
  const calls = body.split('<name>methodName</name>').slice(1);

  return calls.map((call) => ({
    method: /<string>([^<]*)<\/string>/.exec(call)?.[1] ?? '',
    params: [...call.matchAll(/<value>(?:<string>([^<]*)<\/string>|<string\/>)<\/value>/g)]
      .slice(1)
      .map((match) => match[1] ?? ''),
  }));
}

function answerInside(call: { method: string; params: string[] }): string {
  if (call.method === 'view.size') {
    const size = FAKE_RTORRENT.viewSizes[call.params[1] ?? ''];
    if (size === undefined) return faultStruct(-503, 'Could not find view');

    return array([int(size)]);
  }

  const scalar = SCALARS[call.method];
  if (scalar === undefined) return faultStruct(-506, `Method '${call.method}' not defined`);

  return array([scalar()]);
}

/** An item's hash and trackers, nested as rTorrent 0.9.8 nests them: a 0 before each URL. */
function trackerRow(item: (typeof FAKE_RTORRENT.items)[number]): string {
  return array([string(item.hash), array([array([int(0), string(FAKE_RTORRENT.tracker)])])]);
}

function itemRow(item: (typeof FAKE_RTORRENT.items)[number]): string {
  return array([
    string(item.hash),
    int(item.upRate),
    int(0),
    int(0),
    int(item.sizeBytes),
    int(item.leftBytes),
    int(item.files),
    string(item.message),
    int(0),
  ]);
}

function faultReply(code: number, message: string): string {
  return `<?xml version="1.0"?><methodResponse><fault><value>${faultStruct(code, message)}</value></fault></methodResponse>`;
}

function faultStruct(code: number, message: string): string {
  return (
    `<struct><member><name>faultCode</name><value><i4>${code}</i4></value></member>` +
    `<member><name>faultString</name><value><string>${message}</string></value></member></struct>`
  );
}

function array(values: string[]): string {
  return `<array><data>${values.map((value) => `<value>${value}</value>`).join('')}</data></array>`;
}

function string(text: string): string {
  return `<string>${text}</string>`;
}

function int(value: number): string {
  return `<i8>${value}</i8>`;
}
