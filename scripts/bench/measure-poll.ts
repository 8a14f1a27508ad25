import { fetchReplySize } from './raw-scgi-fetch.js';
import { createRtmonPoll } from './rtmon-poll.js';
import { timeRivals } from './statistics.js';

// The first poll also lists rTorrent's commands and views and fetches every item's trackers,
// which later polls keep; the steady state is what runs every interval.
const WARM_UP_POLLS = 2;

export interface PollFigures {
  /** rtmon's whole poll: fetch, decode, aggregate, format; median ms. */
  pollMs: number;
  /** The same requests sent over a bare socket, the replies only read; median ms. */
  fetchMs: number;
  /** Bytes of the poll's replies, headers included. */
  replyBytes: number;
  /** PUTVAL lines one poll writes. */
  lineCount: number;
  /** The request bodies of one steady-state poll, for replaying elsewhere. */
  requests: Buffer[];
}

/** Times rtmon's steady-state poll against a bare fetch of the very same requests. */
export async function measurePoll(
  url: string,
  socketPath: string,
  repetitions: number,
): Promise<PollFigures> {
  const rtmon = createRtmonPoll(url);
  let lineCount = 0;
  for (let index = 0; index < WARM_UP_POLLS; index++) lineCount = (await rtmon.poll()).length;
  const requests = rtmon.lastRequests;
  let replyBytes = 0;
  const fetchAll = async (): Promise<void> => {
    replyBytes = 0;
    for (const body of requests) replyBytes += await fetchReplySize(socketPath, body);
  };
  await fetchAll();

  const [pollMs, fetchMs] = await timeRivals(repetitions, () => rtmon.poll(), fetchAll);

  return { pollMs, fetchMs, replyBytes, lineCount, requests };
}
