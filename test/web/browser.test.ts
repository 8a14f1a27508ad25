import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import type { Browser, Page } from 'playwright-core';

import { findPackageRoot } from '../../src/web/package-root.js';
import { launchChromium } from '../helpers/chromium.js';
import { createRrdFixture, type RrdFixture } from '../helpers/rrd-fixture.js';
import { serveApp, type ServedApp } from '../helpers/serve-app.js';

const SCREENSHOTS = join(findPackageRoot(), 'test-output');
const LIVE_INTERVAL_MS = 500;

let fixture: RrdFixture;
let fixtureBuiltMs: number;
let served: ServedApp;
let browser: Browser;

before(async () => {
  fixture = await createRrdFixture();
  fixtureBuiltMs = Date.now();
  served = await serveApp({ rrdDir: fixture.rrdDir, liveIntervalMs: LIVE_INTERVAL_MS });
  browser = await launchChromium();
  await mkdir(SCREENSHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await served?.close();
  await fixture?.remove();
});

/** Every console error and uncaught exception of the pages opened, a CSP refusal included. */
const pageErrors: string[] = [];

async function openPage(
  path: string,
  width: number,
  colorScheme: 'light' | 'dark',
  deviceScaleFactor = 1,
): Promise<Page> {
  const page = await newPage(path, width, colorScheme, deviceScaleFactor);
  await page.goto(`${served.url}${path}`);

  return page;
}

/** A page of its own browser context, its errors recorded, not yet at `path`. */
async function newPage(
  path: string,
  width: number,
  colorScheme: 'light' | 'dark',
  deviceScaleFactor: number,
): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width, height: 900 },
    colorScheme,
    deviceScaleFactor,
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(`${path}: ${message.text()}`);
  });
  page.on('pageerror', (error) => pageErrors.push(`${path}: ${error.message}`));

  return page;
}

async function hasHorizontalScroll(page: Page): Promise<boolean> {
  return page.evaluate(
    () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
  );
}

/** The shown value without the age badge a stale reading carries. */
async function valueText(page: Page, selector: string): Promise<string | null> {
  return page.locator(selector).evaluate((element) => element.firstChild?.textContent ?? null);
}

const LAYOUTS = [
  { width: 375, colorScheme: 'light' },
  { width: 375, colorScheme: 'dark' },
  { width: 1440, colorScheme: 'light' },
  { width: 1440, colorScheme: 'dark' },
] as const;

for (const { width, colorScheme } of LAYOUTS) {
  test(`the live page shows the archive's values at ${width} px, ${colorScheme}, without horizontal scrolling`, async () => {
    await fixture.touch();
    const page = await openPage('/', width, colorScheme);
    try {
      await page.locator('#heartbeat.live').waitFor({ timeout: 10_000 });
      assert.equal(await valueText(page, '[data-reading="rtorrent.rateUp"]'), '168 KiB/s');
      assert.equal(await valueText(page, '[data-item="total"]'), '120');
      assert.equal(await valueText(page, '[data-item="messages"]'), '—');
      assert.equal(await valueText(page, '[data-reading="rtorrent.http"]'), '—');
      assert.equal(
        await page.locator('[data-reading="rtorrent.http"]').getAttribute('class'),
        'missing',
      );
      assert.equal(await page.locator('#trackers tbody tr').count(), 2);
      assert.equal(await hasHorizontalScroll(page), false);
      await page.waitForTimeout(300);
      await page.screenshot({
        path: join(SCREENSHOTS, `live-${width}-${colorScheme}.png`),
        fullPage: true,
      });
    } finally {
      await page.context().close();
    }
  });

  test(`the graph browser draws every series of a plugin at ${width} px, ${colorScheme}`, async () => {
    const page = await openPage(
      '/graphs?host=seedbox&plugin=rtorrent&range=hour',
      width,
      colorScheme,
    );
    try {
      await page.waitForFunction(() => {
        const images = Array.from(document.querySelectorAll('figure.graph img'));

        return (
          images.length > 20 &&
          images.every(
            (image) =>
              (image as HTMLImageElement).complete && (image as HTMLImageElement).naturalWidth > 0,
          )
        );
      });
      assert.equal(await hasHorizontalScroll(page), false);
      await page.screenshot({
        path: join(SCREENSHOTS, `graphs-${width}-${colorScheme}.png`),
        fullPage: false,
      });
    } finally {
      await page.context().close();
    }
  });
}

test('a new value written to the archive reaches the open live page through the event stream', async () => {
  await fixture.touch();
  const page = await openPage('/', 1440, 'light');
  try {
    await page.locator('#heartbeat.live').waitFor({ timeout: 10_000 });
    assert.equal(await valueText(page, '[data-reading="rtorrent.rateUp"]'), '168 KiB/s');

    await fixture.touch();
    const next = await fixture.update('seedbox/rtorrent/gauge-rate_up', [2_097_152]);
    await page.waitForFunction(
      () =>
        document.querySelector('[data-reading="rtorrent.rateUp"]')?.textContent === '2.00 MiB/s',
      undefined,
      { timeout: 10_000 },
    );
    const lastPoint = await page.evaluate(() => {
      const chart = (
        window as unknown as {
          Chart: {
            getChart(id: string): {
              data: { datasets: Array<{ data: Array<{ x: number; y: number }> }> };
            };
          };
        }
      ).Chart.getChart('rate-chart');

      return chart.data.datasets[0]?.data.at(-1);
    });
    assert.deepEqual(lastPoint, { x: next * 1000, y: 2097152 });
  } finally {
    await page.context().close();
  }
});

/** A live page whose Chart.js request waits for `release`, or fails when it says so. */
async function openLivePageHoldingChartJs(release: Promise<'serve' | 'fail'>): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.route('**/assets/chart.umd.min.js', async (route) => {
    if ((await release) === 'fail') return route.abort('failed');

    return route.fulfill({ response: await route.fetch() });
  });
  // The load event waits for every script, the held one too.
  await page.goto(`${served.url}/`, { waitUntil: 'domcontentloaded' });

  return page;
}

/** Whether the page shows an upload rate: an earlier test may have written a new one. */
async function showsUploadRate(page: Page): Promise<boolean> {
  return /^\d[\d.]* (B|KiB|MiB)\/s$/.test(
    (await valueText(page, '[data-reading="rtorrent.rateUp"]')) ?? '',
  );
}

test('the live page shows its values before Chart.js has come, then draws the chart', async () => {
  await fixture.touch();
  let serveChartJs = (): void => undefined;
  const release = new Promise<'serve'>((resolve) => (serveChartJs = () => resolve('serve')));
  const page = await openLivePageHoldingChartJs(release);
  try {
    await page.locator('#trackers tbody tr').first().waitFor();
    assert.equal(await showsUploadRate(page), true);
    assert.equal(await page.evaluate(() => 'Chart' in window), false);

    serveChartJs();
    await page.locator('#heartbeat.live').waitFor({ timeout: 10_000 });
    const points = await page.evaluate(
      () =>
        (
          window as unknown as {
            Chart: { getChart(id: string): { data: { datasets: Array<{ data: unknown[] }> } } };
          }
        ).Chart.getChart('rate-chart').data.datasets[0]?.data.length,
    );
    assert.ok((points ?? 0) > 0, `${points} points drawn`);
  } finally {
    serveChartJs();
    await page.context().close();
  }
});

test('when Chart.js cannot be loaded, the live page says so and its values still come live', async () => {
  await fixture.touch();
  const page = await openLivePageHoldingChartJs(Promise.resolve('fail'));
  try {
    await page.locator('#heartbeat.live').waitFor({ timeout: 10_000 });
    assert.equal(await showsUploadRate(page), true);
    assert.equal(
      await page.locator('#chart-note').textContent(),
      'No rate chart: /assets/chart.umd.min.js could not be loaded',
    );
    assert.equal(await page.locator('.chart-box').isHidden(), true);
    assert.equal(await page.locator('#problem').isHidden(), true);
  } finally {
    await page.context().close();
  }
});

test('the picker switches the live page to another rTorrent instance', async () => {
  await fixture.touch();
  const page = await openPage('/', 1440, 'light');
  try {
    await page.locator('#heartbeat.live').waitFor({ timeout: 10_000 });
    const options = await page.locator('#target option').allTextContents();
    assert.deepEqual(options, ['otherbox', 'seedbox', 'seedbox · demo1']);

    await page.locator('#target').selectOption({ label: 'seedbox · demo1' });
    await page.waitForURL(/instance=demo1/);
    await page.locator('#heartbeat.live').waitFor({ timeout: 10_000 });
    assert.equal(await valueText(page, '[data-reading="rtorrent.rateUp"]'), '1000 B/s');
    assert.equal(await valueText(page, '[data-item="total"]'), '4');
  } finally {
    await page.context().close();
  }
});

test('a value that stopped updating says how old it is, and a missing sensor shows as missing', async () => {
  const page = await openPage('/?host=otherbox', 375, 'light');
  try {
    await page.locator('#heartbeat.live').waitFor({ timeout: 10_000 });
    const load = page.locator('[data-reading="system.load.shortterm"]');
    assert.equal(await valueText(page, '[data-reading="system.load.shortterm"]'), '1.50');
    // Written an hour before the fixture was built, which on a busy machine was minutes ago.
    const age = (await load.locator('.age').textContent()) ?? '';
    const ageMinutes = Number(/^(\d+) min old$/.exec(age)?.[1]);
    const sinceBuildMinutes = (Date.now() - fixtureBuiltMs) / 60_000;
    assert.ok(ageMinutes >= 60 && ageMinutes <= 61 + sinceBuildMinutes, `shown as '${age}'`);
    assert.equal(await valueText(page, '[data-reading="rtorrent.rateUp"]'), '—');
    await page.screenshot({ path: join(SCREENSHOTS, 'live-375-light-stale.png'), fullPage: true });
  } finally {
    await page.context().close();
  }
});

/** What the graph browser shows of its first graph, and the PNG it fetched for it. */
async function firstGraph(deviceScaleFactor: number) {
  const path = `/graphs?host=seedbox&plugin=load&start=${fixture.end - 3600}&end=${fixture.end}`;
  const page = await newPage(path, 1440, 'light', deviceScaleFactor);
  try {
    // The load plugin has one graph; its PNG is kept on the way to the page, for its header.
    const fetched: Array<{ url: string; body: Buffer }> = [];
    await page.route(/\/graph\/.*\.png\?/, async (route) => {
      const answer = await route.fetch();
      fetched.push({ url: route.request().url(), body: await answer.body() });
      await route.fulfill({ response: answer });
    });
    await page.goto(`${served.url}${path}`);
    await page.waitForFunction(
      () => (document.querySelector('figure.graph img') as HTMLImageElement | null)?.naturalWidth,
    );
    const shown = await page
      .locator('figure.graph img')
      .first()
      .evaluate((element) => {
        const image = element as HTMLImageElement;
        const box = image.getBoundingClientRect();

        return {
          css: [box.width, box.height],
          natural: [image.naturalWidth, image.naturalHeight],
          srcset: image.srcset,
        };
      });

    assert.equal(fetched.length, 1);
    const { url, body } = fetched[0] ?? assert.fail('the page fetched no graph');

    return {
      scale: new URL(url).searchParams.get('scale'),
      pixels: [body.readUInt32BE(16), body.readUInt32BE(20)],
      ...shown,
    };
  } finally {
    await page.context().close();
  }
}

test('on a screen of 2 device pixels per CSS pixel, the graph browser shows a 2x PNG at the 1x size', async () => {
  const [normal, dense] = [await firstGraph(1), await firstGraph(2)];

  assert.equal(normal.scale, '1');
  assert.equal(dense.scale, '2');
  assert.deepEqual(
    dense.pixels,
    normal.pixels.map((length) => length * 2),
  );
  assert.deepEqual(dense.css, normal.css);
  // The density descriptor keeps the natural size in CSS pixels, which zooming relies on.
  assert.deepEqual(dense.natural, normal.pixels);
  assert.deepEqual(normal.natural, normal.pixels);
  assert.match(normal.srcset, /^blob:\S+ 1x$/);
  assert.match(dense.srcset, /^blob:\S+ 2x$/);
});

for (const deviceScaleFactor of [1, 2]) {
  test(`the graph browser at ${deviceScaleFactor}x switches range with a preset and zooms to a dragged span`, async () => {
    const page = await openPage(
      '/graphs?host=seedbox&plugin=load&range=day',
      1440,
      'light',
      deviceScaleFactor,
    );
    try {
      const image = page.locator('figure.graph img').first();
      await page.waitForFunction(
        () => (document.querySelector('figure.graph img') as HTMLImageElement | null)?.naturalWidth,
      );

      await page.getByRole('button', { name: 'week' }).click();
      await page.waitForURL(/range=week/);
      assert.equal(
        await page.getByRole('button', { name: 'week' }).getAttribute('aria-pressed'),
        'true',
      );

      await page.getByRole('button', { name: 'hour' }).click();
      await page.waitForURL(/range=hour/);
      await page.waitForFunction(
        () => (document.querySelector('figure.graph') as HTMLElement | null)?.dataset.graphWidth,
      );
      const plotted = await page
        .locator('figure.graph')
        .first()
        .evaluate((figure) => [Number(figure.dataset.graphStart), Number(figure.dataset.graphEnd)]);
      const box = await image.boundingBox();
      assert.ok(box !== null);
      const y = box.y + box.height / 3;
      await page.mouse.move(box.x + box.width * 0.4, y);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.6, y, { steps: 5 });
      await page.mouse.up();
      await page.waitForURL(/start=\d+&end=\d+/);

      const url = new URL(page.url());
      const span = Number(url.searchParams.get('end')) - Number(url.searchParams.get('start'));
      assert.ok(
        span > 300 && span < 1500,
        `a fifth of an hour's plot is about 720 s, not ${span} s`,
      );
      // The axis labels take the image's first ninth, so 40% across the image is a third of the plot.
      const [plotStart = 0, plotEnd = 0] = plotted;
      const startsAt = (Number(url.searchParams.get('start')) - plotStart) / (plotEnd - plotStart);
      assert.ok(startsAt > 0.25 && startsAt < 0.45, `the span starts ${startsAt} of the way in`);
    } finally {
      await page.context().close();
    }
  });
}

test('no page logged an error or broke the content security policy', () => {
  assert.deepEqual(pageErrors, []);
});
