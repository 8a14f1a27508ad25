import type { XmlRpcValue } from '../rtorrent/xmlrpc-value.js';
import { ITEM_NUMBER_GETTERS, ItemNumber, JOINED_NUMBER_SEPARATOR } from './item-fields.js';
import { addToTracker, emptyItemTotals, type ItemTotals } from './item-totals.js';
import type { TrackerDomainCache } from './tracker-domain-cache.js';

const SEPARATOR_CODE = JOINED_NUMBER_SEPARATOR.charCodeAt(0);
const NUMBER_COUNT = ITEM_NUMBER_GETTERS.length;

/** An item whose tracker domain was not known when its row came. */
interface UnplacedItem {
  hash: string;
  hasMessage: boolean;
  upRate: number;
  downRate: number;
}

/**
 * Sums the item multicall's rows one at a time, as they are decoded, so that no row outlives
 * its turn: building 10,000 row objects and summing them afterwards cost more than decoding.
 * Rows are laid out as `itemFields` asked for them, with the numbers joined or not.
 */
export class ItemTally {
  readonly totals: ItemTotals = emptyItemTotals();
  /** The items with connected peers, whose peers are read next. */
  readonly hashesWithPeers: string[] = [];
  private readonly unplaced: UnplacedItem[] = [];
  // One row's numbers, filled again for every row.
  private readonly numbers = new Float64Array(NUMBER_COUNT);

  constructor(
    private readonly domains: TrackerDomainCache,
    private readonly areNumbersJoined: boolean,
  ) {}

  /** Hashes of the items whose tracker domain is not known yet. */
  get hashesWithoutDomain(): string[] {
    return this.unplaced.map((item) => item.hash);
  }

  add(row: XmlRpcValue): void {
    if (!Array.isArray(row)) return;

    const numbers = this.numbers;
    if (this.areNumbersJoined) readJoinedNumbers(row[1], numbers);
    else
      for (let index = 0; index < NUMBER_COUNT; index++) numbers[index] = toNumber(row[index + 1]);

    const hash = String(row[0] ?? '');
    const message = row[row.length - 1];
    const hasMessage = message !== '' && message !== undefined;
    const upRate = numbers[ItemNumber.UpRate] as number;
    const downRate = numbers[ItemNumber.DownRate] as number;
    const totals = this.totals;
    totals.items++;
    if (hasMessage) totals.withMessages++;
    if (upRate > 0 || downRate > 0) totals.transferring++;
    totals.skipRate += numbers[ItemNumber.SkipRate] as number;
    totals.sizeBytes += numbers[ItemNumber.SizeBytes] as number;
    totals.leftBytes += numbers[ItemNumber.LeftBytes] as number;
    totals.files += numbers[ItemNumber.SizeFiles] as number;
    if ((numbers[ItemNumber.PeersConnected] as number) > 0) this.hashesWithPeers.push(hash);

    const domain = this.domains.lookup(hash);
    if (domain === undefined) this.unplaced.push({ hash, hasMessage, upRate, downRate });
    else addToTracker(totals, domain, hasMessage, upRate, downRate);
  }

  /** Adds the items whose domains were unknown, once they have been asked for. */
  placeRemaining(): void {
    for (const item of this.unplaced) {
      const domain = this.domains.find(item.hash);
      // An item that arrived between the two calls waits for the next poll.
      if (domain !== undefined) {
        addToTracker(this.totals, domain, item.hasMessage, item.upRate, item.downRate);
      }
    }
    this.unplaced.length = 0;
  }
}

/**
 * Reads `12/0/3/…` into `numbers` straight from the characters; a field that is missing or not
 * a whole number counts as 0, as a separate value of the wrong type would.
 */
function readJoinedNumbers(value: XmlRpcValue | undefined, numbers: Float64Array): void {
  const text = typeof value === 'string' ? value : '';
  let field = 0;
  let number = 0;
  let isValid = text !== '';
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === SEPARATOR_CODE) {
      if (field < NUMBER_COUNT) numbers[field] = isValid ? number : 0;
      field++;
      number = 0;
      isValid = true;
    } else if (code >= 0x30 && code <= 0x39) {
      number = number * 10 + (code - 0x30);
    } else {
      isValid = false;
    }
  }
  if (field < NUMBER_COUNT) numbers[field] = isValid ? number : 0;
  for (field++; field < NUMBER_COUNT; field++) numbers[field] = 0;
}

function toNumber(value: XmlRpcValue | undefined): number {
  if (typeof value === 'number') return value;

  if (typeof value === 'bigint') return Number(value);

  return Number(value ?? 0) || 0;
}
