import assert from 'node:assert/strict';
import { test } from 'node:test';

import { timestampOf } from '../../src/collector/poll-time.js';

const CASES: { title: string; intervalSeconds: number; startsMs: number[]; expected: number[] }[] =
  [
    {
      title: 'whole seconds for a whole-second interval',
      intervalSeconds: 10,
      startsMs: [1_700_000_000_400, 1_700_000_010_400],
      expected: [1_700_000_000, 1_700_000_010],
    },
    {
      title: 'a new time for each poll of a half-second interval',
      intervalSeconds: 0.5,
      startsMs: [1_700_000_000_100, 1_700_000_000_600, 1_700_000_001_100],
      expected: [1_700_000_000.1, 1_700_000_000.6, 1_700_000_001.1],
    },
  ];

for (const { title, intervalSeconds, startsMs, expected } of CASES) {
  test(`stamps polls with ${title}`, () => {
    assert.deepEqual(
      startsMs.map((startMs) => timestampOf(startMs, intervalSeconds)),
      expected,
    );
  });
}
