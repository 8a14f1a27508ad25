import assert from 'node:assert/strict';
import { test } from 'node:test';

import { ItemTally } from '../../src/collector/item-tally.js';
import { TrackerDomainCache } from '../../src/collector/tracker-domain-cache.js';

/** A row as the item multicall gives it, in ITEM_FIELDS order. */
function row(hash: string, up: number, down: number, size: number, message = '', peers = 0) {
  return [hash, up, down, 0, size, size / 2, 1, message, peers];
}

test('sums rows as they come and counts each under its tracker domain', () => {
  const domains = new TrackerDomainCache();
  domains.beginPoll();
  domains.set('A', 'one.example');
  domains.set('B', 'two.example');
  const tally = new ItemTally(domains);

  tally.add(row('A', 10, 0, 1_000));
  tally.add(row('B', 0, 5, 3_000, 'Tracker: timed out', 2));
  tally.add(row('C', 0, 0, 6_000_000_000));

  assert.equal(tally.totals.items, 3);
  assert.equal(tally.totals.withMessages, 1);
  assert.equal(tally.totals.transferring, 2);
  assert.equal(tally.totals.sizeBytes, 6_000_004_000);
  assert.equal(tally.totals.leftBytes, 3_000_002_000);
  assert.deepEqual(tally.hashesWithPeers, ['B']);
  assert.deepEqual(tally.hashesWithoutDomain, ['C']);
  assert.deepEqual(
    [...tally.totals.trackers],
    [
      ['one.example', { items: 1, messages: 0, upRate: 10, downRate: 0 }],
      ['two.example', { items: 1, messages: 1, upRate: 0, downRate: 5 }],
    ],
  );
});

test('places items under their domains once the domains are known, and skips newcomers', () => {
  const domains = new TrackerDomainCache();
  domains.beginPoll();
  const tally = new ItemTally(domains);
  tally.add(row('A', 10, 0, 1_000));
  tally.add(row('B', 20, 0, 1_000));

  domains.set('A', 'one.example');
  tally.placeRemaining();

  assert.deepEqual(tally.hashesWithoutDomain, []);
  assert.deepEqual(
    [...tally.totals.trackers],
    [['one.example', { items: 1, messages: 0, upRate: 10, downRate: 0 }]],
  );
});

test('forgets the domains of items a poll no longer sees, and keeps the others', () => {
  const domains = new TrackerDomainCache();
  domains.beginPoll();
  domains.set('A', 'one.example');
  domains.set('B', 'two.example');
  domains.forgetUnseen();
  assert.equal(domains.size, 2);

  domains.beginPoll();
  assert.equal(domains.lookup('B'), 'two.example');
  domains.forgetUnseen();

  assert.equal(domains.size, 1);
  assert.equal(domains.lookup('A'), undefined);
  assert.equal(domains.lookup('B'), 'two.example');
});
