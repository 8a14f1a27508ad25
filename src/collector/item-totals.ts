/** One tracker domain's share of the items. */
export interface TrackerTotals {
  items: number;
  messages: number;
  upRate: number;
  downRate: number;
}

/** What the item sensors report: sums over every item of one poll. */
export interface ItemTotals {
  items: number;
  /** Items whose tracker or rTorrent left a message, mostly errors. */
  withMessages: number;
  /** Items sending or receiving right now. */
  transferring: number;
  sizeBytes: number;
  leftBytes: number;
  files: number;
  skipRate: number;
  /** By tracker domain, for the items whose domain is known. */
  trackers: Map<string, TrackerTotals>;
}

export function emptyItemTotals(): ItemTotals {
  return {
    items: 0,
    withMessages: 0,
    transferring: 0,
    sizeBytes: 0,
    leftBytes: 0,
    files: 0,
    skipRate: 0,
    trackers: new Map(),
  };
}

/** Adds one item to its domain's totals. */
export function addToTracker(
  totals: ItemTotals,
  domain: string,
  hasMessage: boolean,
  upRate: number,
  downRate: number,
): void {
  let tracker = totals.trackers.get(domain);
  if (tracker === undefined) {
    tracker = { items: 0, messages: 0, upRate: 0, downRate: 0 };
    totals.trackers.set(domain, tracker);
  }

  tracker.items++;
  if (hasMessage) tracker.messages++;
  tracker.upRate += upRate;
  tracker.downRate += downRate;
}
