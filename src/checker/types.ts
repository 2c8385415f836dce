/**
 * What the checker reports. The shape mirrors the `:workload` map of
 * Maelstrom's `results.edn` for the kafka workload, with EDN keywords written
 * as kebab-case strings (`:valid?` -> "valid?"), so a person who knows Jepsen's
 * output can read ours, and the two can be compared field by field.
 *
 * Every anomaly names its key, the values and offsets involved, and the ops
 * that show it. Ops are the history's own objects (not copies), so a result
 * costs little memory even when it cites the same op many times.
 */
import type { Op } from '../maelstrom/history/op.js';

/** Jepsen's names, sorted the way Clojure sorts keywords (code units). */
export const ANOMALY_TYPES = [
  'G1a',
  'duplicate',
  'inconsistent-offsets',
  'int-nonmonotonic-poll',
  'int-nonmonotonic-send',
  'int-poll-skip',
  'int-send-skip',
  'lost-write',
  'nonmonotonic-poll',
  'nonmonotonic-send',
  'poll-skip',
  'unseen',
] as const;

export type AnomalyType = (typeof ANOMALY_TYPES)[number];

/**
 * Types that do not make a history invalid. Jepsen allows `int-send-skip`
 * (writes of concurrent producers interleave) and the G0 family, which this
 * checker does not produce; Maelstrom assigns rather than subscribes, so
 * external poll skips stay bad.
 */
export const ALLOWED_ANOMALY_TYPES: ReadonlySet<AnomalyType> = new Set<AnomalyType>(['int-send-skip']);

/** A message as it appeared in the history (usually an integer). */
export type Msg = unknown;

/** An offset as the history gave it; null when the op did not know it. */
export type Offset = number | null;

/** An acknowledged (or proven) send that no successful poll saw, though a later offset of its key was read. */
export interface LostWrite {
  readonly key: string;
  readonly value: Msg;
  readonly offset: number;
  /** Dense index of the value in the key's version order. */
  readonly index: number;
  /** The highest dense index any successful poll of the key read. */
  readonly 'max-read-index': number;
  readonly 'max-read-offset': number;
  readonly writer: Op;
  /** The first successful poll that read the value at `max-read-index`, if any poll did. */
  readonly 'max-read': Op | null;
}

/** An acknowledged send that no successful poll ever observed. */
export interface Unseen {
  readonly key: string;
  readonly value: Msg;
  readonly offset: Offset;
  readonly writer: Op;
}

/**
 * Two successive observations of one key, by one process (`ops`) or inside
 * one op (`op`), that skip over known offsets (delta > 1) or fail to move
 * forward (delta < 1). `delta` counts positions in the key's version order.
 */
interface OrderAnomalyFields {
  readonly key: string;
  readonly values: readonly [Msg, Msg];
  readonly offsets: readonly [Offset, Offset];
  readonly delta: number;
}

export interface SkipFields extends OrderAnomalyFields {
  /** The values of the version order strictly between the two observations. */
  readonly skipped: readonly Msg[];
}

export interface PollSkip extends SkipFields {
  readonly ops: readonly [Op, Op];
}
export interface NonmonotonicPoll extends OrderAnomalyFields {
  readonly ops: readonly [Op, Op];
}
export interface NonmonotonicSend extends OrderAnomalyFields {
  readonly ops: readonly [Op, Op];
}
export interface IntPollSkip extends SkipFields {
  readonly op: Op;
}
export interface IntNonmonotonicPoll extends OrderAnomalyFields {
  readonly op: Op;
}
export interface IntSendSkip extends SkipFields {
  readonly op: Op;
}
export interface IntNonmonotonicSend extends OrderAnomalyFields {
  readonly op: Op;
}

/** One value at more than one offset of a key. */
export interface Duplicate {
  readonly key: string;
  readonly value: Msg;
  readonly count: number;
  readonly offsets: readonly number[];
  /** Ops that observed the value (at most WITNESS_LIMIT of them). */
  readonly ops: readonly Op[];
}

/** One offset of a key holding more than one value. */
export interface InconsistentOffsets {
  readonly key: string;
  readonly offset: number;
  readonly index: number;
  readonly values: readonly Msg[];
  /** Ops that observed some value at this offset (at most WITNESS_LIMIT of them). */
  readonly ops: readonly Op[];
}

/** A successful poll read a value whose send definitely failed (aborted read). */
export interface G1a {
  readonly key: string;
  readonly value: Msg;
  readonly offset: Offset;
  readonly writer: Op;
  readonly reader: Op;
}

export interface AnomalyOf {
  readonly G1a: G1a;
  readonly duplicate: Duplicate;
  readonly 'inconsistent-offsets': InconsistentOffsets;
  readonly 'int-nonmonotonic-poll': IntNonmonotonicPoll;
  readonly 'int-nonmonotonic-send': IntNonmonotonicSend;
  readonly 'int-poll-skip': IntPollSkip;
  readonly 'int-send-skip': IntSendSkip;
  readonly 'lost-write': LostWrite;
  readonly 'nonmonotonic-poll': NonmonotonicPoll;
  readonly 'nonmonotonic-send': NonmonotonicSend;
  readonly 'poll-skip': PollSkip;
  readonly unseen: Unseen;
}

export type Anomalies = { readonly [T in AnomalyType]?: readonly AnomalyOf[T][] };

/** Jepsen's realtime lag: a lower bound on how stale a poll was, in seconds. */
export interface RealtimeLag {
  /** When the poll was invoked, in seconds since the start of the test. */
  readonly time: number;
  readonly lag: number;
  readonly key: string | null;
  readonly process: number | null;
}

export interface FStats {
  readonly count: number;
  readonly 'ok-count': number;
  readonly 'fail-count': number;
  readonly 'info-count': number;
  /** ok-count / count; 0 when count is 0. */
  readonly 'ok-fraction': number;
}

/** Completions of client ops, as Jepsen's stats checker counts them. */
export interface Stats extends FStats {
  /** Jepsen's rule: every f (but crash) has at least one ok completion. Informational only. */
  readonly 'valid?': boolean;
  readonly 'by-f': Readonly<Record<string, FStats>>;
}

export type CheckResult = Anomalies & {
  readonly 'valid?': boolean;
  /** Every anomaly type found, sorted. */
  readonly 'error-types': readonly AnomalyType[];
  /** The found types that make the history invalid, sorted. */
  readonly 'bad-error-types': readonly AnomalyType[];
  /** How many anomalies of each type were found (only the types found). */
  readonly counts: { readonly [T in AnomalyType]?: number };
  /** The distinct errors that made sends and polls indefinite. */
  readonly 'info-txn-causes': readonly unknown[];
  readonly 'worst-realtime-lag': RealtimeLag;
  readonly 'worst-realtime-lag-by-key': Readonly<Record<string, RealtimeLag>>;
  readonly stats: Stats;
  /**
   * Present only when there is something to warn about: what the history
   * could not show (polls without results) or where real Maelstrom would not
   * reach a verdict. One sentence or a few each; never changes `valid?`.
   */
  readonly warnings?: readonly string[];
};
