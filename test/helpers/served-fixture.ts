import { after, before } from 'node:test';

import { createRrdFixture, type RrdFixture } from './rrd-fixture.js';
import { serveApp, type ServedApp } from './serve-app.js';

/**
 * Serves the viewer over a fresh RRD fixture for the tests of one file: made before them,
 * closed and removed after. Read `url` inside the tests, once `before` has run.
 */
export function serveFixtureForFile(): { readonly url: string } {
  let fixture: RrdFixture | undefined;
  let served: ServedApp | undefined;

  before(async () => {
    fixture = await createRrdFixture();
    served = await serveApp({ rrdDir: fixture.rrdDir });
  });

  after(async () => {
    await served?.close();
    await fixture?.remove();
  });

  return {
    get url() {
      if (served === undefined) throw new Error('the served fixture is read before it started');

      return served.url;
    },
  };
}
