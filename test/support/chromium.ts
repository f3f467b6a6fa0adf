import { existsSync } from 'node:fs';
import { Browser, chromium } from 'playwright-core';

/** Debian's Chromium; `.ci/run` installs it (`apt-get install -y chromium`) when it is missing. */
export const CHROMIUM = '/usr/bin/chromium';

/** Headless, and nothing that would reach for the network beyond the pages under test. */
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

export const hasChromium = (): boolean => existsSync(CHROMIUM);

/** `describe` where Chromium is installed; elsewhere the suite is skipped with a message saying why. */
export function describeWithChromium(name: string, suite: () => void): void {
  if (hasChromium()) {
    describe(name, suite);
    return;
  }
  // eslint-disable-next-line no-console
  console.warn(`Skipping "${name}": ${CHROMIUM} is missing (apt-get install -y chromium).`);
  describe.skip(name, suite);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** One Chromium for a suite: launched before its first test, closed after its last. */
export function useChromium(): { readonly browser: Browser } {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });
  return {
    get browser(): Browser {
      if (!browser) throw new Error('Chromium starts in beforeAll: use it inside a test');
      return browser;
    },
  };
}
