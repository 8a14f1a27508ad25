import assert from 'node:assert/strict';
import { test } from 'node:test';

import { parseTimeRange, type RangeQuery } from '../../src/web/time-range.js';

const NOW_MS = 1_700_000_003_000;
const NOW = 1_700_000_000;

const ACCEPTED: Array<[RangeQuery, { start: number; end: number }]> = [
  [{}, { start: NOW - 86_400, end: NOW }],
  [{ range: 'hour' }, { start: NOW - 3_600, end: NOW }],
  [{ range: 'year' }, { start: NOW - 366 * 86_400, end: NOW }],
  [{ start: '-2h' }, { start: NOW - 7_200, end: NOW }],
  [
    { start: '-90min', end: '-30min' },
    { start: NOW - 5_400, end: NOW - 1_800 },
  ],
  [{ start: '-600' }, { start: NOW - 600, end: NOW }],
  [
    { start: '1699990000', end: '1699999000' },
    { start: 1_699_990_000, end: 1_699_999_000 },
  ],
  [
    { end: 'now', start: '-1w' },
    { start: NOW - 604_800, end: NOW },
  ],
];

for (const [query, expected] of ACCEPTED) {
  test(`${JSON.stringify(query)} becomes two whole epoch seconds`, () => {
    assert.deepEqual(parseTimeRange(query, NOW_MS), expected);
  });
}

const REFUSED: Array<[RangeQuery, string]> = [
  [{ range: 'decade' }, "range must be one of hour, day, week, month, year, not 'decade'"],
  [
    { range: 'constructor' },
    "range must be one of hour, day, week, month, year, not 'constructor'",
  ],
  [
    { start: 'end-1h' },
    "start must be epoch seconds, 'now', or '-<number><s|min|h|d|w|mon|y>', not 'end-1h'",
  ],
  [
    { start: '-1h:DEF' },
    "start must be epoch seconds, 'now', or '-<number><s|min|h|d|w|mon|y>', not '-1h:DEF'",
  ],
  [{ start: '200', end: '100' }, "start must be at least 10 s before end (100), not '200'"],
  [{ start: '0', end: '999999999' }, "start must be no more than 316224000 s before end, not '0'"],
  [{ range: 'day', start: '-1h' }, "range must be left out when start or end is given, not 'day'"],
];

for (const [query, message] of REFUSED) {
  test(`${JSON.stringify(query)} is refused with a message saying what is wrong`, () => {
    assert.throws(() => parseTimeRange(query, NOW_MS), { code: 'ERR_BAD_PARAMETER', message });
  });
}
