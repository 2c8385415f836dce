/**
 * The history, indexed once for every analysis.
 *
 * A million-op history would otherwise become millions of small objects
 * (one per op, per key read, per pair), and the garbage collector would
 * spend more time on them than the analyses do. So everything the analyses
 * need lives in flat arrays ("struct of arrays"), addressed by position:
 *
 *   op o        client ops in history order (the nemesis is not a client)
 *   digest d    a completed (non-invoke) poll, send or txn
 *   run r       one key's observations within one digest, in op order;
 *               digest d's runs are [runStart[d], runStart[d+1]): its reads
 *               first, then from writeStart[d] its writes
 *   pair p      one (offset, value) of a run; run r's pairs are
 *               [pairStart[r], pairStart[r+1]); offset -1 means unknown
 *   key k       keys are interned to small integers; keyName[k] is the name
 *
 * Like Jepsen's `op-reads` and `op-writes`: reads come from the `poll`
 * micro-ops of `poll` and `txn` ops, writes from the `send` micro-ops of
 * `send` and `txn` ops. `[send k [offset msg]]` knows its offset, `[send k
 * msg]` (an invocation, or a failed or indefinite completion) does not.
 * Malformed micro-ops are skipped rather than trusted: the checker must
 * never throw on a history it could parse.
 */
import type { Op } from '../maelstrom/history/op.js';
import type { Offset } from './types.js';
import { keyName, valueKey, type ValueKey } from './values.js';

export const TYPE_OK = 0;
export const TYPE_INFO = 1;
export const TYPE_FAIL = 2;
export const TYPE_INVOKE = 3;

export const F_POLL = 0;
export const F_SEND = 1;
export const F_TXN = 2;
export const F_ASSIGN = 3;
export const F_SUBSCRIBE = 4;
export const F_CRASH = 5;
export const F_OTHER = 6;

export const UNKNOWN_OFFSET = -1;

/** F code -> name, for the codes below F_OTHER. */
export const F_NAMES: readonly string[] = ['poll', 'send', 'txn', 'assign', 'subscribe', 'crash'];

export interface HistoryIndex {
  /** Client ops, in history order. */
  readonly ops: readonly Op[];
  readonly opType: Uint8Array;
  readonly opF: Uint8Array;
  /** Dense process number, 0 .. processCount-1. */
  readonly opProcess: Int32Array;
  /** The op's time, in nanoseconds. */
  readonly opTime: Float64Array;
  readonly processCount: number;
  /** The op's digest, or -1 if it has none. */
  readonly opDigest: Int32Array;
  /** Op position of a completed assign or subscribe -> the key ids it names. */
  readonly assigned: ReadonlyMap<number, readonly number[]>;

  readonly digestCount: number;
  /** Digest -> op position. */
  readonly digestOp: Int32Array;
  /** Digest -> first run; length digestCount + 1. */
  readonly runStart: Int32Array;
  /** Digest -> first write run (its reads end here). */
  readonly writeStart: Int32Array;

  /** Run -> key; run -> digest; run -> first pair (length runs + 1). */
  readonly runKey: Int32Array;
  readonly runDigest: Int32Array;
  readonly pairStart: Int32Array;

  /** Pair -> offset (or UNKNOWN_OFFSET) and value. Offsets are doubles: a node may answer with any integer. */
  readonly pairOffset: Float64Array;
  readonly pairValue: ValueKey[];

  readonly keyName: string[];

  /**
   * Digests (any type) with a poll micro-op that carries no result map,
   * `[["poll"]]`: Maelstrom 0.2.3's history.edn writes its final polls so.
   * What they read is unknown; see resultless-polls.ts.
   */
  readonly resultless: readonly number[];
}

export function indexHistory(history: readonly Op[]): HistoryIndex {
  const n = history.length;
  const ops: Op[] = [];
  const opType = new Uint8Array(n);
  const opF = new Uint8Array(n);
  const opProcess = new Int32Array(n);
  const opTime = new Float64Array(n);
  const opDigest = new Int32Array(n).fill(-1);
  const builder = new IndexBuilder();
  const processIds = new Map<number, number>();
  const assigned = new Map<number, readonly number[]>();
  for (let i = 0; i < n; i++) {
    const op = history[i] as Op;
    // Jepsen's h/client-ops: only integer processes are clients; the nemesis is not.
    const processName = op.process;
    if (typeof processName !== 'number') continue;
    const o = ops.length;
    ops.push(op);
    const type = typeCode(op.type);
    const f = fCode(op.f);
    let process = processIds.get(processName);
    if (process === undefined) processIds.set(processName, (process = processIds.size));
    opType[o] = type;
    opF[o] = f;
    opProcess[o] = process;
    opTime[o] = op.time;
    if (type !== TYPE_INVOKE && (f === F_POLL || f === F_SEND || f === F_TXN)) {
      opDigest[o] = builder.addDigest(o, f, op.value);
    } else if (type !== TYPE_INVOKE && (f === F_ASSIGN || f === F_SUBSCRIBE)) {
      assigned.set(o, builder.idsOfKeys(op.value));
    }
  }
  const m = ops.length;
  return {
    ops,
    opType: opType.subarray(0, m),
    opF: opF.subarray(0, m),
    opProcess: opProcess.subarray(0, m),
    opTime: opTime.subarray(0, m),
    processCount: processIds.size,
    opDigest: opDigest.subarray(0, m),
    assigned,
    ...builder.finish(),
  };
}

function typeCode(type: string): number {
  switch (type) {
    case 'invoke':
      return TYPE_INVOKE;
    case 'ok':
      return TYPE_OK;
    case 'fail':
      return TYPE_FAIL;
    default:
      return TYPE_INFO;
  }
}

function fCode(f: string): number {
  switch (f) {
    case 'poll':
      return F_POLL;
    case 'send':
      return F_SEND;
    case 'txn':
      return F_TXN;
    case 'assign':
      return F_ASSIGN;
    case 'subscribe':
      return F_SUBSCRIBE;
    case 'crash':
      return F_CRASH;
    default:
      return F_OTHER;
  }
}

/**
 * A growable typed array: appends without per-element garbage, and ends as a
 * view of exactly its length.
 */
class Growable<A extends Int32Array | Float64Array> {
  length = 0;

  constructor(
    private data: A,
    private readonly make: (size: number) => A,
  ) {}

  push(x: number): void {
    if (this.length === this.data.length) {
      const bigger = this.make(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = x;
  }

  done(): A {
    return this.data.subarray(0, this.length) as A;
  }
}

const ints = (size = 1024): Growable<Int32Array> => new Growable(new Int32Array(size), (n) => new Int32Array(n));
const doubles = (size = 1024): Growable<Float64Array> => new Growable(new Float64Array(size), (n) => new Float64Array(n));

type DigestTables = Pick<
  HistoryIndex,
  | 'digestCount'
  | 'digestOp'
  | 'runStart'
  | 'writeStart'
  | 'runKey'
  | 'runDigest'
  | 'pairStart'
  | 'pairOffset'
  | 'pairValue'
  | 'keyName'
  | 'resultless'
>;

/** Appends digests, runs and pairs; the only code that writes those tables. */
class IndexBuilder {
  private readonly keyIds = new Map<string, number>();
  private readonly keyName: string[] = [];
  private readonly digestOp = ints();
  private readonly runStart = ints();
  private readonly writeStart = ints();
  private readonly runKey = ints();
  private readonly runDigest = ints();
  private readonly pairStart = ints();
  private readonly pairOffset = doubles();
  private readonly pairValue: ValueKey[] = [];
  private readonly resultless: number[] = [];

  /** The ids of the keys an assign names (its value is a list of keys). */
  idsOfKeys(keys: unknown): number[] {
    if (!Array.isArray(keys)) return [];
    const ids: number[] = [];
    for (const key of keys) {
      const k = this.keyId(keyName(key));
      if (!ids.includes(k)) ids.push(k);
    }
    return ids;
  }

  private keyId(name: string): number {
    let k = this.keyIds.get(name);
    if (k === undefined) {
      k = this.keyName.length;
      this.keyIds.set(name, k);
      this.keyName.push(name);
    }
    return k;
  }

  addDigest(o: number, f: number, mops: unknown): number {
    const d = this.digestOp.length;
    this.digestOp.push(o);
    this.runStart.push(this.runKey.length);
    if (Array.isArray(mops) && mops.length === 1) {
      // The common case, and the only one in Maelstrom: one poll or one send.
      const mop: unknown = mops[0];
      if (Array.isArray(mop) && mop[0] === 'poll' && f !== F_SEND) {
        if (isMap(mop[1])) this.addPollRuns(d, mop[1]);
        else this.resultless.push(d);
      }
      this.writeStart.push(this.runKey.length);
      if (Array.isArray(mop) && mop[0] === 'send' && f !== F_POLL && mop.length >= 3) {
        this.openRun(d, this.keyId(keyName(mop[1])));
        this.addSent(mop[2]);
      }
      return d;
    }
    const polls: Record<string, unknown>[] = [];
    const sends: unknown[][] = [];
    if (Array.isArray(mops)) {
      for (const mop of mops) {
        if (!Array.isArray(mop)) continue;
        if (mop[0] === 'poll' && f !== F_SEND) {
          if (isMap(mop[1])) polls.push(mop[1]);
          else if (this.resultless[this.resultless.length - 1] !== d) this.resultless.push(d);
        } else if (mop[0] === 'send' && f !== F_POLL && mop.length >= 3) sends.push(mop);
      }
    }
    if (polls.length === 1) this.addPollRuns(d, polls[0] as Record<string, unknown>);
    else if (polls.length > 1) this.addMergedPollRuns(d, polls);
    this.writeStart.push(this.runKey.length);
    if (sends.length > 0) this.addSendRuns(d, sends);
    return d;
  }

  /** One poll micro-op: its keys are distinct, so each is one run. */
  private addPollRuns(d: number, msgs: Record<string, unknown>): void {
    const names = Object.keys(msgs);
    for (let i = 0; i < names.length; i++) {
      const name = names[i] as string;
      const pairs = msgs[name];
      if (!Array.isArray(pairs)) continue;
      this.openRun(d, this.keyId(name));
      for (let j = 0; j < pairs.length; j++) {
        const pair: unknown = pairs[j];
        if (Array.isArray(pair)) this.addPair(pair[0], pair[1]);
      }
    }
  }

  /** Several poll micro-ops in one op (a txn): concatenate each key's pairs into one run. */
  private addMergedPollRuns(d: number, polls: Record<string, unknown>[]): void {
    const byKey = new Map<string, unknown[]>();
    for (const msgs of polls) {
      for (const name in msgs) {
        const pairs = msgs[name];
        if (!Array.isArray(pairs)) continue;
        const all = byKey.get(name);
        if (all === undefined) byKey.set(name, [...pairs]);
        else all.push(...pairs);
      }
    }
    for (const [name, pairs] of byKey) this.addPollRuns(d, { [name]: pairs });
  }

  /** Several sends in one op: grouped by key, in the order each key was first sent to. */
  private addSendRuns(d: number, sends: unknown[][]): void {
    const byKey = new Map<string, unknown[]>();
    for (const [, key, sent] of sends) {
      const name = keyName(key);
      const all = byKey.get(name);
      if (all === undefined) byKey.set(name, [sent]);
      else all.push(sent);
    }
    for (const [name, sents] of byKey) {
      this.openRun(d, this.keyId(name));
      for (const sent of sents) this.addSent(sent);
    }
  }

  private addSent(sent: unknown): void {
    if (Array.isArray(sent)) this.addPair(sent[0], sent[1]);
    else this.addPair(null, sent);
  }

  private openRun(d: number, k: number): void {
    this.runKey.push(k);
    this.runDigest.push(d);
    this.pairStart.push(this.pairOffset.length);
  }

  private addPair(offset: unknown, msg: unknown): void {
    this.pairOffset.push(typeof offset === 'number' && offset >= 0 && Number.isInteger(offset) ? offset : UNKNOWN_OFFSET);
    this.pairValue.push(valueKey(msg));
  }

  /** Closes the last digest and run (so that `start[i+1]` is always defined) and hands over the tables. */
  finish(): DigestTables {
    const digestCount = this.digestOp.length;
    this.runStart.push(this.runKey.length);
    this.pairStart.push(this.pairOffset.length);
    return {
      digestCount,
      digestOp: this.digestOp.done(),
      runStart: this.runStart.done(),
      writeStart: this.writeStart.done(),
      runKey: this.runKey.done(),
      runDigest: this.runDigest.done(),
      pairStart: this.pairStart.done(),
      pairOffset: this.pairOffset.done(),
      pairValue: this.pairValue,
      keyName: this.keyName,
      resultless: this.resultless,
    };
  }
}

function isMap(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

const NOTHING_ASSIGNED: readonly number[] = [];

/** The key ids a completed assign (or subscribe) at op position o names. */
export function assignedAt(ix: HistoryIndex, o: number): readonly number[] {
  return ix.assigned.get(o) ?? NOTHING_ASSIGNED;
}

/** The op of digest d. */
export function digestOpOf(ix: HistoryIndex, d: number): Op {
  return ix.ops[ix.digestOp[d] as number] as Op;
}

/** The op whose observation run r is. */
export function runOp(ix: HistoryIndex, r: number): Op {
  return digestOpOf(ix, ix.runDigest[r] as number);
}

/** The value of pair p. */
export function valueAt(ix: HistoryIndex, p: number): ValueKey {
  return ix.pairValue[p] as ValueKey;
}

/** The offset of pair p, or null if the op did not know it. */
export function offsetAt(ix: HistoryIndex, p: number): Offset {
  const o = ix.pairOffset[p] as number;
  return o === UNKNOWN_OFFSET ? null : o;
}
