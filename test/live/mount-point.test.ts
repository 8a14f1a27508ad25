import assert from 'node:assert/strict';
import { test } from 'node:test';

import { dfInstance, findMountPoints } from '../../src/live/mount-point.js';

const DF_INSTANCES: Array<[string, string]> = [
  ['/', 'root'],
  ['/home', 'home'],
  ['/var/lib/docker', 'var-lib-docker'],
  ['/srv/my disk', 'srv-my disk'],
];

for (const [mountPoint, instance] of DF_INSTANCES) {
  test(`collectd's df plugin names the mount point ${mountPoint} '${instance}'`, () => {
    assert.equal(dfInstance(mountPoint), instance);
  });
}

test('each path maps to the deepest mount point holding it, and a path that does not exist to none', async () => {
  const mounts = await findMountPoints(['/', '/proc/self', '/no/such/path']);

  assert.deepEqual(
    [...mounts],
    [
      ['/', '/'],
      ['/proc/self', '/proc'],
    ],
  );
});
