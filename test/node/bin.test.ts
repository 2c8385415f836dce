/**
 * bin/maelstrom-kafka runs the one-file bundle only when it was built after
 * the last compile, and the compiled modules otherwise: a stale bundle must
 * never answer for sources that changed since. Checked on a copy of the bin
 * in a scratch layout whose "bundle" and "modules" only say who they are.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeBin } from '../support/node-process.js';

const layout = (): string => {
  const root = mkdtempSync(join(tmpdir(), 'kafka-bin-'));
  mkdirSync(join(root, 'bin'));
  mkdirSync(join(root, 'dist', 'node'), { recursive: true });
  mkdirSync(join(root, 'dist', 'src', 'shell', 'node'), { recursive: true });
  copyFileSync(nodeBin, join(root, 'bin', 'maelstrom-kafka'));
  copyFileSync(join(dirname(nodeBin), 'package.json'), join(root, 'bin', 'package.json'));
  writeFileSync(join(root, 'package.json'), '{"type":"module"}');
  writeFileSync(join(root, 'dist', 'node', 'maelstrom-kafka.cjs'), "process.stdout.write('bundle')");
  writeFileSync(join(root, 'dist', 'src', 'shell', 'node', 'main.js'), "process.stdout.write('modules')");
  for (const info of ['.pure.tsbuildinfo', '.shell.tsbuildinfo']) writeFileSync(join(root, 'dist', info), '{}');
  return root;
};

const at = (root: string, path: string, seconds: number): void => utimesSync(join(root, 'dist', path), seconds, seconds);
const run = (root: string): string => execFileSync(process.execPath, [join(root, 'bin', 'maelstrom-kafka')], { encoding: 'utf8' });

describe('bin/maelstrom-kafka', () => {
  it('runs the bundle when it is newer than both compiles', () => {
    const root = layout();
    at(root, '.pure.tsbuildinfo', 1000);
    at(root, '.shell.tsbuildinfo', 1001);
    at(root, 'node/maelstrom-kafka.cjs', 1001);
    expect(run(root)).toBe('bundle');
  });

  it('runs the compiled modules when either compile is newer than the bundle, or there is no bundle', () => {
    const root = layout();
    at(root, 'node/maelstrom-kafka.cjs', 1000);
    at(root, '.pure.tsbuildinfo', 1000);
    at(root, '.shell.tsbuildinfo', 1002);
    expect(run(root)).toBe('modules');
    at(root, '.shell.tsbuildinfo', 1000);
    at(root, '.pure.tsbuildinfo', 1002);
    expect(run(root)).toBe('modules');
    const bare = layout();
    execFileSync('rm', [join(bare, 'dist', 'node', 'maelstrom-kafka.cjs')]);
    expect(run(bare)).toBe('modules');
  });

  it('runs the bundle in the installed package, which ships no .tsbuildinfo (nothing compiles there)', () => {
    const root = layout();
    execFileSync('rm', [join(root, 'dist', '.pure.tsbuildinfo'), join(root, 'dist', '.shell.tsbuildinfo')]);
    expect(run(root)).toBe('bundle');
  });
});
