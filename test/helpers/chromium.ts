import { chromium, type Browser } from 'playwright-core';

// Debian's Chromium; playwright cannot download a browser of its own on these machines.
const CHROMIUM_PATH = '/usr/bin/chromium';

// Headless as root, and quiet: without the background-networking flags Chromium keeps trying
// hosts this closed network refuses.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Starts the headless Chromium the browser tests and the benchmark drive. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}
