import assert from 'node:assert/strict';
import { test } from 'node:test';

import { median } from '../../../scripts/bench/statistics.js';

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
