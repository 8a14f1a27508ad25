import assert from 'node:assert/strict';
import { test } from 'node:test';

import { toInstanceName } from '../../src/collector/identifier.js';
import {
  formatTrackerPluginInstance,
  readTrackerDomain,
} from '../../src/collector/tracker-plugin-instance.js';

const HOST_INSTANCES = new Set(['alpha', 'beta']);

const CASES: { folder: string; instance: string; domain: string | undefined }[] = [
  {
    folder: formatTrackerPluginInstance('alpha', 'example.org'),
    instance: 'alpha',
    domain: 'example.org',
  },
  {
    folder: formatTrackerPluginInstance('alpha', 'example.org'),
    instance: 'beta',
    domain: undefined,
  },
  { folder: formatTrackerPluginInstance('alpha', 'example.org'), instance: '', domain: undefined },
  { folder: formatTrackerPluginInstance('', 'example.org'), instance: '', domain: 'example.org' },
  { folder: formatTrackerPluginInstance('', 'odd_name.org'), instance: '', domain: 'odd_name.org' },
  { folder: formatTrackerPluginInstance('', 'example.org'), instance: 'alpha', domain: undefined },
  {
    folder: formatTrackerPluginInstance('beta', 'odd_name.org'),
    instance: 'beta',
    domain: 'odd_name.org',
  },
];

for (const { folder, instance, domain } of CASES) {
  test(`reads rtorrent_tracker-${folder} for instance '${instance}' as ${domain ?? 'not its own'}`, () => {
    assert.equal(readTrackerDomain(folder, instance, HOST_INSTANCES), domain);
  });
}

test('gives instance names no underscore, so the folder name splits one way only', () => {
  assert.equal(toInstanceName('Box_1 East'), 'box-1-east');
});
