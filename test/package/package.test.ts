/**
 * The package as a user gets it: `npm pack` of this tree, installed with
 * `npm install -g TARBALL --prefix EMPTY` (its runtime dependencies from a
 * registry on 127.0.0.1 that serves them packed from this clone's
 * node_modules/, into an empty cache: no network), then every command run
 * from a folder that is not this one. The runner checks a node that is not TypeScript: a Python one
 * (test/fixtures/nodes/python-kafka.py), correct, then broken on purpose.
 *
 * `npm test` has built dist/ already; the page is built here into web/dist/
 * (as prepack does), and the pack skips the scripts, because prepack empties
 * dist/ first, which tests running beside this one read.
 */
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPage } from '../web/support/page.js';
import { startLocalRegistry } from './local-registry.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PYTHON_NODE = join(ROOT, 'test/fixtures/nodes/python-kafka.py');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
/** The ceiling for the installed package, its dependencies included. */
const MAX_INSTALLED_BYTES = 15 * 1024 * 1024;

let work: string;
let prefix: string;
let elsewhere: string;
let files: string[];

const npm = (args: readonly string[], cwd: string): SpawnSyncReturns<string> => spawnSync(NPM, args, { cwd, encoding: 'utf8', timeout: 90_000 });

/** A command of the installed package, run from a folder that has nothing of ours. */
const installed = (bin: string, args: readonly string[], input?: string): SpawnSyncReturns<string> =>
  spawnSync(join(prefix, 'bin', bin), args, { cwd: elsewhere, encoding: 'utf8', timeout: 90_000, ...(input === undefined ? {} : { input }) });

const sizeOf = (path: string): number => {
  const info = statSync(path);
  return info.isDirectory() ? readdirSync(path).reduce((sum, name) => sum + sizeOf(join(path, name)), 0) : info.size;
};

beforeAll(async () => {
  const python = spawnSync('python3', ['--version'], { encoding: 'utf8' });
  if (python.error !== undefined || python.status !== 0) {
    throw new Error(`The package test checks a Python node (${PYTHON_NODE}) and needs python3 on PATH, which is missing: install it (Debian: 'apt-get install python3').`);
  }
  work = mkdtempSync(join(tmpdir(), 'package-test-'));
  prefix = join(work, 'prefix');
  elsewhere = join(work, 'elsewhere');
  mkdirSync(elsewhere);
  await buildPage(join(ROOT, 'web/dist'));
  const packed = npm(['pack', '--ignore-scripts', '--json', '--pack-destination', work], ROOT);
  if (packed.status !== 0) throw new Error(`npm pack failed:\n${packed.stderr}`);
  const [report] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
  files = report!.files.map((f) => f.path);
  const { dependencies } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const registry = await startLocalRegistry(ROOT, Object.keys(dependencies), join(work, 'deps'), NPM);
  try {
    // Not spawnSync: the registry answers from this very process.
    const install = spawn(NPM, ['install', '-g', join(work, report!.filename), '--prefix', prefix, '--registry', registry.url, '--cache', join(work, 'cache'), '--no-audit', '--no-fund'], { cwd: work });
    let stderr = '';
    install.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const status = await new Promise<number | null>((resolve) => install.on('exit', resolve));
    if (status !== 0) throw new Error(`npm install -g of the tarball failed:\n${stderr}`);
  } finally {
    await registry.close();
  }
}, 180_000);

afterAll(() => {
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

describe('the package, packed and installed into an empty prefix', () => {
  it('holds the built JavaScript, the node bundle, the built replay page and bin/; no sources, tests, fixtures or browser', () => {
    expect(files).toContain('dist/src/shell/runner/main.js');
    expect(files).toContain('dist/node/maelstrom-kafka.cjs');
    expect(files).toContain('bin/package.json');
    expect(files).toContain('web/dist/index.html');
    expect(files).toContain('LICENSE'); // package.json says MIT: the text goes with it
    expect(files.some((f) => /^web\/dist\/assets\/.*\.js$/.test(f))).toBe(true);
    for (const bin of ['kafka-workload', 'kafka-check', 'kafka-sim', 'maelstrom-kafka']) expect(files).toContain(`bin/${bin}`);
    const unwanted = files.filter((f) => /^(test|properties|bench|src|web\/src|node_modules)\/|\.ts$|\.map$|tsbuildinfo|^dist\/bench\//.test(f) || f.endsWith('bundle.js'));
    expect(unwanted).toEqual([]);
  });

  it('installs its runtime dependencies only, within 15 MB', () => {
    const home = join(prefix, 'lib/node_modules/maelstrom-kafka');
    expect(readdirSync(join(home, 'node_modules')).sort()).toEqual(['edn-data', 'fp-ts', 'io-ts']);
    expect(existsSync(join(home, 'node_modules/vite'))).toBe(false);
    expect(sizeOf(prefix)).toBeLessThanOrEqual(MAX_INSTALLED_BYTES);
  });

  it('runs every command from any folder', () => {
    const help = installed('kafka-workload', ['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('kafka-workload serve');
    const init = JSON.stringify({ src: 'c1', dest: 'n0', body: { type: 'init', msg_id: 1, node_id: 'n0', node_ids: ['n0'] } });
    expect(JSON.parse(installed('maelstrom-kafka', [], `${init}\n`).stdout).body.type).toBe('init_ok');
    const check = installed('kafka-check', [join(ROOT, 'test/fixtures/maelstrom-run')]);
    expect(check.stdout, check.stderr).toMatch(/VALID/);
    expect(check.status).toBe(0);
    const sim = installed('kafka-sim', ['--seed', '1', '--node-count', '2', '--time-limit', '1', '--store', join(elsewhere, 'sim-store')]);
    expect(sim.status, sim.stderr).toBe(0);
  });

  it('checks a node written in Python, and catches it when it is broken on purpose', () => {
    const run = (extra: readonly string[]) =>
      installed('kafka-workload', ['test', '-w', 'kafka', '--bin', PYTHON_NODE, '--node-count', '1', '--concurrency', '2n', '--time-limit', '2', '--rate', '80', '--recovery-time', '0', '--seed', '5', ...extra]);
    const good = run([]);
    expect(good.status, good.stderr).toBe(0);
    expect(good.stdout).toContain('VALID');
    expect(readdirSync(join(elsewhere, 'store'))).toContain('latest');
    const broken = run(['--final-time-limit', '1', '--', '--forget-every', '4']);
    expect(broken.status, broken.stderr).toBe(1);
    expect(broken.stdout).toContain('lost-write');
  });

  it('serves the store with the replay page it ships', async () => {
    const child = spawn(join(prefix, 'bin', 'kafka-workload'), ['serve', '--port', '0'], { cwd: elsewhere });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    try {
      await expect.poll(() => out, { timeout: 20_000 }).toMatch(/http:\/\/127\.0\.0\.1:\d+\//);
      const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(out)![0];
      const page = await fetch(`${url}replay/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="app">');
      const runs = (await (await fetch(`${url}runs.json`)).json()) as { verdict: string }[];
      expect(runs.map((r) => r.verdict).sort()).toEqual(['invalid', 'valid']);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
