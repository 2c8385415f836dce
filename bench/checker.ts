/**
 * Benchmark of `kafka-check` (issue 21): the command itself, streaming a
 * synthetic, valid, Maelstrom-shaped history file of 10^4, 10^5 and 10^6
 * ops (bench/synthetic-history.ts), each run in a child process.
 *
 * What it prints, per size:
 *  - ops/s: ops in the file over the child's wall time (start, read, check,
 *    print, exit; best of RUNS);
 *  - peak RSS: the child's own peak resident set (process.resourceUsage,
 *    read by the child as it exits), median of RUNS;
 *  - B/op: (peak RSS - the same child's peak on an empty history) / ops,
 *    what the history adds to the process; and B/offset, the same over the
 *    distinct offsets (acknowledged sends), which is what the checker must
 *    remember at the least.
 *
 * With `--jepsen` (development only, never in npm test) and when Java and
 * Maelstrom's jar are there, it also times Jepsen's own analysis
 * (`jepsen.tests.kafka/analysis`, Maelstrom 0.2.3) on the same histories,
 * written as history.edn, up to JEPSEN_MAX_OPS ops.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { median, table } from './stats.js';
import { syntheticOps } from './synthetic-history.js';
import { jepsenAnalysisSeconds, JEPSEN_MAX_OPS, writeEdnHistory } from './jepsen-analysis.js';

const SIZES = [10_000, 100_000, 1_000_000] as const;
/** Runs per size; the machine is shared, so the best time and the median peak are reported. */
const RUNS = 3;
const repo = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const CHECKER = join(repo, 'bin', 'kafka-check');
const DEFAULT_JAR = resolve(repo, '..', 'shared', 'maelstrom', 'maelstrom.jar');

/** Loaded into the child before kafka-check: reports its own peak RSS (bytes) on fd 3 as it exits. */
const RSS_PROBE =
  'data:text/javascript,import{writeSync}from"node:fs";process.on("exit",()=>{writeSync(3,`${process.resourceUsage().maxRSS*1024}`)})';

interface Run {
  readonly seconds: number;
  readonly peakBytes: number;
  readonly exitCode: number | null;
}

function runChecker(file: string): Promise<Run> {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', RSS_PROBE, CHECKER, file], { stdio: ['ignore', 'ignore', 'inherit', 'pipe'] });
    let report = '';
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (chunk: Buffer) => (report += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ seconds: (performance.now() - started) / 1000, peakBytes: Number(report), exitCode: code }));
  });
}

/** Writes `opCount` synthetic ops as JSON lines; returns the count of distinct offsets (acknowledged sends). */
function writeHistory(path: string, opCount: number): { ops: number; offsets: number } {
  const fd = openSync(path, 'w');
  let ops = 0;
  let offsets = 0;
  let batch: string[] = [];
  for (const op of syntheticOps(opCount)) {
    ops++;
    if (op.type === 'ok' && op.f === 'send') offsets++;
    batch.push(JSON.stringify(op));
    if (batch.length === 4096) {
      writeSync(fd, batch.join('\n') + '\n');
      batch = [];
    }
  }
  writeSync(fd, batch.join('\n') + '\n');
  closeSync(fd);
  return { ops, offsets };
}

async function measure(file: string): Promise<Run[]> {
  const runs: Run[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await runChecker(file));
  return runs;
}

export async function run(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const jar = argv.includes('--jepsen') ? jepsenJar() : null;
  const dir = mkdtempSync(join(tmpdir(), 'checker-bench-'));
  try {
    console.log(`checker: bin/kafka-check on a synthetic valid history file (child processes; best wall time, median peak RSS of ${RUNS} runs)`);
    const emptyFile = join(dir, 'empty.jsonl');
    writeHistory(emptyFile, 0);
    const baseline = median((await measure(emptyFile)).map((r) => r.peakBytes));
    const rows: string[][] = [];
    const jepsenRows: string[][] = [];
    for (const size of SIZES) {
      const file = join(dir, `history-${size}.jsonl`);
      const { ops, offsets } = writeHistory(file, size);
      const runs = await measure(file);
      const bad = runs.find((r) => r.exitCode !== 0);
      if (bad !== undefined) throw new Error(`kafka-check exited ${bad.exitCode} on the synthetic history of ${ops} ops; it should be valid`);
      const seconds = Math.min(...runs.map((r) => r.seconds));
      const peak = median(runs.map((r) => r.peakBytes));
      rows.push([
        ops.toLocaleString('en-US'),
        offsets.toLocaleString('en-US'),
        seconds.toFixed(2),
        Math.round(ops / seconds).toLocaleString('en-US'),
        (peak / 2 ** 20).toFixed(0),
        ((peak - baseline) / ops).toFixed(0),
        ((peak - baseline) / offsets).toFixed(0),
      ]);
      if (jar !== null && ops <= JEPSEN_MAX_OPS) {
        const edn = join(dir, `history-${size}.edn`);
        writeEdnHistory(edn, syntheticOps(size));
        const jepsen = jepsenAnalysisSeconds(jar, edn);
        jepsenRows.push([ops.toLocaleString('en-US'), jepsen.toFixed(2), Math.round(ops / jepsen).toLocaleString('en-US'), (seconds / jepsen).toFixed(3)]);
      }
      rmSync(file);
    }
    console.log(table(['ops', 'distinct offsets', 'wall s', 'ops/s', 'peak RSS MiB', 'B/op', 'B/offset'], rows));
    console.log(`B/op and B/offset: peak RSS above an empty history's (${(baseline / 2 ** 20).toFixed(0)} MiB: Node and the checker loaded)`);
    console.log('goal (issue 21): 300k ops in <= 3 s and <= 200 MB; memory grows with distinct offsets, not with ops');
    if (jar !== null) {
      console.log(`\nJepsen's jepsen.tests.kafka/analysis from ${jar} (dev only; analysis alone, JVM start and EDN reading excluded):`);
      console.log(table(['ops', 'Jepsen s', 'Jepsen ops/s', 'ours / Jepsen'], jepsenRows));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Maelstrom's jar, if Java and the jar are both there; otherwise says why it is skipped. */
function jepsenJar(): string | null {
  const jar = process.env['MAELSTROM_JAR'] ?? DEFAULT_JAR;
  const java = spawnSync('java', ['-version'], { stdio: 'ignore' });
  if (java.error !== undefined || java.status !== 0 || !existsSync(jar)) {
    console.log(`(Jepsen comparison skipped: needs Java on PATH and ${jar})`);
    return null;
  }
  return jar;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
