/**
 * One run on the wall clock: the nodes as processes, everything else as the
 * pure harness (src/maelstrom/workload/harness.ts). This file only carries things
 * across: node stdout lines into the harness (those for clients after those
 * between nodes, client-lines.ts), the harness's deliveries onto
 * node stdin (and into trace.jsonl), the history it records into
 * history.jsonl, one timer for the harness's next wake-up.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Effect, Message } from '../../core/machine.js';
import { drainHarness, harnessDone, harnessStep, initialHarness, type HarnessConfig, type HarnessInput, type HarnessState } from '../../maelstrom/workload/harness.js';
import { encodeJson } from '../json.js';
import { DEFAULT_MAX_LINE_CHARS } from '../lines.js';
import { adoptNodeTraces, nodeTracePath, prepareNodeTraces, TRACE_VARIABLE, type TraceSource } from './node-traces.js';
import { spawnNode, type NodeProcess } from './nodes.js';
import { ClientLineQueue, isForClient } from './client-lines.js';
import { LineFile } from './store.js';

export interface RunPaths {
  readonly dir: string;
  readonly node_logs: string;
}

export interface RunHooks {
  /** Called now and then with the current state, for the progress display. */
  readonly onProgress?: (state: HarnessState, now_ms: number) => void;
  /** A line for the runner's own log (phase changes, nemesis, problems). */
  readonly onLog?: (text: string, now_ms: number) => void;
  /** Called with the state just before the ops it recorded are written to history.jsonl and let go (the progress count). */
  readonly onBeforeDrain?: (state: HarnessState) => void;
}

export interface RunOutcome {
  readonly state: HarnessState;
  /** Per node, CPU seconds it used (sampled just before it was stopped); null where unknown. */
  readonly node_cpu_s: Readonly<Record<string, number | null>>;
  /** Whose trace.jsonl this run kept: the nodes' own (exact), or the runner's (see node-traces.ts). */
  readonly trace_source: TraceSource;
}

export interface RunHandle {
  /** Resolves with the final state once the workload is done (or the run was stopped). */
  readonly finished: Promise<RunOutcome>;
  /** Stops early (a signal): the nodes are stopped and `finished` resolves with the state so far. */
  stop(reason: string): void;
}

const GRACE_MS = 300;
const PROGRESS_EVERY_MS = 250;

/** Turns one stdout line into a harness input: a message, or the reason it is not one. */
export const parseNodeLine = (node: string, line: string, now_ms: number): HarnessInput | null => {
  if (line.trim() === '') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return { kind: 'node-garbage', now_ms, node, reason: `not JSON: ${clip(line)}` };
  }
  if (!isMessage(parsed)) return { kind: 'node-garbage', now_ms, node, reason: `not a {src, dest, body: {type}} message: ${clip(line)}` };
  return { kind: 'node-output', now_ms, node, message: parsed };
};

const clip = (line: string): string => (line.length > 120 ? `${line.slice(0, 117)}...` : line);

const isMessage = (u: unknown): u is Message => {
  if (typeof u !== 'object' || u === null) return false;
  const m = u as Record<string, unknown>;
  const body = m.body as Record<string, unknown> | null | undefined;
  return typeof m.src === 'string' && typeof m.dest === 'string' && typeof body === 'object' && body !== null && typeof body.type === 'string';
};

export const startRun = (
  config: HarnessConfig,
  bin: string,
  bin_args: readonly string[],
  paths: RunPaths,
  hooks: RunHooks = {},
  maxLineChars: number = DEFAULT_MAX_LINE_CHARS,
): RunHandle => {
  const t0 = performance.now();
  const now = (): number => performance.now() - t0;
  // On the nodes' 1/1024 ms grid (see the node's clock), so shifting onto the run's clock is exact.
  const runStartEpoch_ms = Math.floor((performance.timeOrigin + t0) * 1024) / 1024;
  prepareNodeTraces(paths.dir);
  let state = initialHarness(config);
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let progressTimer: NodeJS.Timeout | undefined;
  const trace: WriteStream = createWriteStream(join(paths.dir, 'trace.jsonl'));
  // The history goes to its file as it is recorded, as the simulator's does, and is let go: a long
  // run's history is never held whole (a quarter less peak memory over 60 s at rate 1000), and a
  // poll's value dies young instead of being collected from the old space at the end.
  const historyFile = new LineFile(join(paths.dir, 'history.jsonl'));
  const drainHistory = (): void => {
    hooks.onBeforeDrain?.(state);
    const [ops, drained] = drainHarness(state);
    if (ops.length === 0) return;
    state = drained;
    for (const op of ops) historyFile.line(encodeJson(op));
  };
  const nodes = new Map<string, NodeProcess>();
  let resolveFinished: (outcome: RunOutcome) => void = () => undefined;
  const finished = new Promise<RunOutcome>((resolve) => (resolveFinished = resolve));

  // Output is batched: one write per node per step, and the trace in large chunks,
  // because a write per message costs more than everything else the runner does.
  const outbox = new Map<string, string[]>();
  let traceChunk: string[] = [];
  let traceChars = 0;
  const TRACE_CHUNK_CHARS = 1 << 16;
  const flushTrace = (): void => {
    if (traceChunk.length === 0) return;
    trace.write(traceChunk.join(''));
    traceChunk = [];
    traceChars = 0;
  };

  const deliver = (message: Message, time_ms: number): void => {
    const lines = outbox.get(message.dest);
    if (lines === undefined) return;
    const line = encodeJson(message);
    lines.push(line);
    const entry = `{"node":${JSON.stringify(message.dest)},"time_ms":${Math.round(time_ms * 1000) / 1000},"message":${line}}\n`;
    traceChunk.push(entry);
    traceChars += entry.length;
    if (traceChars >= TRACE_CHUNK_CHARS) flushTrace();
  };

  let flushQueued = false;
  // Once per callback: the history recorded in it goes to its file, and each node's deliveries to its stdin.
  const flushOutbox = (): void => {
    flushQueued = false;
    drainHistory();
    for (const [id, lines] of outbox) {
      if (lines.length === 0) continue;
      nodes.get(id)?.write(lines.join('\n'));
      lines.length = 0;
    }
  };

  const carry = (effects: readonly Effect[], now_ms: number): void => {
    let wake: number | undefined;
    for (const effect of effects) {
      if (effect.kind === 'send') deliver(effect.message, now_ms);
      else if (effect.kind === 'timer') wake = wake === undefined ? effect.at_ms : Math.min(wake, effect.at_ms);
      else hooks.onLog?.(effect.text, now_ms);
    }
    // Flush once the current callback (a whole stdout chunk, or a timer) is handled.
    if (!flushQueued) {
      flushQueued = true;
      queueMicrotask(flushOutbox);
    }
    if (timer !== undefined) clearTimeout(timer);
    timer = wake === undefined ? undefined : setTimeout(tick, Math.max(0, wake - now()));
  };

  const apply = (input: HarnessInput): void => {
    if (stopping) return;
    const [next, effects] = harnessStep(state, input);
    state = next;
    carry(effects, input.now_ms);
    if (harnessDone(state)) void finish();
  };

  const tick = (): void => apply({ kind: 'tick', now_ms: now() });

  const finish = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    if (timer !== undefined) clearTimeout(timer);
    if (progressTimer !== undefined) clearInterval(progressTimer);
    const node_cpu_s = Object.fromEntries([...nodes.values()].map((node) => [node.id, node.cpuSeconds()]));
    await Promise.all([...nodes.values()].map((node) => node.stop(GRACE_MS)));
    flushTrace();
    drainHistory();
    historyFile.close();
    await new Promise<void>((resolve) => trace.end(resolve));
    const trace_source = adoptNodeTraces(paths.dir, config.workload.node_ids, runStartEpoch_ms);
    resolveFinished({ state, node_cpu_s, trace_source });
  };

  const takeLine = (node: string, line: string): void => {
    const input = parseNodeLine(node, line, now());
    if (input !== null) apply(input);
  };
  // Lines between nodes are taken at once; lines for clients wait their slice (client-lines.ts).
  const clientLines = new ClientLineQueue(takeLine);

  for (const id of config.workload.node_ids) {
    const env = { ...process.env, [TRACE_VARIABLE]: nodeTracePath(paths.dir, id) };
    const node = spawnNode(id, bin, bin_args, join(paths.node_logs, `${id}.log`), {
      onLine: (line) => {
        if (isForClient(line)) clientLines.push(id, line);
        else takeLine(id, line);
      },
      // What a node printed before a refused line or its exit is taken first, in order.
      onTooLong: (head) => {
        clientLines.flush();
        apply({ kind: 'node-line-too-long', now_ms: now(), node: id, limit_chars: maxLineChars, head: clip(head) });
      },
      onExit: (reason) => {
        const log = `node-logs/${id}.log`;
        clientLines.flush();
        if (!stopping) apply({ kind: 'node-down', now_ms: now(), node: id, reason: `${id} ${reason} (its stderr is in ${log})` });
      },
    }, env, maxLineChars);
    nodes.set(id, node);
    outbox.set(id, []);
  }
  progressTimer = setInterval(() => hooks.onProgress?.(state, now()), PROGRESS_EVERY_MS);
  // The first step sends every node its init.
  tick();

  return {
    finished,
    stop(reason: string): void {
      hooks.onLog?.(`stopping: ${reason}`, now());
      void finish();
    },
  };
};
