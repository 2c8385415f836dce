/**
 * What the browser test needs around the page: building it with the demo's
 * own Vite config, and starting Chromium.
 *
 * The browser comes from the npm registry like every other dependency:
 * `@sparticuz/chromium` (pinned in package.json) ships a Linux x64 headless
 * Chromium inside the package as one brotli file, so `npm install` needs no
 * install script and no download. The first launch unpacks it once into
 * node_modules/.cache/maelstrom-kafka-chromium/<version>/ (about 210 MB,
 * 2-3 s); later launches reuse it. Only the binary is used: not the
 * package's JavaScript (whose engines field asks for Node 22, so npm warns
 * on Node 20 and installs it all the same), nor its serverless flags (its
 * --single-process closes the browser after the first page).
 *
 * It links the system's libnss3, libnspr4 and libexpat1, and draws text
 * with the system's fonts (fontconfig; DejaVu here): without any font it
 * still runs, but the screenshots show no text.
 *
 * MAELSTROM_KAFKA_CHROMIUM=/path/to/chromium uses that browser instead (a
 * system Chromium, e.g. Debian's /usr/bin/chromium), and is the way on any
 * platform but Linux x64. When no browser can start, the tests fail saying
 * what to install; they are never skipped.
 */
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createBrotliDecompress } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';

export const CHROMIUM_VARIABLE = 'MAELSTROM_KAFKA_CHROMIUM';
const PACKAGE = '@sparticuz/chromium';
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const WEB = join(ROOT, 'web/');

/**
 * Headless, no sandbox (tests run as root), software rendering, and nothing
 * that reaches for the network (there is none but loopback here). Playwright
 * gives every launch a fresh user-data-dir of its own and removes it on close.
 */
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const INSTEAD = `or install a Chromium yourself (Debian: 'apt-get install chromium') and run the tests with ${CHROMIUM_VARIABLE}=/usr/bin/chromium`;

export const buildPage = async (outDir: string): Promise<void> => {
  await build({ root: WEB, configFile: `${WEB}vite.config.ts`, logLevel: 'error', build: { outDir, emptyOutDir: true } });
};

/** The Chromium inside the npm package, unpacked once per package version (to a temporary name, then renamed: a half-written binary is never run). */
const packagedChromium = async (): Promise<string> => {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`The browser tests use the Chromium that ${PACKAGE} ships, which is built for Linux x64 only (this is ${process.platform} ${process.arch}): ${INSTEAD}.`);
  }
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve(PACKAGE);
  } catch {
    throw new Error(`${PACKAGE} is not installed: run 'npm install', ${INSTEAD}.`);
  }
  const home = dirname(dirname(entry));
  const { version } = JSON.parse(readFileSync(join(home, 'package.json'), 'utf8')) as { version: string };
  const packed = join(home, 'bin/chromium.br');
  const dir = join(ROOT, 'node_modules/.cache/maelstrom-kafka-chromium', version);
  const executable = join(dir, 'chromium');
  if (existsSync(executable)) return executable;
  if (!existsSync(packed)) throw new Error(`${PACKAGE} ${version} has no ${packed}: reinstall it ('rm -rf node_modules && npm install'), ${INSTEAD}.`);
  mkdirSync(dir, { recursive: true });
  const partial = `${executable}.${process.pid}.partial`;
  try {
    await pipeline(createReadStream(packed), createBrotliDecompress(), createWriteStream(partial, { mode: 0o755 }));
    renameSync(partial, executable);
  } finally {
    rmSync(partial, { force: true });
  }
  return executable;
};

export const launchChromium = async (): Promise<Browser> => {
  const chosen = process.env[CHROMIUM_VARIABLE] || undefined;
  if (chosen !== undefined && !existsSync(chosen)) {
    throw new Error(`${CHROMIUM_VARIABLE}=${chosen}, but there is no such file. Unset it to use the Chromium that ${PACKAGE} ships (Linux x64), or point it at an installed Chromium.`);
  }
  const executablePath = chosen ?? (await packagedChromium());
  try {
    return await chromium.launch({ executablePath, args: ARGS });
  } catch (error) {
    const needs =
      chosen === undefined
        ? `The Chromium that ${PACKAGE} ships needs the system's libnss3, libnspr4 and libexpat1 (Debian: 'apt-get install libnss3'), ${INSTEAD}.`
        : `It came from ${CHROMIUM_VARIABLE}; unset that to use the Chromium that ${PACKAGE} ships (Linux x64).`;
    throw new Error(`Chromium at ${executablePath} did not start. ${needs} What Playwright said:\n${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
};

/**
 * One Chromium for a test file, started in beforeAll. When none starts, every
 * page asked of it throws why, so each test fails saying what to install
 * (counted as failed, never skipped). A page collects its errors: the page's
 * own exceptions and console errors.
 */
export class ChromiumSession {
  private browser: Browser | undefined;
  private why: unknown;

  async start(): Promise<void> {
    this.browser = await launchChromium().catch((error: unknown) => {
      this.why = error;
      return undefined;
    });
  }

  async newPage(width = 1366, height = 900): Promise<{ page: Page; errors: string[] }> {
    if (this.browser === undefined) throw this.why;
    const page = await this.browser.newPage({ viewport: { width, height } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    return { page, errors };
  }

  async close(): Promise<void> {
    await this.browser?.close();
  }
}
