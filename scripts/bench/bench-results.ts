import type { PollFigures } from './measure-poll.js';

/** The programs and machine a run measured, for the report. */
export interface BenchEnvironment {
  date: string;
  machine: string;
  versions: Record<string, string>;
}

/** One line of the scaling table. */
export interface ScalingRow {
  items: number;
  pollMs: number;
  fetchMs: number;
  replyBytes: number;
  collectorRssMb: number;
}

/** What the viewer's part of the run measured; absent when there is no viewer to measure. */
export interface ViewerFigures {
  graphColdMs: number;
  rrdtoolGraphMs: number;
  graphCachedMs: number;
  liveRequestsPerSecond: number;
  liveP99Ms: number;
  helloRequestsPerSecond: number;
  helloP99Ms: number;
  livePageBytes: number;
  livePageReloadBytes: number;
  liveFirstValuesMs: number;
}

/** Every figure of one run, medians where there were repetitions. */
export interface BenchResults {
  environment: BenchEnvironment;
  items: number;
  repetitions: number;
  /** The poll's figures; the request bodies it replayed are no figure. */
  poll: Omit<PollFigures, 'requests'>;
  decode: { replyBytes: number; rtmonMs: number; xmlrpcMs: number; pythonMs: number };
  collector: { polls: number; failures: number; peakRssMb: number };
  rtorrentCpu: {
    rtmonMsPerPoll: number;
    olderExporterMsPerPoll: number;
    rtmonPolls: number;
    olderExporterPolls: number;
  };
  scaling: ScalingRow[];
  viewer: ViewerFigures | undefined;
}
