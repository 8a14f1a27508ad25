import { hostname as localHostname } from 'node:os';

import type { MethodCall, MulticallOutcome, RtorrentClient } from '../rtorrent/rtorrent-client.js';
import type { XmlRpcValue } from '../rtorrent/xmlrpc-value.js';
import { buildGlobalCalls } from './global-commands.js';
import { cpuPercentBetween, readProcessSample, type ProcessSample } from './process-stats.js';
import { ITEM_FIELDS, ItemTally } from './item-tally.js';
import type { PeerCounts, RtorrentSnapshot } from './rtorrent-snapshot.js';
import { trackerDomain } from './tracker-domain.js';
import { TrackerDomainCache } from './tracker-domain-cache.js';

// rTorrent 0.9.8 refuses a request over 512 KiB (network.xmlrpc.size_limit); a per-item call
// takes about 300 bytes of XML, so per-item calls go out in multicalls of at most this many.
const MAX_CALLS_PER_MULTICALL = 1000;

const PEER_FIELDS = [
  'p.is_encrypted=',
  'p.is_incoming=',
  'p.is_obfuscated=',
  'p.is_preferred=',
  'p.is_snubbed=',
  'p.is_unwanted=',
];

/**
 * Reads everything the sensors need from one rTorrent in as few round trips as it allows:
 * one multicall for the globals and view sizes, one item multicall, then peers only for items
 * that have some, and trackers only for items not seen before.
 */
export class RtorrentPoller {
  private readonly client: RtorrentClient;
  private views: string[] | undefined;
  private readonly trackerDomains = new TrackerDomainCache();
  private previousProcess: ProcessSample | undefined;

  constructor(client: RtorrentClient) {
    this.client = client;
  }

  /** Forgets what belongs to one rTorrent process, after it went away and may come back new. */
  reset(): void {
    this.client.forgetMethods();
    this.views = undefined;
    this.trackerDomains.clear();
    this.previousProcess = undefined;
  }

  async poll(): Promise<RtorrentSnapshot> {
    const startedAt = performance.now();
    const bytesBefore = this.client.bytesReceived;
    const methods = await this.client.listMethods();
    this.views ??= readStrings(await this.client.call('view.list'));

    const globals = await this.readGlobalsAndViews(methods);
    // /proc is read while rTorrent builds its item reply, the longest wait of a poll.
    const processReading = this.readProcess(globals);
    const tally = await this.readItems(methods);
    if (tally !== undefined) await this.readMissingTrackerDomains(tally, methods);
    const peers = tally === undefined ? undefined : await this.readPeers(tally, methods);
    const process = await processReading;
    const cpuPercent =
      process && this.previousProcess ? cpuPercentBetween(this.previousProcess, process) : null;
    this.previousProcess = process;

    return {
      globals: globals.values,
      viewSizes: globals.viewSizes,
      items: tally?.totals,
      peers,
      process,
      cpuPercent,
      pollMilliseconds: performance.now() - startedAt,
      replyBytes: this.client.bytesReceived - bytesBefore,
    };
  }

  private async readGlobalsAndViews(methods: ReadonlySet<string>): Promise<{
    values: Record<string, number | string | undefined>;
    viewSizes: Map<string, number>;
  }> {
    const globalCalls = buildGlobalCalls(methods);
    const views = this.views ?? [];
    const calls: MethodCall[] = [
      ...globalCalls.map(([, call]) => call),
      { method: 'view.list', params: [''] },
      ...views.map((view) => ({ method: 'view.size', params: ['', view] })),
    ];
    const outcomes = await this.client.multicall(calls);

    const values: Record<string, number | string | undefined> = {};
    globalCalls.forEach(([name], index) => (values[name] = readScalar(outcomes[index])));
    const listOutcome = outcomes[globalCalls.length];
    const viewSizes = new Map<string, number>();
    views.forEach((view, index) => {
      const size = readScalar(outcomes[globalCalls.length + 1 + index]);
      if (typeof size === 'number') viewSizes.set(view, size);
    });

    // A view added since the last poll gets its size from the next one.
    if (listOutcome && 'value' in listOutcome) this.views = readStrings(listOutcome.value);

    return { values, viewSizes };
  }

  /** Sums every item's row as it is decoded; undefined when rTorrent sends no list. */
  private async readItems(methods: ReadonlySet<string>): Promise<ItemTally | undefined> {
    const tally = new ItemTally(this.trackerDomains);
    this.trackerDomains.beginPoll();
    const visit = (row: XmlRpcValue): void => tally.add(row);
    const count = methods.has('d.multicall2')
      ? await this.client.callForEach('d.multicall2', ['', 'main', ...ITEM_FIELDS], visit)
      : await this.client.callForEach('d.multicall', ['main', ...ITEM_FIELDS], visit);
    if (count === undefined) return undefined;

    this.trackerDomains.endPoll();

    return tally;
  }

  /**
   * Asks for the tracker lists of the items not seen before, all in one item multicall with
   * the tracker list nested in each row: rTorrent 0.9.8 finds an item by hash with a scan of its
   * whole list, so one `t.multicall` per item costs it time in the square of the item count
   * (13 s at 10,000 items, against 0.35 s).
   */
  private async readMissingTrackerDomains(
    tally: ItemTally,
    methods: ReadonlySet<string>,
  ): Promise<void> {
    if (tally.hashesWithoutDomain.length === 0) return;

    const rows = methods.has('d.multicall2')
      ? await this.client.call('d.multicall2', ['', 'main', 'd.hash=', 't.multicall=,,t.url='])
      : await this.client.call('d.multicall', ['main', 'd.hash=', 't.multicall=,,t.url=']);
    for (const row of Array.isArray(rows) ? rows : []) {
      if (!Array.isArray(row)) continue;

      // Nested this way, rTorrent 0.9.8 puts a 0 before each tracker's URL: [[0, url], ...].
      const trackers = Array.isArray(row[1]) ? row[1] : [];
      const firstUrl = readStrings(trackers[0]).at(-1);
      this.trackerDomains.set(String(row[0]), firstUrl ? trackerDomain(firstUrl) : 'none');
    }
    tally.placeRemaining();
  }

  private async readPeers(
    tally: ItemTally,
    methods: ReadonlySet<string>,
  ): Promise<PeerCounts | undefined> {
    const counts: PeerCounts = {
      connected: 0,
      encrypted: 0,
      incoming: 0,
      obfuscated: 0,
      preferred: 0,
      snubbed: 0,
      unwanted: 0,
    };
    const withPeers = tally.hashesWithPeers;
    if (withPeers.length === 0) return counts;

    if (!methods.has('p.multicall')) return undefined;

    const outcomes = await multicallInBatches(
      this.client,
      withPeers.map((hash) => ({ method: 'p.multicall', params: [hash, '', ...PEER_FIELDS] })),
    );
    for (const outcome of outcomes) {
      if (!('value' in outcome) || !Array.isArray(outcome.value)) continue;

      for (const peer of outcome.value) addPeer(counts, peer);
    }

    return counts;
  }

  /** rTorrent's process as /proc shows it; never rejects, so it may run beside other calls. */
  private async readProcess(globals: {
    values: Record<string, number | string | undefined>;
  }): Promise<ProcessSample | undefined> {
    const pid = globals.values['pid'];
    const isLocal = this.client.endpoint.kind === 'scgi-unix' || isSameHost(globals.values);
    if (typeof pid !== 'number' || !isLocal) return undefined;

    return readProcessSample(pid);
  }
}

/** Sends many calls as a few multicalls, each small enough for rTorrent to accept. */
async function multicallInBatches(
  client: RtorrentClient,
  calls: MethodCall[],
): Promise<MulticallOutcome[]> {
  const outcomes: MulticallOutcome[] = [];
  for (let start = 0; start < calls.length; start += MAX_CALLS_PER_MULTICALL) {
    outcomes.push(...(await client.multicall(calls.slice(start, start + MAX_CALLS_PER_MULTICALL))));
  }

  return outcomes;
}

function isSameHost(values: Record<string, number | string | undefined>): boolean {
  return values['hostname'] === localHostname();
}

function addPeer(counts: PeerCounts, peer: XmlRpcValue): void {
  if (!Array.isArray(peer)) return;

  counts.connected++;
  const flags = peer.map((flag) => Number(flag) === 1);
  if (flags[0]) counts.encrypted++;
  if (flags[1]) counts.incoming++;
  if (flags[2]) counts.obfuscated++;
  if (flags[3]) counts.preferred++;
  if (flags[4]) counts.snubbed++;
  if (flags[5]) counts.unwanted++;
}

function readScalar(outcome: MulticallOutcome | undefined): number | string | undefined {
  if (outcome === undefined || 'fault' in outcome) return undefined;

  const value = outcome.value;
  if (typeof value === 'number' || typeof value === 'string') return value;

  if (typeof value === 'bigint') return Number(value);

  return undefined;
}

function readStrings(value: XmlRpcValue | undefined): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}
