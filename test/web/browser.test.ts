/**
 * The demo in a real browser: the Chromium that the npm package
 * @sparticuz/chromium ships, driven by playwright-core (support/page.ts;
 * MAELSTROM_KAFKA_CHROMIUM=/path picks another), against the page as
 * `vite build` makes it, served on 127.0.0.1 (and once from file://). What
 * the page shows is checked against what the same modules compute here in
 * Node: the reducer's state at a step, the checker's first anomaly, the
 * simulator's run. When no browser starts, every test fails saying what to
 * install. Screenshots go to test/artifacts/ (not committed) for a person
 * to look at.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check, parseHistory } from '../../src/checker/index.js';
import { defaultNodeConfig } from '../../src/core/node/config.js';
import { get } from '../../src/core/persistent/hamt.js';
import { historyOf, runSimulation, simConfigOf, traceOf, type SimOptions } from '../../src/sim/index.js';
import { anomalyItems } from '../../web/src/anomaly-list.js';
import { historyOffsets } from '../../web/src/replay/fidelity.js';
import { keysOf, logEntries } from '../../web/src/replay/inspect.js';
import { buildReplay } from '../../web/src/replay/builder.js';
import type { Replay } from '../../web/src/replay/replay.js';
import { bundleOf } from '../../web/src/run/bundle.js';
import { constantPeerLatency } from '../../web/src/run/network-latency.js';
import { runOfTexts } from '../../web/src/run/open-files.js';
import type { Run } from '../../web/src/run/run.js';
import { show } from '../../web/src/view/dom.js';
import { CHIPS } from '../../web/src/view/logs-panel.js';
import { buildPage, ChromiumSession } from './support/page.js';
import { serveStatic, type StaticServer } from './support/static-server.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ARTIFACTS = join(ROOT, 'test/artifacts');
const SAMPLE = join(ROOT, 'web/src/samples/sample-run.json');

/** The replay the page makes of a run: the same options it derives from the run. */
const replayOf = (run: Run): Replay => {
  const latency = constantPeerLatency(run.results);
  return buildReplay(run.trace!, { config: run.nodeConfig, historyOffsets: historyOffsets(run.history), ...(latency === undefined ? {} : { peerLatency_ms: latency }) });
};

const readRun = (name: string, text: string): Run => {
  const run = runOfTexts([{ name, text }]);
  if (typeof run === 'string') throw new Error(run);
  return run;
};

let dist: string;
let work: string;
let server: StaticServer;
const chromium = new ChromiumSession();
const newPage = (width?: number, height?: number) => chromium.newPage(width, height);

const position = (page: Page): Promise<string> => page.locator('#position').innerText();

/** Moves the scrubber to step s the way a person does (an input event on the range) and waits until it is drawn. */
const scrubTo = async (page: Page, s: number): Promise<void> => {
  await page.locator('input.range').evaluate((range: HTMLInputElement, step: number) => {
    range.value = String(step);
    range.dispatchEvent(new Event('input', { bubbles: true }));
  }, s);
  await expect.poll(() => position(page)).toMatch(new RegExp(`^step ${s} /`));
};

const openedRun = async (page: Page, name: string): Promise<void> => {
  await expect.poll(() => page.locator('#run-name').innerText(), { timeout: 120_000 }).toBe(name);
};

interface ShownCell {
  readonly committed: string;
  readonly chips: readonly string[];
}

const shownRows = (page: Page): Promise<{ key: string; cells: (ShownCell | null)[] }[]> =>
  page.$$eval('.log-rows .log-row', (rows) =>
    rows.map((row) => ({
      key: row.querySelector('.key')!.textContent!,
      cells: [...row.querySelectorAll('.cell')].map((cell) =>
        cell.classList.contains('empty') ? null : { committed: cell.querySelector('.committed')!.textContent!, chips: [...cell.querySelectorAll('.chip')].map((chip) => chip.textContent!) },
      ),
    })),
  );

/** What the logs panel must show for a key on one node at this state: the committed offset and the newest chips. */
const expectedCell = (replay: Replay, step: number, node: number, key: string, chips = CHIPS): ShownCell | null => {
  const partition = get(replay.at(step).states[node]!.partitions, key);
  if (partition === undefined) return null;
  const from = Math.max(0, partition.log.length - chips);
  return {
    committed: partition.committed < 0 ? '–' : String(partition.committed),
    // Holes (offsets no node assigned, below the stable point) have no chip.
    chips: logEntries(partition, from).flatMap((message, i) => (message === undefined ? [] : [`${from + i}${show(message, 10)}`])),
  };
};

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  work = mkdtempSync(join(tmpdir(), 'demo-test-'));
  dist = join(work, 'dist');
  await buildPage(dist);
  server = await serveStatic(dist);
  await chromium.start();
}, 180_000);

afterAll(async () => {
  await chromium.close();
  await server?.close();
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

describe('the demo in Chromium', () => {
  it('loads the bundled sample, and at a scrubbed step shows exactly the logs the reducer holds there', async () => {
    const sample = readRun('sample-run.json', readFileSync(SAMPLE, 'utf8'));
    const replay = replayOf(sample);
    const { page, errors } = await newPage();
    await page.goto(server.url);
    await openedRun(page, sample.name);
    await page.screenshot({ path: join(ARTIFACTS, 'demo-sample.png'), fullPage: true });

    const step = Math.floor(replay.length * 0.8);
    await scrubTo(page, step);
    const rows = await shownRows(page);
    // The sample is small: every key it holds at this step has a row on screen.
    const keys = keysOf(replay.at(step).states);
    expect(keys.length).toBeGreaterThan(1);
    expect(rows.map((r) => r.key)).toEqual(keys);
    expect(await page.locator('.panel.logs header .muted').first().innerText()).toBe(`${keys.length} keys`);
    for (const row of rows) {
      row.cells.forEach((cell, node) => expect(cell, `key ${row.key} on ${replay.nodeIds[node]} at step ${step}`).toEqual(expectedCell(replay, step, node, row.key)));
    }

    // Pinning a key shows its whole log on every node.
    const longest = rows.reduce((a, b) => (b.cells.reduce((n, c) => n + (c?.chips.length ?? 0), 0) > a.cells.reduce((n, c) => n + (c?.chips.length ?? 0), 0) ? b : a));
    await page.locator('.log-rows .log-row', { has: page.locator('.key', { hasText: new RegExp(`^${longest.key}$`) }) }).click();
    const detail = await page.$$eval('.log-detail .detail-node', (nodes) => nodes.map((n) => [...n.querySelectorAll('.chip')].map((c) => c.textContent!)));
    detail.forEach((chips, node) => expect(chips).toEqual(expectedCell(replay, step, node, longest.key, Infinity)?.chips ?? []));

    // Arrow keys and the step buttons move one step.
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => position(page)).toMatch(new RegExp(`^step ${step + 1} /`));
    await page.locator('#step-back').click();
    await expect.poll(() => position(page)).toMatch(new RegExp(`^step ${step} /`));
    await page.keyboard.press('Shift+ArrowLeft');
    await expect.poll(() => position(page)).toMatch(new RegExp(`^step ${step - 100} /`));
    await scrubTo(page, step);
    await page.screenshot({ path: join(ARTIFACTS, 'demo-scrubbed.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("opens a broken node's store folder and jumps to its first anomaly, highlighting its ops and offsets", async () => {
    const store = join(work, 'store');
    const ran = spawnSync(
      process.execPath,
      ['bin/kafka-workload', 'test', '-w', 'kafka', '--bin', 'test/fixtures/nodes/lost-write.mjs', '--node-count', '1', '--concurrency', '2n', '--time-limit', '3', '--rate', '60', '--seed', '7', '--store', store],
      { cwd: ROOT, encoding: 'utf8', timeout: 60_000 },
    );
    expect(ran.status, ran.stderr).toBe(1);
    const runName = readlinkSync(join(store, 'latest'));
    const dir = join(store, runName);
    const history = parseHistory(readFileSync(join(dir, 'history.jsonl'), 'utf8'));
    if (history._tag === 'Left') throw new Error(history.left.message);
    const first = anomalyItems(check(history.right))[0]!;
    const run = runOfTexts(['history.jsonl', 'trace.jsonl', 'results.json'].map((f) => ({ name: `${runName}/${f}`, text: readFileSync(join(dir, f), 'utf8') })));
    if (typeof run === 'string') throw new Error(run);
    const expectedStep = replayOf(run).stepAtTime(first.time_ms);

    const { page, errors } = await newPage();
    await page.goto(server.url);
    await openedRun(page, JSON.parse(readFileSync(SAMPLE, 'utf8')).name);
    await page.locator('#open-folder').setInputFiles(dir);
    await openedRun(page, runName);
    await expect(page.locator('#summary').innerText()).resolves.toContain('lost-write.mjs, not our node');
    await expect(page.locator('#summary').innerText()).resolves.toContain('INVALID');
    // The runner's own results.edn is shown beside the page's verdict, labelled as the runner's, not Maelstrom's.
    await expect(page.locator('#other-verdict').innerText()).resolves.toMatch(/^INVALID Verdict in results\.edn: INVALID, anomaly types: .*lost-write.*\s+Same verdict and anomaly types as ours\.$/);

    await page.locator('.anomaly').first().click();
    await expect.poll(() => position(page)).toMatch(new RegExp(`^step ${expectedStep} /`));
    await expect(page.locator('.anomaly.selected').count()).resolves.toBe(1);
    await expect(page.locator('.anomaly.selected .key').innerText()).resolves.toBe(`key ${first.key}`);
    await expect(page.locator('.log-row.highlighted .key').innerText()).resolves.toBe(first.key);
    const marked = await page.$$eval('.log-row.highlighted .chip.is-marked b', (bs) => bs.map((b) => Number(b.textContent)));
    for (const offset of marked) expect(first.offsets).toContain(offset);
    // The timeline names the latest op the anomaly cites.
    await expect(page.locator('.op-info').innerText()).resolves.toMatch(new RegExp(`op \\d*→?${first.ops[first.ops.length - 1]!.index}\\b|op ${first.ops[first.ops.length - 1]!.index}\\b`));
    await page.screenshot({ path: join(ARTIFACTS, 'demo-anomaly.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("opens Maelstrom's gzipped history.edn: the client view and the anomalies, no node states", async () => {
    const edn = join(ROOT, 'test/fixtures/edn/poll-skip.edn.gz');
    const { page, errors } = await newPage();
    await page.goto(server.url);
    await openedRun(page, JSON.parse(readFileSync(SAMPLE, 'utf8')).name);
    await page.locator('#open-files').setInputFiles(edn);
    await openedRun(page, 'poll-skip.edn');
    await expect(page.locator('#logs').isHidden()).resolves.toBe(true);
    await expect(page.locator('.no-trace').innerText()).resolves.toContain('Client view only');
    // No trace and no messages.svg: no message diagram.
    await expect(page.locator('#messages').isHidden()).resolves.toBe(true);
    await expect(page.locator('#summary').innerText()).resolves.toContain("Maelstrom's history.edn holds the clients' view only");
    await expect(page.locator('.anomaly-group h3').first().innerText()).resolves.toContain('poll-skip');
    await page.locator('.anomaly').first().click();
    await expect.poll(() => position(page)).toMatch(/^event \d+ \//);
    await expect.poll(() => page.locator('.anomaly.selected').count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'demo-history-edn.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens a bundle dropped on the page', async () => {
    const bundle = { ...JSON.parse(readFileSync(SAMPLE, 'utf8')), name: 'dropped sample' };
    const { page, errors } = await newPage();
    await page.goto(server.url);
    await openedRun(page, JSON.parse(readFileSync(SAMPLE, 'utf8')).name);
    await page.evaluate((text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
      document.body.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true }));
      document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true }));
    }, JSON.stringify(bundle));
    await openedRun(page, 'dropped sample');
    await expect(page.evaluate(() => document.body.classList.contains('dragging'))).resolves.toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('renders values from files as text, never as markup', async () => {
    const evil = '<img src=x onerror="window.__pwned=1">';
    const key = '<b>k</b>';
    const lines = (items: readonly unknown[]): string => items.map((x) => JSON.stringify(x)).join('\n');
    const trace = [
      { node: 'n0', time_ms: 1, message: { src: 'c0', dest: 'n0', body: { type: 'init', msg_id: 1, node_id: 'n0', node_ids: ['n0'] } } },
      { node: 'n0', time_ms: 2, message: { src: 'c1', dest: 'n0', body: { type: 'send', msg_id: 1, key, msg: evil } } },
    ];
    const history = [
      { index: 0, time: 2_000_000, type: 'invoke', process: 0, f: 'send', value: [['send', key, evil]] },
      { index: 1, time: 2_500_000, type: 'ok', process: 0, f: 'send', value: [['send', key, [0, evil]]] },
    ];
    const { page, errors } = await newPage();
    await page.goto(server.url);
    await openedRun(page, JSON.parse(readFileSync(SAMPLE, 'utf8')).name);
    await page.locator('#open-files').setInputFiles([
      { name: 'history.jsonl', mimeType: 'application/json', buffer: Buffer.from(lines(history)) },
      { name: 'trace.jsonl', mimeType: 'application/json', buffer: Buffer.from(lines(trace)) },
      // A verdict file's strings are shown too (the crash message, the failed checkers' names): as text.
      { name: 'results.edn', mimeType: 'text/plain', buffer: Buffer.from(`{:valid? false, :workload {:valid? :unknown, :error ${JSON.stringify(evil)}}, ${JSON.stringify(key)} {:valid? false}}`) },
    ]);
    await openedRun(page, 'history.jsonl');
    await expect(page.locator('#other-verdict').innerText()).resolves.toContain(`its checker crashed: ${evil}`);
    await expect(page.locator('#other-verdict').innerText()).resolves.toContain(`because of :${key}`);
    await scrubTo(page, 2);
    await expect(page.locator('.log-rows .key').innerText()).resolves.toBe(key);
    await expect(page.locator('#app img').count()).resolves.toBe(0);
    await expect(page.locator('#app b', { hasText: /^k$/ }).count()).resolves.toBe(0);
    await expect(page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).resolves.toBeUndefined();
    await expect(page.locator('.log-rows .chip').first().getAttribute('title')).resolves.toContain(JSON.stringify(evil));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('runs a small simulation in the page and opens it, replayed exactly', async () => {
    const options: Partial<SimOptions> = { seed: 7, node_count: 3, concurrency: 6, rate_hz: 60, time_limit_s: 2, latency_ms: 10, nemesis_partition: true, nemesis_interval_s: 1, final_time_limit_s: 10, drop_probability: 0, duplicate_probability: 0 };
    const simulated = runSimulation(simConfigOf(options));
    const { page, errors } = await newPage();
    await page.goto(server.url);
    await openedRun(page, JSON.parse(readFileSync(SAMPLE, 'utf8')).name);
    await page.locator('#simulate-toggle').click();
    const form = page.locator('.simulate-form');
    for (const [name, value] of [['seed', 7], ['node_count', 3], ['rate_hz', 60], ['time_limit_s', 2], ['latency_ms', 10]] as const) await form.locator(`input[name=${name}]`).fill(String(value));
    await form.locator('input[name=nemesis_partition]').check();
    await page.locator('#simulate-run').click();
    await openedRun(page, 'simulation, seed 7');
    // The page ran the very simulator this process ran: the same number of steps, replayed exactly.
    await expect.poll(() => position(page)).toMatch(new RegExp(`/ ${traceOf(simulated).length} ·`));
    const summary = await page.locator('#summary').innerText();
    expect(summary).toContain('recorded in the trace');
    expect(summary).toMatch(/peer messages reproduced exactly \(100%\)/);
    expect(historyOf(simulated).length).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, 'demo-simulation.png'), fullPage: true });

    // Saved as one bundle, it opens again as the same run.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save bundle' }).click()]);
    const saved = readRun('saved.json', readFileSync((await download.path())!, 'utf8'));
    expect(saved.name).toBe('simulation, seed 7');
    expect(saved.trace).toEqual(JSON.parse(JSON.stringify(traceOf(simulated))));
    expect(saved.history.length).toBe(historyOf(simulated).length);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('works offline, opened from the built folder over file://', async () => {
    const { page, errors } = await newPage();
    await page.goto(`file://${join(dist, 'index.html')}`);
    await openedRun(page, JSON.parse(readFileSync(SAMPLE, 'utf8')).name);
    await expect(page.locator('.log-rows .log-row').count()).resolves.toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('is laid out for a laptop: nothing wider than the window at 1280 px', async () => {
    const { page, errors } = await newPage(1280, 800);
    await page.goto(server.url);
    await openedRun(page, JSON.parse(readFileSync(SAMPLE, 'utf8')).name);
    await expect(page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).resolves.toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'demo-laptop.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('stays responsive on a run of 10^5 node inputs: a jump anywhere is drawn within a frame or two', async () => {
    // A simulated run of about 10^5 trace entries (5 nodes, recorded ticks), opened as a bundle file.
    const options: Partial<SimOptions> = { seed: 3, node_count: 5, concurrency: 10, rate_hz: 1600, time_limit_s: 55, latency_ms: 5, final_time_limit_s: 10 };
    const state = runSimulation(simConfigOf(options));
    const trace = traceOf(state);
    const file = join(work, 'large-run.json');
    const run: Run = { name: 'large simulated run', history: historyOf(state), trace, results: null, nodeConfig: defaultNodeConfig, nodeConfigSource: 'the defaults', notes: [] };
    writeFileSync(file, JSON.stringify(bundleOf(run)));
    expect(trace.length).toBeGreaterThan(90_000);

    const { page, errors } = await newPage();
    await page.goto(server.url);
    await openedRun(page, JSON.parse(readFileSync(SAMPLE, 'utf8')).name);
    const opening = Date.now();
    await page.locator('#open-files').setInputFiles(file);
    await openedRun(page, 'large simulated run');
    const open_ms = Date.now() - opening;

    // Each jump: the scrubber's input event, then the two animation frames it takes to be drawn and painted.
    const length = trace.length;
    const targets = [length, 0, Math.floor(length / 2), 1, length - 1, Math.floor(length / 4), Math.floor((3 * length) / 4), 12_345, length - 12_345, 77_777 % length];
    const jumps: { to: number; state_ms: number; draw_ms: number; painted_ms: number; diagram_ms: number; diagram_arrows: number }[] = [];
    for (const to of targets) {
      const painted_ms = await page.evaluate(async (step) => {
        const range = document.querySelector<HTMLInputElement>('input.range')!;
        const started = performance.now();
        range.value = String(step);
        range.dispatchEvent(new Event('input', { bubbles: true }));
        await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
        return performance.now() - started;
      }, to);
      await expect.poll(() => position(page)).toMatch(new RegExp(`^step ${to} /`));
      const timing = await page.locator('#jump-timing').evaluate((el) => ({ state: Number(el.dataset['stateMs']), total: Number(el.dataset['totalMs']) }));
      // The message diagram's own part of the redraw: the window's arrows found and drawn.
      const diagram = await page.locator('#messages').evaluate((el) => ({ ms: Number(el.dataset['redrawMs']), arrows: (el.querySelector('canvas#message-diagram') as HTMLElement).dataset['arrows']!.split(' ').length }));
      jumps.push({ to, state_ms: timing.state, draw_ms: timing.total, painted_ms, diagram_ms: diagram.ms, diagram_arrows: diagram.arrows });
    }
    await page.screenshot({ path: join(ARTIFACTS, 'demo-large.png'), fullPage: true });
    const messages = replayOf(run).arrows.size;
    writeFileSync(join(ARTIFACTS, 'jump-times.json'), JSON.stringify({ entries: length, messages, open_ms, jumps }, null, 2));
    console.log(
      `large run: ${length} node inputs, ${messages} messages, opened in ${open_ms} ms; jumps (ms):\n${jumps.map((j) => `  to ${String(j.to).padStart(6)}: states ${j.state_ms.toFixed(1)}, drawn ${j.draw_ms.toFixed(1)} (diagram ${j.diagram_ms.toFixed(1)}, ${j.diagram_arrows} arrows), painted ${j.painted_ms.toFixed(1)}`).join('\n')}`,
    );
    expect(messages).toBeGreaterThan(100_000);
    for (const j of jumps) expect(j.diagram_arrows).toBeGreaterThan(0);
    const worst = Math.max(...jumps.map((j) => j.painted_ms));
    expect(worst).toBeLessThan(1000);
    expect(errors).toEqual([]);
    await page.close();
  }, 400_000);
});

describe('the message diagram in Chromium', () => {
  /** Opens the Plots panel and waits until its images have loaded; returns their names and natural widths. */
  const shownPlots = async (page: Page): Promise<{ name: string; width: number }[]> => {
    await page.locator('#plots > summary').click();
    await expect.poll(() => page.locator('#plots img').count()).toBeGreaterThan(0);
    await page.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('#plots img')].every((img) => img.complete));
    return page.$$eval('#plots img', (imgs) => imgs.map((img) => ({ name: (img as HTMLImageElement).dataset['plot']!, width: (img as HTMLImageElement).naturalWidth })));
  };

  /** What the diagram drew: its window and one token per arrow (sender>receiver#msg_id@arrival ms, or @lost). */
  const drawnDiagram = (page: Page): Promise<{ from: number; to: number; arrows: string[]; segments: number[] }> =>
    page.locator('canvas#message-diagram').evaluate((el: HTMLElement) => ({
      from: Number(el.dataset['fromMs']),
      to: Number(el.dataset['toMs']),
      arrows: (el.dataset['arrows'] ?? '').split(' ').filter((t) => t !== ''),
      segments: (el.dataset['segments'] ?? '').split(' ').filter((t) => t !== '').map(Number),
    }));

  it("follows the scrubber over a simulated store folder: every message the trace delivered in the window is drawn, and nothing it did not deliver", async () => {
    const store = join(work, 'diagram-store');
    const ran = spawnSync(
      process.execPath,
      ['bin/kafka-sim', '--seed', '11', '--node-count', '3', '--concurrency', '2n', '--rate', '200', '--time-limit', '4', '--latency', '5', '--nemesis', 'partition', '--nemesis-interval', '1', '--drop', '0.05', '--store', store],
      { cwd: ROOT, encoding: 'utf8', timeout: 120_000 },
    );
    expect(ran.status, ran.stderr).toBe(0);
    const runName = readlinkSync(join(store, 'latest'));
    const dir = join(store, runName);
    const trace = readFileSync(join(dir, 'trace.jsonl'), 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as { node: string; time_ms: number; message?: { src: string; dest: string; body: { msg_id?: number } } });
    const deliveries = trace.flatMap((e) => (e.message === undefined ? [] : [{ token: `${e.message.src}>${e.message.dest}#${String(e.message.body.msg_id ?? '')}@${e.time_ms.toFixed(3)}`, time_ms: e.time_ms, name: `${e.message.src}>${e.message.dest}#${String(e.message.body.msg_id ?? '')}` }]));
    const delivered = new Set(deliveries.map((d) => d.token));
    const deliveredNames = new Set(deliveries.map((d) => d.name));

    const { page, errors } = await newPage();
    await page.goto(server.url);
    await openedRun(page, JSON.parse(readFileSync(SAMPLE, 'utf8')).name);
    await page.locator('#open-folder').setInputFiles(dir);
    await openedRun(page, runName);
    await expect(page.locator('#messages').isVisible()).resolves.toBe(true);

    const length = trace.length;
    const windows: number[] = [];
    let lostSeen = 0;
    for (const s of [Math.floor(length / 5), Math.floor(length / 2), Math.floor((4 * length) / 5)]) {
      await scrubTo(page, s);
      const time_ms = trace[s - 1]!.time_ms;
      await expect.poll(async () => (await drawnDiagram(page)).from <= time_ms && time_ms <= (await drawnDiagram(page)).to).toBe(true);
      const shown = await drawnDiagram(page);
      expect(shown.arrows.length).toBeGreaterThan(50);
      const drawn = new Set(shown.arrows);
      // Every delivery the trace holds inside the window is an arrow of the diagram, arriving when the trace says.
      const inWindow = deliveries.filter((d) => d.time_ms >= shown.from && d.time_ms <= shown.to);
      expect(inWindow.length).toBeGreaterThan(20);
      for (const d of inWindow) expect(drawn.has(d.token), d.token).toBe(true);
      // Every arrow into a node that arrived is a delivery of the trace; every lost one was never delivered.
      for (const token of shown.arrows) {
        const [name, at] = token.split('@') as [string, string];
        if (!/>n\d+#/.test(token)) continue;
        if (at === 'lost') {
          lostSeen++;
          if (!name.endsWith('#')) expect(deliveredNames.has(name), token).toBe(false);
        } else expect(delivered.has(token), token).toBe(true);
      }
      windows.push(shown.from);
    }
    // The window moved with the scrubber.
    expect(windows[0]!).toBeLessThan(windows[1]!);
    expect(windows[1]!).toBeLessThan(windows[2]!);
    expect(lostSeen).toBeGreaterThan(0);

    // Hovering an arrow shows its message; clicking it moves the replay to its arrival.
    const before = await position(page);
    await page.locator('.messages-scroll').scrollIntoViewIfNeeded();
    const { segments, arrows } = await drawnDiagram(page);
    const view = await page.locator('.messages-scroll').evaluate((el) => ({ top: el.scrollTop, height: el.clientHeight }));
    const midY = (i: number): number => (segments[i * 4 + 1]! + segments[i * 4 + 3]!) / 2;
    // An arrow into a node whose middle is in sight, away from the edges.
    const i = arrows.findIndex((t, k) => !t.endsWith('@lost') && />n\d+#/.test(t) && midY(k) > view.top + 30 && midY(k) < view.top + view.height - 30);
    expect(i).toBeGreaterThanOrEqual(0);
    const canvas = (await page.locator('canvas#message-diagram').boundingBox())!;
    const x = canvas.x + (segments[i * 4]! + segments[i * 4 + 2]!) / 2;
    const y = canvas.y + midY(i);
    await page.mouse.move(x, y);
    const [from, rest] = arrows[i]!.split('>') as [string, string];
    await expect.poll(() => page.locator('#message-info').innerText()).toContain(`${from} → ${rest.split('#')[0]}`);
    await page.locator('#messages').screenshot({ path: join(ARTIFACTS, 'message-diagram.png') });
    await page.mouse.click(x, y);
    const arrival = Number(arrows[i]!.split('@')[1]);
    await expect.poll(() => position(page)).not.toBe(before);
    await expect.poll(() => position(page)).toContain(`t = ${(arrival / 1000).toFixed(3)} s`);
    await page.screenshot({ path: join(ARTIFACTS, 'demo-messages.png'), fullPage: true });

    // The folder's own plots, shown as its files.
    const plots = await shownPlots(page);
    expect(plots.map((p) => p.name)).toEqual(['latency.svg', 'rate.svg', 'lag.svg', 'unseen.svg', 'messages.svg']);
    for (const plot of plots) expect(plot.width, plot.name).toBeGreaterThan(500);
    await expect(page.locator('#plots').innerText()).resolves.toContain('The files of the opened folder.');
    await page.locator('#plots').screenshot({ path: join(ARTIFACTS, 'demo-plots.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("opens Maelstrom's own store folder with the message diagram read from its messages.svg", async () => {
    const dir = join(ROOT, 'test/fixtures/maelstrom-run');
    const { page, errors } = await newPage();
    await page.goto(server.url);
    await openedRun(page, JSON.parse(readFileSync(SAMPLE, 'utf8')).name);
    await page.locator('#open-folder').setInputFiles(dir);
    await openedRun(page, 'maelstrom-run');
    await expect(page.locator('#summary').innerText()).resolves.toContain('messages Maelstrom drew in messages.svg');
    // history.txt gave the final polls their results: VALID with no warning, and Maelstrom's verdict beside ours, the same.
    const verdict = await page.locator('#summary .verdict-line').first().innerText();
    expect(verdict).toMatch(/^VALID /);
    await expect(page.locator('#summary').innerText()).resolves.toContain("Each op's value is history.txt's");
    await expect(page.locator('#summary .checker-warning').count()).resolves.toBe(0);
    await expect(page.locator('#other-verdict').innerText()).resolves.toMatch(/^VALID Maelstrom's verdict \(results\.edn\): VALID, no anomaly types\.\s+Same verdict and anomaly types as ours\.$/);
    await page.locator('#summary').screenshot({ path: join(ARTIFACTS, 'demo-maelstrom-verdict.png') });
    await expect(page.locator('#messages').isVisible()).resolves.toBe(true);
    // Early in the run, inside what Maelstrom drew: requests, replies and forwards between nodes.
    await page.locator('input.range').evaluate((range: HTMLInputElement) => {
      range.value = '300';
      range.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await expect.poll(() => position(page)).toMatch(/^event 300 \//);
    const shown = await drawnDiagram(page);
    expect(shown.arrows.length).toBeGreaterThan(50);
    expect(shown.arrows.some((t) => /^c\d+>n\d+#/.test(t))).toBe(true);
    expect(shown.arrows.some((t) => /^n\d+>c\d+#/.test(t))).toBe(true);
    expect(shown.arrows.some((t) => /^n\d+>n\d+#/.test(t))).toBe(true);
    await page.locator('#messages').screenshot({ path: join(ARTIFACTS, 'message-diagram-maelstrom.png') });
    await page.screenshot({ path: join(ARTIFACTS, 'demo-maelstrom-folder.png'), fullPage: true });
    // Maelstrom's folder holds PNGs, not our plots: the page draws them from the history.
    const plots = await shownPlots(page);
    expect(plots.map((p) => p.name)).toEqual(['latency.svg', 'rate.svg', 'lag.svg', 'unseen.svg']);
    for (const plot of plots) expect(plot.width, plot.name).toBeGreaterThan(500);
    await expect(page.locator('#plots').innerText()).resolves.toContain('Drawn here from the history');

    // The same history.edn without its history.txt: the final polls have no results, and the checker's warning says so on the page.
    await page.locator('#open-files').setInputFiles(['history.edn.gz', 'results.edn'].map((name) => join(dir, name)));
    await openedRun(page, 'history.edn');
    const warnings = await page.locator('#summary .checker-warning').allInnerTexts();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^Checker warning: 6 successful polls carry no results .*history\.txt/);
    await expect(page.locator('#other-verdict').innerText()).resolves.toContain("Maelstrom's verdict (results.edn): VALID");
    await page.locator('#summary').screenshot({ path: join(ARTIFACTS, 'demo-maelstrom-no-txt.png') });
    expect(errors).toEqual([]);
    await page.close();
  });
});
