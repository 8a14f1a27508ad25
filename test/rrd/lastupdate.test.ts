import assert from 'node:assert/strict';
import { test } from 'node:test';

import { parseLastUpdate, readLastUpdates } from '../../src/rrd/lastupdate.js';
import { RrdtoolError } from '../../src/rrd/rrdtool-error.js';
import { RrdtoolRunner } from '../../src/rrd/rrdtool-runner.js';
import { createRrdFixture } from '../helpers/rrd-fixture.js';

test("rrdtool lastupdate's output becomes a time and a value per source, U as null", () => {
  assert.deepEqual(parseLastUpdate(' rx tx\n\n1796313400: U 25500\n'), {
    time: 1796313400,
    values: { rx: null, tx: 25500 },
  });
});

test('many files are read by one rrdtool process, a missing one failing alone', async () => {
  const fixture = await createRrdFixture();
  try {
    const runner = new RrdtoolRunner();
    const load = fixture.file('seedbox/load/load');
    const missing = fixture.file('seedbox/load/none');
    const results = await readLastUpdates(runner, [load, missing]);

    assert.deepEqual(results.get(load), {
      time: fixture.end,
      values: { shortterm: 0.5, midterm: 0.25, longterm: 0.125 },
    });
    const failure = results.get(missing);
    assert.ok(failure instanceof RrdtoolError);
    assert.equal(failure.stderr, `opening '${missing}': No such file or directory`);
    assert.equal(runner.queue.peakRunning, 1);
  } finally {
    await fixture.remove();
  }
});
