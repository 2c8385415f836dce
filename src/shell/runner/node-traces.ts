/**
 * Traces recorded by the nodes themselves. The runner asks every node to
 * record its inputs (MAELSTROM_KAFKA_TRACE, which bin/maelstrom-kafka honours:
 * every message and every tick its reducer consumed, with the clock reading it
 * consumed it at). When every node did, their traces replace the one the
 * runner recorded at its router, which cannot see a node's ticks nor when the
 * node actually read each message: with them, a replay through the reducer
 * rebuilds each node exactly. Any other binary ignores the variable, and the
 * router's trace stays.
 *
 * Node clocks are epoch-based milliseconds on a 1/1024 ms grid; they are
 * shifted onto the run's clock (milliseconds since the run started), one
 * constant per run. The shift is exact, so a replay makes the very same
 * comparisons the node made (a rounded shift once flipped a tick that fell
 * within a microsecond of its deadline).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const TRACE_VARIABLE = 'MAELSTROM_KAFKA_TRACE';

export const nodeTraceDir = (runDir: string): string => join(runDir, 'node-traces');

export const nodeTracePath = (runDir: string, node: string): string => join(nodeTraceDir(runDir), `${node}.jsonl`);

export const prepareNodeTraces = (runDir: string): void => {
  mkdirSync(nodeTraceDir(runDir), { recursive: true });
};

const PREFIX = /^\{"node":("(?:[^"\\]|\\.)*"),"time_ms":([-+0-9.eE]+),/;

export type TraceSource = 'nodes' | 'runner';

/**
 * If every node left a trace, merges them (by time; a node's own order kept
 * for equal times) into trace.jsonl on the run's clock and returns 'nodes';
 * otherwise leaves the runner's trace and returns 'runner'. The per-node files
 * are removed either way.
 */
export const adoptNodeTraces = (runDir: string, nodes: readonly string[], runStartEpoch_ms: number): TraceSource => {
  const paths = nodes.map((node) => nodeTracePath(runDir, node));
  const complete = paths.every((path) => existsSync(path) && statSync(path).size > 0);
  try {
    if (!complete) return 'runner';
    const entries: { readonly time_ms: number; readonly line: string }[] = [];
    for (const path of paths) {
      for (const line of readFileSync(path, 'utf8').split('\n')) {
        const match = PREFIX.exec(line);
        if (match === null) continue;
        const time_ms = Number(match[2]) - runStartEpoch_ms; // exact: both on the 1/1024 ms grid
        entries.push({ time_ms, line: `{"node":${match[1]},"time_ms":${time_ms},${line.slice(match[0].length)}` });
      }
    }
    entries.sort((a, b) => a.time_ms - b.time_ms); // stable: each node's own order survives ties
    writeFileSync(join(runDir, 'trace.jsonl'), entries.map((e) => e.line).join('\n') + (entries.length > 0 ? '\n' : ''));
    return 'nodes';
  } finally {
    rmSync(nodeTraceDir(runDir), { recursive: true, force: true });
  }
};
