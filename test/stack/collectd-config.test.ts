import assert from 'node:assert/strict';
import { test } from 'node:test';

import { buildStartConfig, fillTemplate, formatExecLine } from '../../src/stack/collectd-config.js';

const PATHS = {
  execUser: 'nobody:nogroup',
  nodePath: '/usr/bin/node',
  cliPath: '/opt/rtmon/dist/cli.js',
};

test('an exec line quotes every word, runs node with small-heap flags and names the instance', () => {
  const line = formatExecLine(PATHS, { url: 'scgi:///tmp/a "b"/scgi.sock', instance: 'alpha' });

  assert.equal(
    line,
    '  Exec "nobody:nogroup" "/usr/bin/node" "--max-semi-space-size=1" "--optimize-for-size" "/opt/rtmon/dist/cli.js" "collect" "--url" ' +
      '"scgi:///tmp/a \\"b\\"/scgi.sock" "--instance" "alpha"',
  );
});

test('an exec line for the plain rtorrent plugin has no --instance', () => {
  const line = formatExecLine(PATHS, { url: 'scgi://127.0.0.1:5000', instance: '' });

  assert.equal(
    line,
    '  Exec "nobody:nogroup" "/usr/bin/node" "--max-semi-space-size=1" "--optimize-for-size" "/opt/rtmon/dist/cli.js" "collect" "--url" "scgi://127.0.0.1:5000"',
  );
});

test('a template name without a value is an error, not an empty string', () => {
  assert.equal(fillTemplate('a {{X}} b', { X: '1' }), 'a 1 b');
  assert.throws(() => fillTemplate('{{MISSING}}', {}), /unknown \{\{MISSING\}\}/);
});

test('the start config has the state folder, the interval, the host plugins and one exec line per rTorrent', async () => {
  const config = await buildStartConfig({
    ...PATHS,
    hostname: 'box',
    stateDirectory: '/s',
    intervalSeconds: 10,
    collectors: [
      { url: 'scgi:///a.sock', instance: 'alpha' },
      { url: 'scgi:///b.sock', instance: 'beta' },
    ],
  });
  const lines = config.split('\n');

  for (const expected of [
    'Hostname "box"',
    'BaseDir "/s"',
    'PIDFile "/s/collectd.pid"',
    'Interval 10',
    '  DataDir "rrd"',
  ]) {
    assert.ok(lines.includes(expected), `missing: ${expected}`);
  }
  for (const plugin of [
    'cpu',
    'load',
    'memory',
    'swap',
    'df',
    'disk',
    'interface',
    'uptime',
    'processes',
    'exec',
    'rrdtool',
  ]) {
    assert.ok(lines.includes(`LoadPlugin ${plugin}`), `missing plugin ${plugin}`);
  }
  assert.equal(lines.filter((line) => line.startsWith('  Exec ')).length, 2);
  assert.doesNotMatch(config, /\{\{/);
});
