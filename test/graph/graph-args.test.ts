import assert from 'node:assert/strict';
import { test } from 'node:test';

import { escapeGraphText, graphArgs } from '../../src/graph/graph-args.js';
import { defineGraph } from '../../src/graph/graph-definition.js';

const plugin = { name: 'interface-eth0', plugin: 'interface', instance: 'eth0', series: [] };
const series = {
  name: 'if_octets',
  type: 'if_octets',
  typeInstance: '',
  file: '/rrd/host:1/interface-eth0/if_octets.rrd',
};

test('a label keeps only characters rrdtool takes as plain text', () => {
  assert.equal(escapeGraphText('a:b\\c%d\nDEF:x'), 'a_b_c_d_DEF_x');
});

test('interface traffic is drawn in bits per second, with a colon in the path escaped', () => {
  const definition = defineGraph(plugin, series, ['rx', 'tx']);
  const args = graphArgs({
    file: series.file,
    definition,
    format: 'PNG',
    start: 1000,
    end: 4600,
    width: 500,
    height: 120,
    scale: 1,
    theme: 'dark',
  });

  assert.equal(definition.title, 'interface eth0: if_octets');
  assert.equal(definition.verticalLabel, 'bits/s');
  assert.deepEqual(
    args.slice(args.indexOf('DEF:v0=/rrd/host\\:1/interface-eth0/if_octets.rrd:rx:AVERAGE')),
    [
      'DEF:v0=/rrd/host\\:1/interface-eth0/if_octets.rrd:rx:AVERAGE',
      'CDEF:s0=v0,8,*',
      'LINE1.5:s0#5AB0F0:in  ',
      'GPRINT:s0:LAST:now %7.2lf%s',
      'GPRINT:s0:AVERAGE:avg %7.2lf%s',
      'GPRINT:s0:MAX:max %7.2lf%s\\l',
      'DEF:v1=/rrd/host\\:1/interface-eth0/if_octets.rrd:tx:AVERAGE',
      'CDEF:s1=v1,8,*',
      'LINE1.5:s1#FF6B6B:out ',
      'GPRINT:s1:LAST:now %7.2lf%s',
      'GPRINT:s1:AVERAGE:avg %7.2lf%s',
      'GPRINT:s1:MAX:max %7.2lf%s\\l',
    ],
  );
});

test('a scale draws the image at that many pixels per CSS pixel through rrdtool --zoom', () => {
  const definition = defineGraph(plugin, series, ['rx', 'tx']);
  const request = { file: series.file, definition, format: 'PNG', start: 1000, end: 4600 } as const;
  const args = graphArgs({ ...request, width: 500, height: 120, scale: 2, theme: 'light' });

  assert.deepEqual(args.slice(args.indexOf('--width'), args.indexOf('--zoom') + 2), [
    '--width',
    '500',
    '--height',
    '120',
    '--zoom',
    '2',
  ]);
});

test('a type rtmon does not know is drawn with one line per data source rrdtool reports', () => {
  const odd = { ...series, name: 'exotic-thing', type: 'exotic', typeInstance: 'thing' };
  const definition = defineGraph(plugin, odd, ['alpha', 'beta']);

  assert.deepEqual(definition, {
    title: 'interface eth0: thing (exotic)',
    verticalLabel: '',
    lines: [
      { ds: 'alpha', label: 'alpha' },
      { ds: 'beta', label: 'beta' },
    ],
    base: 1000,
  });
});
