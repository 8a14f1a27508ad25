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
  domains.set('A', 'one.example');
  domains.set('B', 'two.example');
  domains.beginPoll();
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
  domains.set('A', 'one.example');
  domains.set('B', 'two.example');
  domains.set('C', 'three.example');
  domains.beginPoll();
  domains.lookup('A');
  domains.lookup('B');
  domains.lookup('C');
  domains.endPoll();
  assert.equal(domains.size, 3);

  domains.beginPoll();
  assert.equal(domains.lookup('A'), 'one.example');
  assert.equal(domains.lookup('C'), 'three.example');
  domains.endPoll();

  assert.equal(domains.size, 2);
  assert.equal(domains.find('B'), undefined);
});

test('finds the domain of every row whether rTorrent kept its order or not', () => {
  const domains = new TrackerDomainCache();
  domains.set('A', 'one.example');
  domains.set('B', 'two.example');
  for (const order of [
    ['A', 'B'],
    ['A', 'B'],
    ['B', 'A'],
    ['B', 'X', 'A'],
  ]) {
    domains.beginPoll();
    const found = order.map((hash) => domains.lookup(hash));
    domains.endPoll();

    const expected = order.map((hash) => ({ A: 'one.example', B: 'two.example' })[hash]);
    assert.deepEqual(found, expected, `rows ${order.join(', ')}`);
  }
});
