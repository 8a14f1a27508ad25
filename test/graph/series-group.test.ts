import assert from 'node:assert/strict';
import { test } from 'node:test';

import { groupSeries } from '../../src/graph/series-group.js';
import { splitCollectdName, type RrdPlugin } from '../../src/rrd/rrd-catalog.js';

function plugin(name: string, seriesNames: string[]): RrdPlugin {
  const { base, instance } = splitCollectdName(name);
  const series = seriesNames.map((seriesName) => {
    const split = splitCollectdName(seriesName);

    return {
      name: seriesName,
      type: split.base,
      typeInstance: split.instance,
      file: `/${seriesName}.rrd`,
    };
  });

  return { name, plugin: base, instance, series };
}

const GROUPINGS: Array<[string, string[], Array<[string, boolean, string[]]>]> = [
  [
    'memory',
    ['memory-used', 'memory-free', 'memory-slab_recl'],
    [['+memory', true, ['memory-used', 'memory-free', 'memory-slab_recl']]],
  ],
  [
    'rtorrent',
    [
      'count-items_total',
      'count-items_seeding',
      'count-peers_connected',
      'gauge-rate_up',
      'gauge-rate_down',
      'uptime',
      'if_octets-traffic',
    ],
    [
      ['+count-items', false, ['count-items_total', 'count-items_seeding']],
      ['+gauge-rate', false, ['gauge-rate_up', 'gauge-rate_down']],
    ],
  ],
  ['interface-eth0', ['if_octets', 'if_packets'], []],
];

for (const [name, seriesNames, expected] of GROUPINGS) {
  test(`the series of ${name} group as ${expected.map(([group]) => group).join(', ') || 'nothing'}`, () => {
    const groups = groupSeries(plugin(name, seriesNames)).map((group) => [
      group.name,
      group.stacked,
      group.series.map((series) => series.name),
    ]);

    assert.deepEqual(groups, expected);
  });
}
