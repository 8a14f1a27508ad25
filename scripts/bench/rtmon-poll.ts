import { serializeMethodCall } from 'xmlrpc/lib/serializer.js';

import { formatPutval } from '../../src/collector/putval.js';
import { RtorrentPoller } from '../../src/collector/rtorrent-poller.js';
import { snapshotMetrics } from '../../src/collector/snapshot-metrics.js';
import { RtorrentClient, type XmlRpcParam } from '../../src/rtorrent/rtorrent-client.js';
import type { XmlRpcValue } from '../../src/rtorrent/xmlrpc-value.js';

const HOSTNAME = 'bench';
const INTERVAL_SECONDS = 10;

/** rtmon's whole poll, as the collector runs it, with the requests it sent kept for replay. */
export interface RtmonPoll {
  /** Fetches, decodes, aggregates and formats; resolves with the PUTVAL lines. */
  poll(): Promise<string[]>;
  /** The XML-RPC bodies the last poll sent, in order. */
  readonly lastRequests: Buffer[];
}

/** A client that remembers each request body it sends during a poll. */
class RecordingClient extends RtorrentClient {
  requests: Buffer[] = [];

  override call(method: string, params: XmlRpcParam[] = []): Promise<XmlRpcValue> {
    this.requests.push(Buffer.from(serializeMethodCall(method, params), 'utf8'));

    return super.call(method, params);
  }

  override callForEach(
    method: string,
    params: XmlRpcParam[],
    visit: (element: XmlRpcValue) => void,
  ): Promise<number | undefined> {
    this.requests.push(Buffer.from(serializeMethodCall(method, params), 'utf8'));

    return super.callForEach(method, params, visit);
  }
}

/** Sets up rtmon's poller against `url`, the way the collector's loop does. */
export function createRtmonPoll(url: string): RtmonPoll {
  const client = new RecordingClient(url, { timeoutMs: 60_000 });
  const poller = new RtorrentPoller(client);
  let lastRequests: Buffer[] = [];

  return {
    get lastRequests() {
      return lastRequests;
    },
    async poll() {
      client.requests = [];
      const snapshot = await poller.poll();
      const timeSeconds = Math.round(Date.now() / 1000);
      const lines = snapshotMetrics(snapshot, '').map((metric) =>
        formatPutval(HOSTNAME, metric, INTERVAL_SECONDS, timeSeconds),
      );
      lastRequests = client.requests;

      return lines;
    },
  };
}
