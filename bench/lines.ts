/**
 * The shell's LineSplitter on long lines (issue 21, goal 5): one line of 2 to
 * 50 MB pushed in 64 kB chunks, as a pipe delivers it. The goal is a 50 MB
 * line in under 0.5 s; the cost per MB must stay flat as the line grows (it
 * was O(L^2): 60 s for 50 MB, when every chunk rescanned all that was pending).
 */
import { performance } from 'node:perf_hooks';
import { LineSplitter } from '../src/shell/lines.js';
import { fixed, median, table } from './stats.js';

const CHUNK = 64 * 1024;
const SIZES_MB = [2, 10, 20, 50];

interface Timing {
  readonly wallMs: number;
  readonly cpuMs: number;
}

/** Wall and CPU milliseconds to split `chunks` (one line, then a short one); checks the line came out whole. */
const timeSplit = (chunks: readonly string[], expected: number): Timing => {
  let seen = 0;
  const splitter = new LineSplitter({
    onLine: (line) => (seen += line.length),
    onTooLong: () => {
      throw new Error('a line within the limit was refused');
    },
  });
  const started = performance.now();
  const cpu = process.cpuUsage();
  for (const chunk of chunks) splitter.push(chunk);
  splitter.end();
  const { user, system } = process.cpuUsage(cpu);
  const wallMs = performance.now() - started;
  if (seen !== expected) throw new Error(`split ${seen} characters of ${expected}`);
  return { wallMs, cpuMs: (user + system) / 1000 };
};

export const run = async (): Promise<void> => {
  console.log('# Long lines (issue 21): one line pushed through LineSplitter in 64 kB chunks, median of 5\n');
  const rows = SIZES_MB.map((mb) => {
    const text = `${'x'.repeat(mb * 1e6)}\nend\n`;
    const chunks: string[] = [];
    for (let at = 0; at < text.length; at += CHUNK) chunks.push(text.slice(at, at + CHUNK));
    const runs = Array.from({ length: 5 }, () => timeSplit(chunks, mb * 1e6 + 3));
    const wall = median(runs.map((r) => r.wallMs));
    const cpu = median(runs.map((r) => r.cpuMs));
    return [`${mb} MB`, fixed(wall, 1), fixed(cpu, 1), fixed(wall / mb, 2), fixed(cpu / mb, 2)];
  });
  console.log(table(['line', 'wall ms', 'cpu ms', 'wall ms/MB', 'cpu ms/MB'], rows));
  console.log('\nGoal: 50 MB in under 500 ms, ms per MB flat. On a loaded machine wall time is waiting for a core: CPU is the steadier figure.');
};
