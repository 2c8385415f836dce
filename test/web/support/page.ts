/**
 * What the browser test needs around the page: building it with the demo's
 * own Vite config, and starting Debian's Chromium (never a downloaded one).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';

export const CHROMIUM = '/usr/bin/chromium';
const WEB = fileURLToPath(new URL('../../../web/', import.meta.url));

export const buildPage = async (outDir: string): Promise<void> => {
  await build({ root: WEB, configFile: `${WEB}vite.config.ts`, logLevel: 'error', build: { outDir, emptyOutDir: true } });
};

export const launchChromium = async (): Promise<Browser> => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}. The browser tests drive Debian's chromium through playwright-core and never download a browser: ` +
        `install it with 'apt-get install -y chromium chromium-driver' (CI does this in .ci/run).`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
};
