import assert from 'node:assert/strict';
import { test } from 'node:test';

import { pickContentEncoding } from '../../src/web/content-encoding.js';

const CHOICES: Array<[string | undefined, string]> = [
  [undefined, 'identity'],
  ['', 'identity'],
  ['gzip, deflate, br, zstd', 'br'],
  ['gzip, deflate', 'gzip'],
  ['GZIP', 'gzip'],
  ['br;q=0, gzip', 'gzip'],
  ['br;q=0.0, gzip;q=0', 'identity'],
  ['br; q=0.5, gzip; q=1', 'br'],
  ['*', 'br'],
  ['*;q=0, gzip', 'gzip'],
  ['deflate, identity', 'identity'],
  ['br;q=nonsense, gzip', 'gzip'],
];

for (const [header, expected] of CHOICES) {
  test(`Accept-Encoding ${JSON.stringify(header)} is answered in ${expected}`, () => {
    assert.equal(pickContentEncoding(header), expected);
  });
}
