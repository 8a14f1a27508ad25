import type { Page, Request } from 'playwright-core';

import { launchChromium } from '../../test/helpers/chromium.js';

// The upload rate is the first figure of the page; it shows a dash until values have come.
const FIRST_VALUE_SELECTOR = '[data-reading="rtorrent.rateUp"]';
const EMPTY_VALUE = '—';
// Set by the page itself once the first values are on it, so no polling delay is counted.
const FIRST_VALUES_MARK = 'rtmon:first-values';
// The heartbeat turns live once the chart is drawn and the event stream is open: the page is
// whole.
const PAGE_WHOLE_SELECTOR = '#heartbeat.live';
const PAGE_TIMEOUT_MS = 30_000;

export interface LivePageFigures {
  /** Bytes a first visit fetched (headers and bodies as sent) until the page was whole. */
  bytes: number;
  /** Bytes a reload in the same browser fetched until the page was whole again. */
  reloadBytes: number;
  /** Milliseconds from the start of a first visit's navigation until the first values showed. */
  firstValuesMs: number;
}

/** Opens the live page in a fresh headless Chromium context and reloads it, once per repetition. */
export async function openLivePage(url: string, repetitions: number): Promise<LivePageFigures[]> {
  const browser = await launchChromium();
  try {
    const figures: LivePageFigures[] = [];
    for (let index = 0; index < repetitions; index++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const firstVisit = countBytes(page);
      await page.goto(url);
      await waitForFirstValues(page);
      const firstValuesMs = await readFirstValuesMark(page);
      await page.locator(PAGE_WHOLE_SELECTOR).waitFor({ timeout: PAGE_TIMEOUT_MS });
      const bytes = await firstVisit.stop();

      const reload = countBytes(page);
      await page.reload();
      await page.locator(PAGE_WHOLE_SELECTOR).waitFor({ timeout: PAGE_TIMEOUT_MS });
      const reloadBytes = await reload.stop();
      figures.push({ bytes, reloadBytes, firstValuesMs });
      await context.close();
    }

    return figures;
  } finally {
    await browser.close();
  }
}

async function waitForFirstValues(page: Page): Promise<void> {
  await page.waitForFunction(
    ([selector, empty]) => {
      const text = document.querySelector(selector as string)?.textContent?.trim();

      return text !== undefined && text !== '' && text !== empty;
    },
    [FIRST_VALUE_SELECTOR, EMPTY_VALUE],
    { timeout: PAGE_TIMEOUT_MS },
  );
}

/** When the page says it showed its first values, in ms from the start of navigation. */
async function readFirstValuesMark(page: Page): Promise<number> {
  const startTime = await page.evaluate(
    (name) => performance.getEntriesByName(name, 'mark')[0]?.startTime,
    FIRST_VALUES_MARK,
  );
  if (startTime === undefined) throw new Error(`the live page set no '${FIRST_VALUES_MARK}' mark`);

  return startTime;
}

/** Adds up the bytes of every request the page finishes from now until `stop`. */
function countBytes(page: Page): { stop(): Promise<number> } {
  const sizes: Promise<number>[] = [];
  const onFinished = (request: Request) => {
    const size = request.sizes().then(
      (size) => size.responseHeadersSize + size.responseBodySize,
      // A request still open when the context closes has no sizes to give.
      () => 0,
    );
    sizes.push(size);
  };
  page.on('requestfinished', onFinished);

  return {
    async stop() {
      page.off('requestfinished', onFinished);
      const all = await Promise.all(sizes);

      return all.reduce((sum, size) => sum + size, 0);
    },
  };
}
