/**
 * The final phase, per client thread, as Jepsen's kafka `final-polls` runs
 * it: once the main phase is over and the network healed, each thread crashes
 * its client (so no state survives from the main phase), assigns every key
 * any ok operation touched with seek-to-beginning (offset 0, no RPC), and
 * polls, pausing a random [0, 2 * interval) between polls, until it has
 * polled every key up to the highest offset known for it when the phase
 * began. A client that crashes on the way (a poll that ends `info`) is
 * replaced by a fresh one with no positions, and the thread polls on with it,
 * reading nothing, until the phase's time limit: Jepsen's sequence (crash,
 * assign, polls forever) does not start over. The workload bounds the whole
 * phase in time.
 */
import type { Invocation } from './invocation.js';
import { maxOffsetsOfValue, type OffsetsByKey } from './offsets.js';
import { nextUniform, type Rng } from './random.js';

export type FinalStage = 'crash' | 'assign' | 'poll' | 'done';

export interface FinalThread {
  readonly stage: FinalStage;
  readonly next_poll_at_ms: number;
  /** Keys this thread has not yet polled up to their target offset, with those targets. */
  readonly waiting_for: OffsetsByKey;
}

export const startFinalThread = (targets: OffsetsByKey): FinalThread => ({
  stage: Object.keys(targets).length === 0 ? 'done' : 'crash',
  next_poll_at_ms: 0,
  waiting_for: targets,
});

export const finishedFinalThread: FinalThread = { stage: 'done', next_poll_at_ms: 0, waiting_for: {} };

/** What the thread should do now, if anything. `keys` is every key of the phase's targets. */
export const finalInvocation = (thread: FinalThread, keys: readonly string[], now_ms: number): Invocation | null => {
  switch (thread.stage) {
    case 'crash':
      return { f: 'crash' };
    case 'assign':
      return { f: 'assign', keys, seek_to_beginning: true };
    case 'poll':
      return now_ms >= thread.next_poll_at_ms ? { f: 'poll' } : null;
    case 'done':
      return null;
  }
};

/** The thread after one of its operations completed. */
export const afterFinalCompletion = (
  thread: FinalThread,
  completed: { readonly f: string; readonly type: string; readonly value: unknown },
  now_ms: number,
  rng: Rng,
  poll_interval_ms: number,
): readonly [FinalThread, Rng] => {
  if (thread.stage === 'done') return [thread, rng];
  if (completed.f === 'crash') return [{ stage: 'assign', next_poll_at_ms: thread.next_poll_at_ms, waiting_for: thread.waiting_for }, rng];
  if (completed.f === 'assign') {
    return completed.type === 'ok' ? [{ stage: 'poll', next_poll_at_ms: now_ms, waiting_for: thread.waiting_for }, rng] : [thread, rng];
  }
  let waiting_for = thread.waiting_for;
  if (completed.type === 'ok') {
    const seen = maxOffsetsOfValue('poll', completed.value);
    const reached = Object.keys(seen).filter((key) => key in waiting_for && (waiting_for[key] as number) <= (seen[key] as number));
    if (reached.length > 0) {
      const rest: Record<string, number> = { ...waiting_for };
      for (const key of reached) delete rest[key];
      waiting_for = rest;
    }
  }
  if (Object.keys(waiting_for).length === 0) return [{ stage: 'done', next_poll_at_ms: 0, waiting_for }, rng];
  const [pause_ms, next] = nextUniform(rng, 2 * poll_interval_ms);
  return [{ stage: 'poll', next_poll_at_ms: now_ms + pause_ms, waiting_for }, next];
};
