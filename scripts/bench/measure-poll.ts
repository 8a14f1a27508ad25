import { fetchReplySize } from './raw-scgi-fetch.js';
import { createRtmonPoll } from './rtmon-poll.js';
import { median, quantile, timeRivalTurns } from './statistics.js';

// The first poll also lists rTorrent's commands and views and fetches every item's trackers,
// which later polls keep; the steady state is what runs every interval.
const WARM_UP_POLLS = 2;

export interface PollFigures {
  /** rtmon's whole poll: fetch, decode, aggregate, format; median ms. */
  pollMs: number;
  /** The same requests sent over a bare socket, the replies only read; median ms. */
  fetchMs: number;
  /**
   * The quartiles of poll/fetch taken turn by turn: how far one run's ratio may stray on this
   * machine, which a single median hides.
   */
  turnRatioQuartiles: [number, number];
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

  const turns = await timeRivalTurns(repetitions, () => rtmon.poll(), fetchAll);
  const ratios = turns.map(([poll, fetch]) => poll / fetch);

  return {
    pollMs: median(turns.map(([poll]) => poll)),
    fetchMs: median(turns.map(([, fetch]) => fetch)),
    turnRatioQuartiles: [quantile(ratios, 0.25), quantile(ratios, 0.75)],
    replyBytes,
    lineCount,
    requests,
  };
}
