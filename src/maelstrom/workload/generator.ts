/**
 * The main phase's operation generator, Jepsen's kafka generator as Maelstrom
 * composes it, on whatever clock the caller passes in:
 *
 * - Operations come from the key pool (keys.ts): a send or a poll.
 * - Each time an operation is asked for, with chance `assign_probability`
 *   (Jepsen's subscribe-ratio, 1/8) an assign of the pending operation's key
 *   is emitted instead and the operation stays pending, to face the same
 *   chance again next time (Jepsen's interleave-subscribes returns its old
 *   self): so 1/8 of all operations are assigns, not 1/9. A third of assigns
 *   also take every key with sent-but-unpolled offsets (poll-unseen), so
 *   clients go back for them.
 * - Operations are staggered: after each, the next is due after a delay
 *   uniform in [0, 2 / rate), so `rate_hz` is the mean rate across clients.
 * - Clients crash: the first crash is due at once (Jepsen's stagger emits
 *   its first operation immediately), then one every uniform
 *   [0, 2 * client_crash_interval_ms / concurrency).
 *
 * It also keeps, from every ok operation, the highest offset known per key:
 * the final phase reads every key up to there, and committed offsets above
 * it are unsound (commits.ts).
 */
import { get, set, emptyMap, type PMap } from '../../core/persistent/hamt.js';
import type { WorkloadConfig } from './config.js';
import type { Invocation } from './invocation.js';
import { drawMicroOp, initialKeyPool, type KeyPool } from './keys.js';
import { maxOffsetsOfValue, type OffsetsByKey } from './offsets.js';
import { nextChance, nextUniform, type Rng } from './random.js';

export interface GeneratorState {
  readonly rng: Rng;
  readonly keys: KeyPool;
  /** The drawn operation not yet emitted (an assign was emitted in its place), with the key it touches. */
  readonly pending: PendingOperation | null;
  /** When the next operation is due. */
  readonly next_op_at_ms: number;
  /** When the next client crash is due. */
  readonly next_crash_at_ms: number;
  /** Per key, the highest offset ok sends got, for keys that polls have not caught up with yet. */
  readonly unseen_sent: OffsetsByKey;
  /** Per key, the highest offset ok polls saw, for the same keys. */
  readonly unseen_polled: OffsetsByKey;
  /** Per key, the highest offset any ok operation sent or polled: the final phase's targets. */
  readonly max_offsets: PMap<number>;
}

export interface PendingOperation {
  readonly key: string;
  readonly operation: Invocation;
}

const crashDelay = (rng: Rng, config: WorkloadConfig): readonly [number, Rng] =>
  nextUniform(rng, (2 * config.client_crash_interval_ms) / Math.max(1, config.concurrency));

export const initialGenerator = (config: WorkloadConfig, rng: Rng, now_ms: number): GeneratorState => {
  return {
    rng,
    keys: initialKeyPool(config.key_count),
    pending: null,
    next_op_at_ms: now_ms,
    next_crash_at_ms: now_ms,
    unseen_sent: {},
    unseen_polled: {},
    max_offsets: emptyMap<number>(),
  };
};

/** Whether an operation is due; rate 0 means none ever is. */
export const operationDue = (state: GeneratorState, config: WorkloadConfig, now_ms: number): boolean =>
  config.rate_hz > 0 && now_ms >= state.next_op_at_ms;

const numericOrder = (a: string, b: string): number => Number(a) - Number(b) || (a < b ? -1 : a > b ? 1 : 0);

const drawPending = (state: GeneratorState, config: WorkloadConfig): readonly [PendingOperation, KeyPool, Rng] => {
  if (state.pending !== null) return [state.pending, state.keys, state.rng];
  const [drawn, keys, rng] = drawMicroOp(state.keys, state.rng, config.max_writes_per_key);
  const key = String(drawn.key);
  const operation: Invocation = drawn.f === 'send' ? { f: 'send', key, msg: drawn.msg } : { f: 'poll' };
  return [{ key, operation }, keys, rng];
};

/**
 * `state` with a new generator, key pool, pending operation and schedule.
 * Built field by field: a spread costs several times more, and this runs
 * for every operation.
 */
const rescheduled = (state: GeneratorState, rng: Rng, keys: KeyPool, pending: PendingOperation | null, next_op_at_ms: number, next_crash_at_ms: number): GeneratorState => ({
  rng,
  keys,
  pending,
  next_op_at_ms,
  next_crash_at_ms,
  unseen_sent: state.unseen_sent,
  unseen_polled: state.unseen_polled,
  max_offsets: state.max_offsets,
});

const draw = (state: GeneratorState, config: WorkloadConfig): readonly [GeneratorState, Invocation] => {
  const [pending, keys, afterDraw] = drawPending(state, config);
  const [assignInstead, afterAssign] = nextChance(afterDraw, config.assign_probability);
  if (!assignInstead) return [rescheduled(state, afterAssign, keys, null, state.next_op_at_ms, state.next_crash_at_ms), pending.operation];
  const [withUnseen, afterUnseen] = nextChance(afterAssign, config.unseen_assign_probability);
  const unseen = withUnseen ? Object.keys(state.unseen_sent).sort(numericOrder) : [];
  const assign: Invocation = { f: 'assign', keys: [...new Set([pending.key, ...unseen])], seek_to_beginning: false };
  return [rescheduled(state, afterUnseen, keys, pending, state.next_op_at_ms, state.next_crash_at_ms), assign];
};

/**
 * The next operation, and the state with the following one scheduled.
 * `ready_at_ms` is when a client became free to take it: the next operation
 * is due a random delay after the later of that and when this one was due,
 * so a late timer does not lower the rate but a busy cluster does, as in
 * Jepsen's stagger.
 */
export const takeInvocation = (
  state: GeneratorState,
  config: WorkloadConfig,
  now_ms: number,
  ready_at_ms: number,
): readonly [GeneratorState, Invocation] => {
  const emitted_at_ms = Math.min(now_ms, Math.max(state.next_op_at_ms, ready_at_ms));
  const [gap_ms, afterGap] = nextUniform(state.rng, 2000 / config.rate_hz);
  const next_op_at_ms = emitted_at_ms + gap_ms;
  if (now_ms >= state.next_crash_at_ms) {
    const [crash_delay_ms, afterCrash] = crashDelay(afterGap, config);
    return [rescheduled(state, afterCrash, state.keys, state.pending, next_op_at_ms, now_ms + crash_delay_ms), { f: 'crash' }];
  }
  return draw(rescheduled(state, afterGap, state.keys, state.pending, next_op_at_ms, state.next_crash_at_ms), config);
};

/**
 * Learns from a completed operation; only ok sends and polls teach anything.
 * Invariant: every key of `unseen_polled` is a key of `unseen_sent` (a key
 * whose polls caught up with its sends is forgotten from both, as Jepsen's
 * poll-unseen trims them).
 */
export const observeCompletion = (state: GeneratorState, type: string, f: string, value: unknown): GeneratorState => {
  if (type !== 'ok' || (f !== 'send' && f !== 'poll')) return state;
  const offsets = maxOffsetsOfValue(f, value);
  let max_offsets = state.max_offsets;
  let sent = state.unseen_sent as Record<string, number>;
  let polled = state.unseen_polled as Record<string, number>;
  let copied = false;
  const own = (): void => {
    if (copied) return;
    sent = { ...sent };
    polled = { ...polled };
    copied = true;
  };
  for (const key in offsets) {
    const offset = offsets[key] as number;
    if (offset > (get(max_offsets, key) ?? -1)) max_offsets = set(max_offsets, key, offset);
    if (f === 'send') {
      const highestSent = Math.max(sent[key] ?? -1, offset);
      if ((polled[key] ?? -1) >= highestSent) {
        if (key in sent) {
          own();
          delete sent[key];
          delete polled[key];
        }
      } else if (highestSent !== sent[key]) {
        own();
        sent[key] = highestSent;
      }
    } else {
      const highestSent = sent[key];
      if (highestSent === undefined) continue;
      const highestPolled = Math.max(polled[key] ?? -1, offset);
      if (highestPolled >= highestSent) {
        own();
        delete sent[key];
        delete polled[key];
      } else if (highestPolled !== polled[key]) {
        own();
        polled[key] = highestPolled;
      }
    }
  }
  if (max_offsets === state.max_offsets && !copied) return state;
  return {
    rng: state.rng,
    keys: state.keys,
    pending: state.pending,
    next_op_at_ms: state.next_op_at_ms,
    next_crash_at_ms: state.next_crash_at_ms,
    unseen_sent: sent,
    unseen_polled: polled,
    max_offsets,
  };
};
