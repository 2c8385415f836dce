/**
 * `kafka-workload serve` in Chromium (the browser tests' own, support/page.ts):
 * a store holding a valid run of our node, a broken node's invalid run, a
 * Maelstrom store folder (store/kafka/<time>/, as Maelstrom lays it out) and a
 * run being written while the page is looked at. The index lists them with
 * what results.json and the checker say; each opens in the replay page
 * already loaded, with its plots. The server is the command's own
 * (startServer), given the page built here; test/serve/ checks the command
 * line and the paths it refuses over plain HTTP.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/shell/serve/server.js';
import { buildPage, ChromiumSession } from './support/page.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ARTIFACTS = join(ROOT, 'test/artifacts');
const MAELSTROM_RUN = 'kafka/20261101T101010.000-0400';

let work: string;
let store: string;
let server: RunningServer;
let invalidRun: string;
let validRun: string;

const runner = (bin: string, seed: number, timeLimit: number): string[] => [
  'bin/kafka-workload', 'test', '-w', 'kafka', '--bin', bin, '--node-count', '1', '--concurrency', '2n',
  '--time-limit', String(timeLimit), '--rate', '60', '--recovery-time', '0', '--seed', String(seed), '--store', store,
];

const chromium = new ChromiumSession();
const newPage = () => chromium.newPage();

const rowOf = (page: Page, run: string) => page.locator(`tr[data-run="${run}"]`);
const cells = (page: Page, run: string): Promise<string[]> => rowOf(page, run).locator('td').allInnerTexts();

const openedRun = async (page: Page, name: string): Promise<void> => {
  await expect.poll(() => page.locator('#run-name').innerText(), { timeout: 120_000 }).toBe(name);
};

const shownPlots = async (page: Page): Promise<string[]> => {
  await page.locator('#plots > summary').click();
  await expect.poll(() => page.locator('#plots img').count()).toBeGreaterThan(0);
  return page.$$eval('#plots img', (imgs) => imgs.map((img) => (img as HTMLImageElement).dataset['plot']!));
};

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  work = mkdtempSync(join(tmpdir(), 'serve-test-'));
  store = join(work, 'store');
  const page = join(work, 'page');
  // The broken node's run and ours, one after the other: each names store/latest as it ends.
  const broken = spawnSync(process.execPath, runner('test/fixtures/nodes/lost-write.mjs', 7, 3), { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  if (broken.status !== 1) throw new Error(`the broken node's run should be invalid: ${broken.stderr}`);
  invalidRun = readlinkSync(join(store, 'latest'));
  const ours = spawnSync(process.execPath, runner('bin/maelstrom-kafka', 8, 2), { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  if (ours.status !== 0) throw new Error(`our node's run should be valid: ${ours.stderr}`);
  validRun = readlinkSync(join(store, 'latest'));
  cpSync(join(ROOT, 'test/fixtures/maelstrom-run'), join(store, MAELSTROM_RUN), { recursive: true });
  await buildPage(page);
  server = await startServer({ store, host: '127.0.0.1', port: 0, page });
  await chromium.start();
}, 180_000);

afterAll(async () => {
  await chromium.close();
  await server?.close();
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

describe('kafka-workload serve in Chromium', () => {
  it("lists every run: time, nodes, verdict, ops, msgs/op and the problem; Maelstrom's folder checked with history.txt's values", async () => {
    const { page, errors } = await newPage();
    await page.goto(server.url);
    const results = (run: string) => JSON.parse(readFileSync(join(store, run, 'results.json'), 'utf8'));
    const valid = results(validRun);
    const [time, name, nodes, verdict, ops, msgsPerOp, problem] = await cells(page, validRun);
    expect(time).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
    expect([name, nodes, verdict, ops, msgsPerOp, problem]).toEqual([validRun, String(valid.run.nodes.length), 'valid', String(valid.stats.count), valid.net.all['msgs-per-op'].toFixed(3), '']);
    const invalid = await cells(page, invalidRun);
    expect(invalid[3]).toBe('invalid');
    expect(invalid[6]).toMatch(/^anomalies: .*lost-write/);
    // Maelstrom's own folder: our checker on history.edn with history.txt's values agrees with Maelstrom, and msgs/op is its results.edn's.
    const maelstrom = await cells(page, MAELSTROM_RUN);
    expect(maelstrom.slice(1, 7)).toEqual([`${MAELSTROM_RUN} Maelstrom`, '3', 'valid (Maelstrom: valid)', expect.stringMatching(/^\d+$/), '3.235', '']);
    // Newest first: our runs of today above Maelstrom's of November.
    await expect(page.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-run')))).resolves.toEqual([validRun, invalidRun, MAELSTROM_RUN]);
    await page.screenshot({ path: join(ARTIFACTS, 'serve-index.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens a run from the index already loaded in the replay page, with the folder\'s plots, and links back', async () => {
    const { page, errors } = await newPage();
    await page.goto(server.url);
    await rowOf(page, invalidRun).locator('a').click();
    await openedRun(page, invalidRun);
    await expect(page.locator('#summary').innerText()).resolves.toContain('INVALID');
    await expect(page.locator('.anomaly').count()).resolves.toBeGreaterThan(0);
    // A runner's trace of our node's history: the node panels show, not the client view only.
    await expect(page.locator('.no-trace').isHidden()).resolves.toBe(true);
    expect(await shownPlots(page)).toEqual(['latency.svg', 'rate.svg', 'lag.svg', 'unseen.svg', 'messages.svg']);
    await expect(page.locator('#plots').innerText()).resolves.toContain('The files of the opened folder.');
    await page.screenshot({ path: join(ARTIFACTS, 'serve-run.png'), fullPage: true });
    await page.locator('#all-runs').click();
    await expect.poll(() => page.locator('#runs').count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("opens Maelstrom's store folder the same way: history.txt's values, Maelstrom's verdict beside ours", async () => {
    const { page, errors } = await newPage();
    await page.goto(server.url);
    await rowOf(page, MAELSTROM_RUN).locator('a').click();
    await openedRun(page, MAELSTROM_RUN.split('/')[1]!);
    await expect(page.locator('#summary .verdict-line').first().innerText()).resolves.toMatch(/^VALID /);
    await expect(page.locator('#summary').innerText()).resolves.toContain("Each op's value is history.txt's");
    await expect(page.locator('#other-verdict').innerText()).resolves.toContain("Maelstrom's verdict (results.edn): VALID");
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps serving while a run is being written: the index shows it running, then done', async () => {
    const errors: string[] = [];
    // Each look in a fresh page: the index reloads itself while a run is being written, which would race a second goto on one page.
    const look = async <T>(read: (page: Page) => Promise<T>): Promise<T> => {
      const opened = await newPage();
      try {
        await opened.page.goto(server.url);
        return await read(opened.page);
      } finally {
        errors.push(...opened.errors);
        await opened.page.close();
      }
    };
    const running = () =>
      look(async (page) => {
        const run = await page.locator('tr[data-state="running"]').first().getAttribute('data-run', { timeout: 500 }).catch(() => null);
        if (run === null) return null;
        return { run, cells: await cells(page, run), reloads: await page.locator('meta[http-equiv="refresh"]').count(), other: await cells(page, validRun) };
      });
    const child: ChildProcess = spawn(process.execPath, runner('bin/maelstrom-kafka', 9, 4), { cwd: ROOT, stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      let seen: Awaited<ReturnType<typeof running>> = null;
      await expect.poll(async () => (seen = await running()), { timeout: 30_000, interval: 200 }).not.toBeNull();
      const { run, cells: shown, reloads, other } = seen!;
      expect(shown).toEqual([expect.any(String), run, expect.stringMatching(/^(\d+|–)$/), 'running', '–', '–', '']);
      expect(reloads).toBe(1);
      // The finished runs are still listed meanwhile.
      expect(other).toContain('valid');
      expect(await exited).toBe(0);
      const after = await look(async (page) => ({ cells: await cells(page, run), reloads: await page.locator('meta[http-equiv="refresh"]').count() }));
      expect(after.cells[3]).toBe('valid');
      expect(after.reloads).toBe(0);
    } finally {
      child.kill();
    }
    expect(errors).toEqual([]);
  });
});
