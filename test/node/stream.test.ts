/**
 * The node's replies on a generated stream stay byte for byte what they were
 * before the hot path was tuned (issue 13). test/fixtures/node-stream holds
 * 4,000 requests in the benchmark's mix (bench/stream.ts) with about one in
 * 50 broken on purpose, and the stdout and stderr that the node produced for
 * them before any tuning. Every fast path has to reproduce them exactly,
 * error texts and key order included. After an intended change of behaviour,
 * rewrite the golden files with UPDATE_TRANSCRIPTS=1 and review the diff.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleNode } from '../../src/shell/node/bundle.js';
import { nodeBin } from '../support/node-process.js';

const dir = join(import.meta.dirname, '..', 'fixtures', 'node-stream');

const runOn = (script: string, input: Buffer, chunkBytes: number): Promise<{ stdout: string; stderr: string; code: number | null }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { stdio: 'pipe' });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), code }));
    // Odd-sized writes, so that lines (and UTF-8 sequences) straddle reads.
    for (let at = 0; at < input.length; at += chunkBytes) child.stdin.write(input.subarray(at, at + chunkBytes));
    child.stdin.end();
  });

const repo = join(import.meta.dirname, '..', '..');
const modules = join(repo, 'dist', 'src', 'shell', 'node', 'main.js');
/** A bundle made now from the compiled modules, as `npm run build` makes dist/node/maelstrom-kafka.cjs. */
const bundle = join(mkdtempSync(join(tmpdir(), 'kafka-bundle-')), 'maelstrom-kafka.cjs');

describe('the node on the benchmark stream', () => {
  const input = readFileSync(join(dir, 'requests.jsonl'));
  beforeAll(() => bundleNode(modules, bundle));
  const runs = [
    ['bin/maelstrom-kafka', nodeBin, 1 << 20],
    ['bin/maelstrom-kafka', nodeBin, 4093],
    ['the compiled modules', modules, 1 << 20],
    ['the one-file bundle', bundle, 4093],
  ] as const;
  for (const [name, script, chunkBytes] of runs) {
    it(`${name} writes the golden replies and log lines (stdin written in ${chunkBytes}-byte pieces)`, async () => {
      const { stdout, stderr, code } = await runOn(script, input, chunkBytes);
      expect(code).toBe(0);
      if (process.env['UPDATE_TRANSCRIPTS'] === '1' && script === nodeBin && chunkBytes === 1 << 20) {
        writeFileSync(join(dir, 'replies.jsonl'), stdout);
        writeFileSync(join(dir, 'log.txt'), stderr);
      }
      // Compared line by line first, so that a failure names the first differing reply.
      const golden = readFileSync(join(dir, 'replies.jsonl'), 'utf8');
      const lines = stdout.split('\n');
      const goldenLines = golden.split('\n');
      const first = lines.findIndex((line, i) => line !== goldenLines[i]);
      expect(first === -1 ? undefined : lines[first]).toBe(first === -1 ? undefined : goldenLines[first]);
      expect(stdout).toBe(golden);
      expect(stderr).toBe(readFileSync(join(dir, 'log.txt'), 'utf8'));
    });
  }
});
