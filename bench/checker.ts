/**
 * Benchmark of the checker (issue 3): check a synthetic, valid,
 * Maelstrom-shaped history of 2.5*10^5, 5*10^5 and 10^6 ops and report
 * throughput (goal: >= 10^6 ops/s) and memory (goal: linear in the history).
 *
 * Each size runs in its own child process with --expose-gc, so that the heap
 * figures belong to that size alone and the peak RSS is that run's peak:
 *
 *  - history heap: what the parsed history itself occupies (after GC);
 *  - check peak:   how far check() raised the process's peak RSS above what
 *                  it was before the check (the working set of the analysis);
 *  - result heap:  what the returned result keeps alive (after GC);
 *  - JSONL parse:   reading the same history back from JSON lines (as the CLI does).
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { check, parseJsonlHistory } from '../src/checker/index.js';
import type { Op } from '../src/maelstrom/history/op.js';

const SIZES = [250_000, 500_000, 1_000_000] as const;
/** Timed runs per size; the best is reported (the machine is shared). */
const RUNS = 5;
/** Untimed ops checked first in each child. */
const WARM_UP_OPS = 2_000_000;
const CHILD_FLAG = '--checker-bench-child';
const MIB = 2 ** 20;

/** A tiny deterministic generator, so every run checks the same history. */
const lcg = (seed: number) => () => {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed / 2 ** 32;
};

/**
 * A valid history shaped like Maelstrom's kafka workload: `processes`
 * clients over ten active keys, each key retired after 16 sends; about one
 * op in 64 an assign (resuming new keys at the committed offset), the rest
 * half sends, half polls from each client's positions; a few definite send
 * failures; and a final phase in which a fresh client re-reads every key from
 * offset 0, ten keys per assign. About `opCount` ops in all.
 */
export function syntheticHistory(opCount: number, processes = 10, seed = 42): Op[] {
  const random = lcg(seed);
  const ops: Op[] = [];
  let timeNanos = 0;
  const emit = (type: Op['type'], process: number, f: string, value: unknown, extra: Readonly<Record<string, unknown>> = {}): void => {
    timeNanos += 100_000 + Math.floor(random() * 400_000);
    ops.push({ index: ops.length, time: timeNanos, type, process, f, value, ...extra });
  };
  const logs: unknown[][] = [];
  const committed: number[] = [];
  // Messages are unique per key, as in Maelstrom: a failed send uses up its message.
  const sent: number[] = [];
  let active: number[] = [];
  const newKey = (): number => {
    logs.push([]);
    committed.push(0);
    sent.push(0);
    return logs.length - 1;
  };
  for (let i = 0; i < 10; i++) active.push(newKey());
  const positions: Map<number, number>[] = Array.from({ length: processes }, () => new Map());
  const finalOps = (): number => Math.ceil(logs.length / 10) * 4 + 2;

  while (ops.length + finalOps() < opCount) {
    const p = Math.floor(random() * processes);
    const mine = positions[p] as Map<number, number>;
    const r = random();
    if (r < 1 / 64) {
      const keys = active.map(String);
      const next = new Map<number, number>();
      for (const k of active) next.set(k, mine.get(k) ?? (committed[k] as number));
      positions[p] = next;
      emit('invoke', p, 'assign', keys);
      emit('ok', p, 'assign', keys);
    } else if (r < 0.5) {
      const slot = Math.floor(random() * active.length);
      const k = active[slot] as number;
      const log = logs[k] as unknown[];
      const msg = (sent[k] = (sent[k] as number) + 1);
      emit('invoke', p, 'send', [['send', String(k), msg]]);
      if (random() < 0.002) {
        emit('fail', p, 'send', [['send', String(k), msg]], { error: ['temporarily-unavailable', 'try again'] });
        continue;
      }
      log.push(msg);
      emit('ok', p, 'send', [['send', String(k), [log.length - 1, msg]]]);
      if (log.length === 16) active = active.map((a) => (a === k ? newKey() : a));
    } else {
      const msgs: Record<string, [number, unknown][]> = {};
      for (const [k, from] of mine) {
        const log = logs[k] as unknown[];
        if (from >= log.length) continue;
        msgs[String(k)] = log.slice(from).map((msg, i) => [from + i, msg]);
        mine.set(k, log.length);
        committed[k] = Math.max(committed[k] as number, log.length);
      }
      emit('invoke', p, 'poll', [['poll']]);
      emit('ok', p, 'poll', [['poll', msgs]]);
    }
  }
  // Final phase: a fresh client (after a crash) reads everything from 0.
  emit('invoke', 0, 'crash', null);
  emit('info', 0, 'crash', null);
  const reader = processes;
  for (let first = 0; first < logs.length; first += 10) {
    const keys = logs.slice(first, first + 10).map((_, i) => String(first + i));
    emit('invoke', reader, 'assign', keys, { 'seek-to-beginning?': true });
    emit('ok', reader, 'assign', keys, { 'seek-to-beginning?': true });
    const msgs: Record<string, [number, unknown][]> = {};
    for (const key of keys) msgs[key] = (logs[Number(key)] as unknown[]).map((msg, i) => [i, msg]);
    emit('invoke', reader, 'poll', [['poll']], { 'poll-ms': 1000 });
    emit('ok', reader, 'poll', [['poll', msgs]], { 'poll-ms': 1000 });
  }
  return ops;
}

interface Measurement {
  readonly ops: number;
  readonly bestSeconds: number;
  readonly parseSeconds: number;
  readonly historyMiB: number;
  readonly checkPeakMiB: number;
  readonly resultMiB: number;
  readonly valid: boolean;
}

/** Runs in the child: one size, fresh heap. */
function measure(size: number): Measurement {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run with --expose-gc');
  gc();
  const empty = process.memoryUsage().heapUsed;
  const history = syntheticHistory(size);
  gc();
  const withHistory = process.memoryUsage().heapUsed;
  const rssBefore = process.memoryUsage().rss;
  let best = Infinity;
  let result = check(history);
  const peakAfterFirst = process.resourceUsage().maxRSS * 1024;
  // Warm the JIT on as many ops whatever the size, so that small sizes are not measured cold.
  for (let warmed = history.length; warmed < WARM_UP_OPS; warmed += history.length) check(history);
  for (let run = 0; run < RUNS; run++) {
    // Collect the previous run's garbage first: each run is measured on its own.
    gc();
    const started = performance.now();
    result = check(history);
    best = Math.min(best, (performance.now() - started) / 1000);
  }
  gc();
  const withResult = process.memoryUsage().heapUsed;
  // Reading the same history back from JSON lines, as the CLI does.
  const text = history.map((op) => JSON.stringify(op)).join('\n');
  gc();
  const parseStarted = performance.now();
  const parsed = parseJsonlHistory(text);
  const parseSeconds = (performance.now() - parseStarted) / 1000;
  if (parsed._tag === 'Left') throw new Error(`line ${parsed.left.line}: ${parsed.left.message}`);
  return {
    ops: history.length,
    bestSeconds: best,
    parseSeconds,
    historyMiB: (withHistory - empty) / MIB,
    checkPeakMiB: Math.max(0, peakAfterFirst - rssBefore) / MIB,
    resultMiB: (withResult - withHistory) / MIB,
    valid: result['valid?'],
  };
}

function inChild(size: number): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const script = fileURLToPath(import.meta.url);
    const child = spawn(process.execPath, ['--expose-gc', script, CHILD_FLAG, String(size)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`checker bench child for ${size} ops exited ${code}`));
      else resolve(JSON.parse(out) as Measurement);
    });
  });
}

export async function run(): Promise<void> {
  console.log(`checker: check() on a synthetic valid history (best of ${RUNS} runs per size, each size in a fresh process)`);
  const rows: string[][] = [];
  for (const size of SIZES) {
    const m = await inChild(size);
    if (!m.valid) throw new Error(`the synthetic history of ${m.ops} ops should be valid`);
    rows.push([
      m.ops.toLocaleString('en-US'),
      (m.bestSeconds * 1000).toFixed(0),
      Math.round(m.ops / m.bestSeconds).toLocaleString('en-US'),
      m.historyMiB.toFixed(1),
      m.checkPeakMiB.toFixed(1),
      ((m.checkPeakMiB * MIB) / m.ops).toFixed(0),
      m.resultMiB.toFixed(1),
      Math.round(m.ops / m.parseSeconds).toLocaleString('en-US'),
    ]);
  }
  const header = ['ops', 'check ms', 'ops/s', 'history MiB', 'check peak MiB', 'peak B/op', 'result MiB', 'JSONL parse ops/s'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padStart(widths[i] as number)).join('  ');
  console.log([line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n'));
  console.log('goal: >= 1,000,000 ops/s; peak B/op flat across sizes (memory linear in the history)');
}

const isChild = process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === CHILD_FLAG;
if (isChild) {
  process.stdout.write(JSON.stringify(measure(Number(process.argv[3]))));
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await run();
}
