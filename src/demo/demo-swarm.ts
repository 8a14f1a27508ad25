import { chmod, copyFile, mkdir, mkdtemp, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { findFreePort } from '../process/free-port.js';
import { RtorrentClient } from '../rtorrent/rtorrent-client.js';
import { startOpentracker, type Opentracker } from './opentracker.js';
import { makeTorrent, writeRandomPayload } from './payload.js';
import { startRtorrentDaemon, type RtorrentDaemon } from './rtorrent-daemon.js';

/** How often a new payload joins the swarm. */
const PAYLOAD_INTERVAL_MS = 20_000;
const PAYLOAD_MIN_BYTES = 6 * 1024 * 1024;
const PAYLOAD_MAX_BYTES = 20 * 1024 * 1024;
/** Older payloads are removed from both peers beyond this many, which bounds the disk used. */
const MAX_LIVE_PAYLOADS = 8;
/** The seeder announces before the leecher loads the item, so the tracker can introduce them. */
const SEEDER_HEAD_START_MS = 3_000;
/** rTorrent removes items whose .torrent file went away within this (its untied check period). */
const UNTIE_WAIT_MS = 4_000;

/** The two trading peers: distinct loopback addresses, since two on one address never trade. */
const PEERS = [
  { name: 'alpha', bindAddress: '127.0.0.1', uploadKibPerSecond: 480 },
  { name: 'beta', bindAddress: '127.0.0.2', uploadKibPerSecond: 160 },
] as const;
/** Each payload step scales every peer's upload cap by one of these, so the rates wander. */
const UPLOAD_CAP_FACTORS = [0.5, 0.75, 1, 1.25] as const;
/** Two trackers on distinct addresses, because rTorrent and rtmon tell trackers apart by host. */
const TRACKER_ADDRESSES = ['127.0.0.1', '127.0.0.3'] as const;

export interface DemoPeer {
  /** Also its collectd plugin instance. */
  readonly name: string;
  readonly url: string;
  readonly daemon: RtorrentDaemon;
  readonly client: RtorrentClient;
}

/** A running swarm of real rTorrents and opentrackers on loopback, in a temporary folder. */
export interface DemoSwarm {
  readonly directory: string;
  readonly peers: readonly DemoPeer[];
  readonly trackers: readonly Opentracker[];
  /** Stops the payload stream, every peer and tracker, and removes the folder. */
  stop(): Promise<void>;
}

export interface DemoSwarmOptions {
  /** Where the temporary folder goes; the system's temp folder by default. */
  parentDirectory?: string;
  /** Told about a failed step of the payload stream; the stream goes on. */
  onError?: (error: Error) => void;
  payloadIntervalMs?: number;
  maxLivePayloads?: number;
}

/**
 * Starts the demo: two trackers, two rTorrents trading a stream of new random payloads under
 * upload throttles, a stopped item on each, and one item its tracker refuses (so it has a message).
 */
export async function startDemoSwarm(options: DemoSwarmOptions = {}): Promise<DemoSwarm> {
  const directory = await mkdtemp(join(options.parentDirectory ?? tmpdir(), 'rtmon-demo-'));
  // collectd runs the collector as an unprivileged user who must reach each rTorrent's socket.
  await chmod(directory, 0o755);
  const swarm = new Swarm(directory, {
    onError: options.onError ?? (() => {}),
    payloadIntervalMs: options.payloadIntervalMs ?? PAYLOAD_INTERVAL_MS,
    maxLivePayloads: options.maxLivePayloads ?? MAX_LIVE_PAYLOADS,
  });
  try {
    await swarm.start();
  } catch (error) {
    await swarm.stop();
    throw error;
  }

  return swarm;
}

interface Payload {
  name: string;
  infoHash: string;
  torrentFile: string;
}

class Swarm implements DemoSwarm {
  readonly peers: DemoPeer[] = [];
  readonly trackers: Opentracker[] = [];
  private readonly payloads: Payload[] = [];
  private readonly whitelist: string[] = [];
  private payloadCount = 0;
  private timer: NodeJS.Timeout | undefined;
  private step: Promise<void> = Promise.resolve();
  private stopping = false;

  constructor(
    readonly directory: string,
    private readonly settings: Required<
      Pick<DemoSwarmOptions, 'onError' | 'payloadIntervalMs' | 'maxLivePayloads'>
    >,
  ) {}

  async start(): Promise<void> {
    await mkdir(join(this.directory, 'torrents'));
    for (const address of TRACKER_ADDRESSES) {
      const trackerDirectory = join(this.directory, `tracker-${address}`);
      const port = await findFreePort(address);
      this.trackers.push(await startOpentracker({ directory: trackerDirectory, address, port }));
    }

    for (const peer of PEERS) {
      this.peers.push(await this.startPeer(peer));
    }

    await this.addStoppedItem();
    await this.addRefusedItem();
    await this.addPayload();
    await this.addPayload();
    this.timer = setInterval(() => this.runStep(), this.settings.payloadIntervalMs);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    await this.step;
    const stoppable = [...this.peers.map((peer) => peer.daemon), ...this.trackers];
    await Promise.all(stoppable.map((each) => stopQuietly(each)));
    await rm(this.directory, { recursive: true, force: true });
  }

  private async startPeer(peer: (typeof PEERS)[number]): Promise<DemoPeer> {
    const directory = join(this.directory, peer.name);
    const watchStart = join(directory, 'watch', 'start');
    const watchStopped = join(directory, 'watch', 'stopped');
    await mkdir(watchStart, { recursive: true });
    await mkdir(watchStopped, { recursive: true });
    const daemon = await startRtorrentDaemon({
      directory,
      bindAddress: peer.bindAddress,
      extraConfig: [
        `throttle.global_up.max_rate.set_kb = ${peer.uploadKibPerSecond}`,
        // Items loaded from a watch folder are tied to their file; removing it removes them.
        `schedule2 = watch_start, 1, 1, "load.start=${watchStart}/*.torrent"`,
        `schedule2 = watch_stopped, 1, 1, "load.normal=${watchStopped}/*.torrent"`,
        'schedule2 = remove_untied, 2, 2, "remove_untied="',
      ],
    });

    return { name: peer.name, url: daemon.url, daemon, client: new RtorrentClient(daemon.url) };
  }

  private runStep(): void {
    this.step = this.step
      .then(() => (this.stopping ? undefined : this.addPayload()))
      .then(() => (this.stopping ? undefined : this.removeOldPayloads()))
      .then(() => (this.stopping ? undefined : this.varyUploadCaps()))
      .catch((error: Error) => this.settings.onError(error));
  }

  private async varyUploadCaps(): Promise<void> {
    for (const [index, peer] of this.peers.entries()) {
      const factor = UPLOAD_CAP_FACTORS[Math.floor(Math.random() * UPLOAD_CAP_FACTORS.length)]!;
      const capKib = Math.round((PEERS[index]?.uploadKibPerSecond ?? 0) * factor);
      // rTorrent 0.9.8's setters take the target, empty for globals, as their first parameter.
      await peer.client.call('throttle.global_up.max_rate.set_kb', ['', capKib]);
    }
  }

  /** A new payload, seeded by the peers in turn, announced to the trackers in turn. */
  private async addPayload(): Promise<void> {
    const index = this.payloadCount++;
    const seeder = this.peerAt(index);
    const leecher = this.peerAt(index + 1);
    const sizeBytes = randomBetween(PAYLOAD_MIN_BYTES, PAYLOAD_MAX_BYTES);
    const payload = await this.createPayload(`payload-${index}`, seeder, sizeBytes, index, true);
    this.payloads.push(payload);

    await copyFile(payload.torrentFile, watchFile(seeder, 'start', payload));
    await sleep(SEEDER_HEAD_START_MS);
    await copyFile(payload.torrentFile, watchFile(leecher, 'start', payload));
  }

  /** One item both peers hold stopped: complete on alpha, not yet started on beta. */
  private async addStoppedItem(): Promise<void> {
    const [alpha, beta] = [this.peerAt(0), this.peerAt(1)];
    const payload = await this.createPayload('stopped', alpha, PAYLOAD_MIN_BYTES, 0, true);
    await copyFile(payload.torrentFile, watchFile(alpha, 'stopped', payload));
    await copyFile(payload.torrentFile, watchFile(beta, 'stopped', payload));
  }

  /** One item seeded on alpha whose info hash the tracker does not list, so its announce fails. */
  private async addRefusedItem(): Promise<void> {
    const alpha = this.peerAt(0);
    const payload = await this.createPayload('refused', alpha, PAYLOAD_MIN_BYTES, 0, false);
    await copyFile(payload.torrentFile, watchFile(alpha, 'start', payload));
  }

  private async createPayload(
    name: string,
    seeder: DemoPeer,
    sizeBytes: number,
    trackerIndex: number,
    isListed: boolean,
  ): Promise<Payload> {
    const source = join(seeder.daemon.downloadDirectory, name);
    await writeRandomPayload(source, sizeBytes);
    const torrentFile = join(this.directory, 'torrents', `${name}.torrent`);
    const tracker = this.trackers[trackerIndex % this.trackers.length] as Opentracker;
    const infoHash = await makeTorrent({
      source,
      output: torrentFile,
      announceUrls: [tracker.announceUrl],
    });
    if (isListed) {
      this.whitelist.push(infoHash);
      await Promise.all(this.trackers.map((each) => each.setWhitelist(this.whitelist)));
    }

    return { name, infoHash, torrentFile };
  }

  private async removeOldPayloads(): Promise<void> {
    while (this.payloads.length > this.settings.maxLivePayloads) {
      const payload = this.payloads.shift() as Payload;
      for (const peer of this.peers) {
        await unlink(watchFile(peer, 'start', payload)).catch(() => {});
      }

      await sleep(UNTIE_WAIT_MS);
      for (const peer of this.peers) {
        await rm(join(peer.daemon.downloadDirectory, payload.name), { force: true });
      }
    }
  }

  private peerAt(index: number): DemoPeer {
    return this.peers[index % this.peers.length] as DemoPeer;
  }
}

function watchFile(peer: DemoPeer, folder: 'start' | 'stopped', payload: Payload): string {
  return join(peer.daemon.directory, 'watch', folder, `${payload.name}.torrent`);
}

function randomBetween(low: number, high: number): number {
  return low + Math.floor(Math.random() * (high - low));
}

async function stopQuietly(each: { stop(): Promise<void> }): Promise<void> {
  await each.stop().catch(() => {});
}
