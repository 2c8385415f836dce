/**
 * When each node really read its `init`, for a runner's trace.
 *
 * The runner stamps `init` with the time it wrote it, but a node process
 * reads it only once it has booted, often a few hundred ms later (the main
 * phase waits for every `init_ok`). Everything periodic in the node counts
 * from that moment: its ticks, and so when its syncs leave and its retries
 * fall due. Replayed at the written time, a node ticks out of phase, and its
 * messages differ from the ones the trace shows.
 *
 * So for each node, the moment is searched: the one whose replay of that
 * node alone (its inputs, and the deliveries of what it sent) reproduces the
 * most of its peer messages identically over its first retry interval. A coarse grid first, then a
 * finer one around the best; ties go to the middle of the best stretch.
 *
 * Where to look: no later than the main phase's first request, nor than the
 * node's first message to a peer; and no earlier than the longest retry
 * wait (and two ticks) before that (a window kept from the design with
 * periodic full reports, which bounded it tightly; it still holds the
 * answer, as the replay test shows).
 */
import type { TraceEntry } from '../../../src/maelstrom/history/trace.js';
import type { NodeConfig } from '../../../src/core/node/config.js';
import type { NodeStep } from './replay.js';

/**
 * Replays a sub-trace with given init times and counts the peer messages
 * reproduced identically; may give up (returning less) once it cannot reach
 * `abandonBelow`.
 */
export type Scorer = (trace: readonly TraceEntry[], initTimes: ReadonlyMap<string, number>, abandonBelow: number) => number;

const COARSE_MS = 25;
const FINE_MS = 5;
/** A node's entries (inputs and deliveries of what it sent) a trial replays at most: enough to see its ticks' phase. */
const TRIAL_ENTRIES = 800;

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
  const { retryMaxMs, replicationIntervalMs } = search.config;
  const nodes = [...new Set(trace.map((e) => e.node))];
  for (const node of nodes) {
    const init = trace.find((e) => e.node === node && isInit(e));
    const firstSent = trace.find((e) => 'message' in e && e.message.src === node);
    if (init === undefined || firstSent === undefined) continue;
    const latest_ms = Math.min(firstRequest.time_ms, firstSent.time_ms);
    const earliest_ms = Math.max(init.time_ms, latest_ms - retryMaxMs - 2 * replicationIntervalMs);
    if (latest_ms <= init.time_ms) continue;
    const horizon_ms = latest_ms + retryMaxMs + 3 * replicationIntervalMs;
    const sub = trace.filter((e) => e.time_ms <= horizon_ms && (e.node === node || ('message' in e && e.message.src === node))).slice(0, TRIAL_ENTRIES);
    let bestScore = 0;
    // A candidate that cannot equal the best so far is abandoned early: only ties and better ones are run through.
    const scoreAt = (t: number): number => {
      const score = search.score(sub, new Map([[node, t]]), bestScore);
      bestScore = Math.max(bestScore, score);
      return score;
    };
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
    const coarse = best(grid(earliest_ms, latest_ms, COARSE_MS));
    const fine = best(grid(Math.max(earliest_ms, coarse - COARSE_MS), Math.min(latest_ms, coarse + COARSE_MS), FINE_MS));
    found.set(node, fine);
  }
  return found;
};
