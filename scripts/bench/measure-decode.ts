import { join } from 'node:path';

import { decodeXmlRpcReply } from '../../src/rtorrent/xmlrpc-reply-decoder.js';
import { timePythonDecode } from './python-decode.js';
import { fetchReplyBody } from './raw-scgi-fetch.js';
import { median, timeRuns } from './statistics.js';
import { decodeWithXmlrpcPackage } from './xmlrpc-package-decode.js';

// Lets V8 compile the decoder's hot loops before they are timed, as in a long-lived collector.
const WARM_UP_DECODES = 3;
// The baselines take a second or so a run; a few runs give a stable median.
const MAX_BASELINE_REPETITIONS = 5;

export interface DecodeFigures {
  replyBytes: number;
  rtmonMs: number;
  xmlrpcMs: number;
  pythonMs: number;
}

/** Decodes the largest reply of a poll with rtmon's decoder and the two baselines. */
export async function measureDecode(
  socketPath: string,
  requests: Buffer[],
  scratchFolder: string,
  repetitions: number,
): Promise<DecodeFigures> {
  const body = await fetchLargestReply(socketPath, requests);
  await timeRuns(WARM_UP_DECODES, () => decodeXmlRpcReply(body));
  const rtmonTimes = await timeRuns(repetitions * 2, () => decodeXmlRpcReply(body));
  const baselineRepetitions = Math.min(repetitions, MAX_BASELINE_REPETITIONS);
  const xmlrpcTimes = await timeRuns(baselineRepetitions, () => decodeWithXmlrpcPackage(body));
  const pythonFile = join(scratchFolder, 'reply.xml');
  const pythonTimes = await timePythonDecode(body, pythonFile, baselineRepetitions);

  return {
    replyBytes: body.length,
    rtmonMs: median(rtmonTimes),
    xmlrpcMs: median(xmlrpcTimes),
    pythonMs: median(pythonTimes),
  };
}

async function fetchLargestReply(socketPath: string, requests: Buffer[]): Promise<Buffer> {
  let largest: Buffer = Buffer.alloc(0);
  for (const request of requests) {
    const body = await fetchReplyBody(socketPath, request);
    if (body.length > largest.length) largest = body;
  }

  return largest;
}
