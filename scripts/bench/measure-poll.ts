import { fetchReplySize } from './raw-scgi-fetch.js';
import { createRtmonPoll } from './rtmon-poll.js';
import { median, quantile, timeRivalTurns } from './statistics.js';

// The first poll also lists rTorrent's commands and views and fetches every item's trackers,
// which later polls keep; and V8 optimizes the decoder only over the next few: at 10,000 items
// its time was 10 to 20 ms in the first seven polls and 7 to 8 ms from then on (2026-12-04).
// The steady state is what a collector runs every interval for months.
const WARM_UP_POLLS = 10;
// rTorrent's own time to build the item reply strays from 80 to 130 ms between turns on a
// shared two-core machine, and the poll's whole margin is some 10 ms of it: in one run of 61
// turns the first 11 gave a ratio of 1.29 and all 61 gave 1.15, and rounds of 11 over the same
// code ranged from 0.94 to 1.26, rounds of 33 from 1.07 to 1.12 (2026-12-04). A turn takes a
// fifth of a second, so the poll gets three per repetition.
const TURNS_PER_REPETITION = 3;

export interface PollFigures {
  /** rtmon's whole poll: fetch, decode, aggregate, format; median ms. */
  pollMs: number;
  /** The same requests sent over a bare socket, the replies only read; median ms. */
  fetchMs: number;
  /** How many turns each rival took. */
  turns: number;
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

  const turns = await timeRivalTurns(
    repetitions * TURNS_PER_REPETITION,
    () => rtmon.poll(),
    fetchAll,
  );
  const ratios = turns.map(([poll, fetch]) => poll / fetch);

  return {
    pollMs: median(turns.map(([poll]) => poll)),
    fetchMs: median(turns.map(([, fetch]) => fetch)),
    turns: turns.length,
    turnRatioQuartiles: [quantile(ratios, 0.25), quantile(ratios, 0.75)],
    replyBytes,
    lineCount,
    requests,
  };
}
