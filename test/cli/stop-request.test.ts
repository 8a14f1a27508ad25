import assert from 'node:assert/strict';
import { test } from 'node:test';

import { listenForStopRequest } from '../../src/cli/stop-request.js';

test('a signal that arrives before anyone waits is kept as the stop reason', async () => {
  const stopRequest = listenForStopRequest();
  try {
    process.emit('SIGHUP', 'SIGHUP');

    assert.equal(await stopRequest.reason, 'received SIGHUP');
  } finally {
    stopRequest.dispose();
  }
  assert.equal(process.listenerCount('SIGHUP'), 0);
});
