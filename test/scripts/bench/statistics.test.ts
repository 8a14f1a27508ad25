import assert from 'node:assert/strict';
import { test } from 'node:test';

import { median, quantile } from '../../../scripts/bench/statistics.js';

const CASES: [number[], number][] = [
  [[5], 5],
  [[3, 1, 2], 2],
  [[4, 1, 3, 2], 2.5],
  [[10, 10, 1000], 10],
];

for (const [values, expected] of CASES) {
  test(`the median of ${values.join(', ')} is ${expected}`, () => {
    assert.equal(median(values), expected);
  });
}

test('the median of nothing is an error, not NaN', () => {
  assert.throws(() => median([]), RangeError);
});

test('the quartiles of 1 to 11, in any order, are 4 and 9, and the ends are the extremes', () => {
  const values = [9, 1, 5, 11, 3, 7, 2, 10, 4, 8, 6];

  assert.equal(quantile(values, 0.25), 4);
  assert.equal(quantile(values, 0.75), 9);
  assert.equal(quantile(values, 0), 1);
  assert.equal(quantile(values, 1), 11);
});
