/**
 * Each item's tracker domain, asked of rTorrent once and kept while the item exists: tracker
 * lists rarely change, and asking for them costs rTorrent more than the rest of a poll.
 */
export class TrackerDomainCache {
  private readonly entries = new Map<string, { domain: string; seenInPoll: number }>();
  private poll = 0;
  private seenThisPoll = 0;

  get size(): number {
    return this.entries.size;
  }

  /** Starts counting which items the coming poll sees. */
  beginPoll(): void {
    this.poll++;
    this.seenThisPoll = 0;
  }

  /** The item's domain, noting that this poll saw it; undefined when not asked yet. */
  lookup(hash: string): string | undefined {
    const entry = this.entries.get(hash);
    if (entry === undefined) return undefined;

    // The entry is marked in place, so that a poll of 10,000 items allocates nothing here.
    if (entry.seenInPoll !== this.poll) {
      entry.seenInPoll = this.poll;
      this.seenThisPoll++;
    }

    return entry.domain;
  }

  set(hash: string, domain: string): void {
    if (this.entries.get(hash)?.seenInPoll !== this.poll) this.seenThisPoll++;

    this.entries.set(hash, { domain, seenInPoll: this.poll });
  }

  /** Forgets the items this poll did not see: they have left rTorrent. */
  forgetUnseen(): void {
    if (this.seenThisPoll === this.entries.size) return;

    for (const [hash, entry] of this.entries) {
      if (entry.seenInPoll !== this.poll) this.entries.delete(hash);
    }
    this.seenThisPoll = this.entries.size;
  }

  clear(): void {
    this.entries.clear();
    this.seenThisPoll = 0;
  }
}
