/**
 * When each node really read its `init`, for a runner's trace.
 *
 * The runner stamps `init` with the time it wrote it, but a node process
 * reads it only once it has booted, often a few hundred ms later (the main
 * phase waits for every `init_ok`). Everything periodic in the node counts
 * from that moment: its ticks, its full reports, how long its peers have
 * been silent. Replayed at the written time, a node sends its full reports
 * out of phase, and its messages differ from the ones the trace shows.
 *
 * So for each node, the moment is searched: between the written time and
 * the first request of the main phase, the one whose replay of that node
 * alone (its inputs, and the deliveries of what it sent) reproduces the
 * most of its peer messages identically over the first periods of the run.
 * A coarse grid first, then a finer one around the best; ties go to the
 * middle of the best stretch.
 */
import type { TraceEntry } from '../../../src/core/history/trace.js';
import type { NodeConfig } from '../../../src/core/node/config.js';
import type { NodeStep } from './replay.js';

/** Replays a sub-trace with given init times and counts peer messages reproduced identically. */
export type Scorer = (trace: readonly TraceEntry[], initTimes: ReadonlyMap<string, number>) => number;

const COARSE_MS = 10;
const FINE_MS = 1;

const isInit = (entry: TraceEntry): boolean => 'message' in entry && entry.message.body.type === 'init';

export interface InitSearch {
  readonly config: NodeConfig;
  readonly score: Scorer;
  readonly step?: NodeStep;
}

/** Each node's inferred init time; nodes without an init entry, or with nothing to learn from, are left out. */
export const inferInitTimes = (trace: readonly TraceEntry[], search: InitSearch): Map<string, number> => {
  const found = new Map<string, number>();
  const firstRequest = trace.find((e) => !isInit(e) && 'message' in e);
  if (firstRequest === undefined) return found;
  const mainStart_ms = firstRequest.time_ms;
  const horizon_ms = mainStart_ms + 2 * search.config.fullReportIntervalMs + 3 * search.config.replicationIntervalMs;
  const nodes = [...new Set(trace.map((e) => e.node))];
  for (const node of nodes) {
    const init = trace.find((e) => e.node === node && isInit(e));
    if (init === undefined || init.time_ms >= mainStart_ms) continue;
    const sub = trace.filter((e) => e.time_ms <= horizon_ms && (e.node === node || ('message' in e && e.message.src === node)));
    if (!sub.some((e) => 'message' in e && e.message.src === node)) continue;
    const scoreAt = (t: number): number => search.score(sub, new Map([[node, t]]));
    const best = (candidates: readonly number[]): number => {
      const scores = candidates.map(scoreAt);
      const top = Math.max(...scores);
      const tops = candidates.filter((_, i) => scores[i] === top);
      return tops[Math.floor((tops.length - 1) / 2)]!;
    };
    const grid = (from: number, to: number, stride: number): number[] => {
      const out: number[] = [];
      for (let t = from; t <= to; t += stride) out.push(t);
      if (out[out.length - 1] !== to) out.push(to);
      return out;
    };
    const coarse = best(grid(init.time_ms, mainStart_ms, COARSE_MS));
    const fine = best(grid(Math.max(init.time_ms, coarse - COARSE_MS), Math.min(mainStart_ms, coarse + COARSE_MS), FINE_MS));
    found.set(node, fine);
  }
  return found;
};
