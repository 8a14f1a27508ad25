import assert from 'node:assert/strict';
import { test } from 'node:test';

import { resolveStateDirectory } from '../../src/stack/state-directory.js';

const CASES = [
  { env: { RTMON_STATE_DIR: '/srv/rtmon' }, expected: '/srv/rtmon' },
  { env: { XDG_STATE_HOME: '/home/u/state' }, expected: '/home/u/state/rtmon' },
  { env: {}, expected: '/home/u/.local/state/rtmon' },
];

for (const { env, expected } of CASES) {
  test(`the state folder is ${expected} given ${JSON.stringify(env)}`, () => {
    assert.equal(resolveStateDirectory(env, '/home/u'), expected);
  });
}
