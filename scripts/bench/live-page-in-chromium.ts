import { launchChromium } from '../../test/helpers/chromium.js';

// The upload rate is the first figure of the page; it shows a dash until values have come.
const FIRST_VALUE_SELECTOR = '[data-reading="rtorrent.rateUp"]';
const EMPTY_VALUE = '—';
const FIRST_VALUES_TIMEOUT_MS = 30_000;

export interface LivePageFigures {
  /** Bytes the browser fetched (headers and bodies) until the first values showed. */
  bytes: number;
  /** Milliseconds from the start of navigation until the first values showed. */
  firstValuesMs: number;
}

/** Opens the live page in a fresh headless Chromium context, once per repetition. */
export async function openLivePage(url: string, repetitions: number): Promise<LivePageFigures[]> {
  const browser = await launchChromium();
  try {
    const figures: LivePageFigures[] = [];
    for (let index = 0; index < repetitions; index++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const sizes: Promise<number>[] = [];
      page.on('requestfinished', (request) => {
        const size = request.sizes().then(
          (size) => size.responseHeadersSize + size.responseBodySize,
          // A request still open when the context closes has no sizes to give.
          () => 0,
        );
        sizes.push(size);
      });
      await page.goto(url);
      await page.waitForFunction(
        ([selector, empty]) => {
          const text = document.querySelector(selector as string)?.textContent?.trim();

          return text !== undefined && text !== '' && text !== empty;
        },
        [FIRST_VALUE_SELECTOR, EMPTY_VALUE],
        { timeout: FIRST_VALUES_TIMEOUT_MS },
      );
      const firstValuesMs = await page.evaluate(() => performance.now());
      const bytes = (await Promise.all([...sizes])).reduce((sum, size) => sum + size, 0);
      figures.push({ bytes, firstValuesMs });
      await context.close();
    }

    return figures;
  } finally {
    await browser.close();
  }
}
