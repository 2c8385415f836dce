/**
 * The node processes the runner spawns: they run below the runner's
 * priority, so that a machine they saturate delays them and not the network
 * and clients that time them.
 */
import { mkdtempSync } from 'node:fs';
import { getPriority } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NODE_NICENESS, spawnNode } from '../../src/shell/runner/nodes.js';

/** A stand-in node: echoes every line it reads. */
const ECHO = `process.stdin.setEncoding('utf8'); process.stdin.on('data', (d) => process.stdout.write(d));`;

describe('a spawned node', () => {
  it(`runs ${NODE_NICENESS} nice levels below the runner, and still talks`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nodes-'));
    const lines: string[] = [];
    let exit = '';
    const node = spawnNode('n0', process.execPath, ['-e', ECHO], join(dir, 'n0.log'), {
      onLine: (line) => lines.push(line),
      onTooLong: () => undefined,
      onExit: (reason) => (exit = reason),
    });
    expect(getPriority(node.pid)).toBe(Math.min(19, getPriority() + NODE_NICENESS));
    node.write('{"hello":1}');
    await expect.poll(() => lines, { timeout: 5000 }).toEqual(['{"hello":1}']);
    await node.stop(500);
    expect(exit).toMatch(/exited|killed/);
  });
});
