import assert from 'node:assert/strict';
import { test } from 'node:test';

import { describeError } from '../src/describe-error.js';

test('an error is described with its whole chain of causes', () => {
  const root = new Error('connect ECONNREFUSED 127.0.0.1:5000');
  const error = new Error('cannot reach rTorrent at scgi://127.0.0.1:5000', { cause: root });

  assert.equal(
    describeError(error),
    'cannot reach rTorrent at scgi://127.0.0.1:5000\n  caused by: connect ECONNREFUSED 127.0.0.1:5000',
  );
});
