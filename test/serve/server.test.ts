/**
 * `kafka-workload serve` over plain HTTP: the command line, the paths it
 * refuses (404, never a file) and the runs it sees being written. Requests
 * go through node:http with the path exactly as written, since fetch and
 * browsers resolve `..` before sending. The page itself is tested in
 * Chromium (test/web/serve.test.ts).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseServeArgs } from '../../src/shell/serve/cli.js';
import { startServer, type RunningServer } from '../../src/shell/serve/server.js';
import type { RunSummary } from '../../src/shell/serve/runs.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const get = (url: string, path: string, method = 'GET', headers: Record<string, string> = {}): Promise<{ status: number; body: string }> =>
  new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const req = request({ hostname, port, path, method, headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });

let work: string;
let store: string;
let server: RunningServer;
const SECRET = 'the secret outside the store';

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'serve-http-'));
  store = join(work, 'store');
  const page = join(work, 'page');
  const outside = join(work, 'outside');
  mkdirSync(join(store, '20260101T000000.000Z'), { recursive: true });
  writeFileSync(join(store, '20260101T000000.000Z', 'results.json'), JSON.stringify({ 'valid?': true, run: { nodes: ['n0'] }, stats: { count: 3 }, net: { all: { 'msgs-per-op': 2 } } }));
  writeFileSync(join(store, '20260101T000000.000Z', 'history.jsonl'), '');
  symlinkSync('20260101T000000.000Z', join(store, 'latest'));
  mkdirSync(outside);
  writeFileSync(join(outside, 'secret.txt'), SECRET);
  writeFileSync(join(work, 'secret.txt'), SECRET);
  symlinkSync(outside, join(store, 'out'));
  symlinkSync(join(outside, 'secret.txt'), join(store, '20260101T000000.000Z', 'linked.txt'));
  symlinkSync('results.json', join(store, '20260101T000000.000Z', 'same.json'));
  mkdirSync(join(page, 'assets'), { recursive: true });
  writeFileSync(join(page, 'index.html'), '<!doctype html><title>page</title>');
  writeFileSync(join(page, 'assets', 'page.js'), '');
  server = await startServer({ store, host: '127.0.0.1', port: 0, page });
});

afterAll(async () => {
  await server?.close();
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

describe('kafka-workload serve: what it serves', () => {
  it('serves the index, the runs as data, the page, and files of the store, following symlinks that stay inside', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect((await get(server.url, '/')).body).toContain('20260101T000000.000Z');
    const runs = JSON.parse((await get(server.url, '/runs.json')).body) as RunSummary[];
    expect(runs.map((r) => [r.path, r.state, r.verdict, r.nodes, r.ops, r.msgs_per_op])).toEqual([['20260101T000000.000Z', 'done', 'valid', 1, 3, 2]]);
    expect(await get(server.url, '/replay/')).toEqual({ status: 200, body: '<!doctype html><title>page</title>' });
    expect((await get(server.url, '/replay')).status).toBe(301);
    expect((await get(server.url, '/store/20260101T000000.000Z/')).body).toBe(JSON.stringify({ files: ['history.jsonl', 'results.json', 'same.json'] }));
    expect((await get(server.url, '/store/latest/results.json')).status).toBe(200);
    expect((await get(server.url, '/store/20260101T000000.000Z/results.json', 'HEAD')).status).toBe(200);
    expect((await get(server.url, '/store/20260101T000000.000Z/results.json', 'POST')).status).toBe(405);
  });

  it('answers only to a loopback name when it listens on 127.0.0.1: a rebound name gets 403', async () => {
    const port = new URL(server.url).port;
    expect((await get(server.url, '/store/latest/results.json', 'GET', { host: `localhost:${port}` })).status).toBe(200);
    const rebound = await get(server.url, '/store/latest/results.json', 'GET', { host: `attacker.example:${port}` });
    expect(rebound.status).toBe(403);
    expect(rebound.body).not.toContain('valid?');
  });

  it.each([
    '/store/../secret.txt',
    '/store/..%2fsecret.txt',
    '/store/%2e%2e/secret.txt',
    '/store/%2E%2E%2Fsecret.txt',
    '/store/%252e%252e/secret.txt',
    '/store/..\\secret.txt',
    '/store/%5c..%5csecret.txt',
    '/store/out/secret.txt',
    '/store/out/',
    '/store/20260101T000000.000Z/linked.txt',
    '/store/20260101T000000.000Z/../../secret.txt',
    '/store/%00/secret.txt',
    '/store/%zz',
    '/replay/../secret.txt',
    '/replay/%2e%2e/%2e%2e/secret.txt',
    '/replay/..%2f..%2fsecret.txt',
    `/store/${'../'.repeat(20)}etc/passwd`,
    '//etc/passwd',
    '/secret.txt',
  ])('%s: 404, never a file outside', async (path) => {
    const response = await get(server.url, path);
    expect(response.status).toBe(404);
    expect(response.body).not.toContain(SECRET);
    expect(response.body).not.toContain('root:');
  });

  it('shows a run being written as running, a stale one as unfinished, and a half-written results.json as still running', async () => {
    const dir = join(store, '20260102T000000.000Z');
    mkdirSync(join(dir, 'node-logs'), { recursive: true });
    writeFileSync(join(dir, 'runner.log'), 'kafka-workload test ...\n');
    writeFileSync(join(dir, 'node-logs', 'n0.log'), '');
    const state = async (): Promise<RunSummary | undefined> =>
      (JSON.parse((await get(server.url, '/runs.json')).body) as RunSummary[]).find((r) => r.path === '20260102T000000.000Z');
    expect(await state()).toMatchObject({ state: 'running', nodes: 1, verdict: null });
    writeFileSync(join(dir, 'results.json'), '{"valid?": tr');
    expect(await state()).toMatchObject({ state: 'running' });
    const index = await get(server.url, '/');
    expect(index.body).toContain('<meta http-equiv="refresh"');
    const old = Date.now() / 1000 - 3600;
    for (const path of [dir, join(dir, 'runner.log'), join(dir, 'results.json'), join(dir, 'node-logs'), join(dir, 'node-logs', 'n0.log')]) utimesSync(path, old, old);
    expect(await state()).toMatchObject({ state: 'unfinished', problem: expect.stringContaining('stopped before') });
    writeFileSync(join(dir, 'results.json'), JSON.stringify({ 'valid?': false, run: { nodes: ['n0'], problems: [{ kind: 'crashed', node: 'n0', text: 'n0 exited with status 1' }] } }));
    expect(await state()).toMatchObject({ state: 'done', verdict: 'invalid', problem: 'crashed at n0: n0 exited with status 1' });
    rmSync(dir, { recursive: true });
  });

  it('escapes what the store names: a run folder called <script> is text on the index', async () => {
    const dir = join(store, '<script>alert(1)<');
    mkdirSync(dir);
    writeFileSync(join(dir, 'runner.log'), '');
    const index = await get(server.url, '/');
    expect(index.body).not.toContain('<script>');
    expect(index.body).toContain('&lt;script&gt;alert(1)&lt;');
    rmSync(dir, { recursive: true });
  });
});

describe('kafka-workload serve: the command line', () => {
  it("defaults to Maelstrom's port 8080, on 127.0.0.1, serving ./store", () => {
    expect(parseServeArgs([])).toEqual({ kind: 'run', options: { store_dir: 'store', port: 8080, host: '127.0.0.1' } });
    expect(parseServeArgs(['--store', 'x', '--port', '0', '--host', '0.0.0.0'])).toEqual({ kind: 'run', options: { store_dir: 'x', port: 0, host: '0.0.0.0' } });
    expect(parseServeArgs(['--port', '70000'])).toEqual({ kind: 'error', message: '--port must be at most 65535, got "70000"' });
    expect(parseServeArgs(['--bin', 'x'])).toEqual({ kind: 'error', message: 'unknown option --bin (see --help)' });
    expect(parseServeArgs(['--help'])).toEqual({ kind: 'help' });
  });

  it('serves until SIGTERM, printing its address, and refuses a store that is not there', async () => {
    const child = spawn(process.execPath, ['bin/kafka-workload', 'serve', '--store', store, '--port', '0'], { cwd: ROOT });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await expect.poll(() => out, { timeout: 20_000 }).toMatch(/http:\/\/127\.0\.0\.1:\d+\//);
    const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(out)![0];
    expect((await get(url, '/')).status).toBe(200);
    expect((await get(url, '/store/../secret.txt')).status).toBe(404);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);

    const missing = spawn(process.execPath, ['bin/kafka-workload', 'serve', '--store', join(work, 'nowhere')], { cwd: ROOT });
    let err = '';
    missing.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    expect(await new Promise((resolve) => missing.on('exit', resolve))).toBe(2);
    expect(err).toContain('no store at');
  });
});
