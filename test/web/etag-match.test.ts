import assert from 'node:assert/strict';
import { test } from 'node:test';

import { isEtagMatch } from '../../src/web/etag-match.js';

const ETAG = '"abc-br"';
const CASES: Array<[string | undefined, boolean]> = [
  [undefined, false],
  ['', false],
  ['"abc-br"', true],
  ['W/"abc-br"', true],
  ['"other", "abc-br"', true],
  ['"abc"', false],
  ['"abc-gzip"', false],
  ['abc-br', false],
  ['*', true],
];

for (const [header, matches] of CASES) {
  test(`If-None-Match ${JSON.stringify(header)} ${matches ? 'names' : 'does not name'} ${ETAG}`, () => {
    assert.equal(isEtagMatch(header, ETAG), matches);
  });
}
