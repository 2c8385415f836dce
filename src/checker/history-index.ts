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
 *
 * The ops themselves are not kept, so that a history can be streamed
 * through `HistoryBuilder` one op at a time and cost only these tables: a
 * few bytes per op, 12 per (offset, value) pair read or sent, and each
 * distinct value once. An analysis cites an op by its position
 * (citations.ts); whoever fed the ops fills in the few cited ones at the end.
 */
import { bytes, doubles, ints } from '../maelstrom/history/growable.js';
import type { Op } from '../maelstrom/history/op.js';
import type { Offset } from './types.js';
import { Citations } from './citations.js';
import { ValueTable } from './value-table.js';
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
/** In pairOffset: the offset does not fit an Int32; bigOffsets holds it. */
const BIG_OFFSET = -2;

/** F code -> name, for the codes below F_OTHER (the others are numbered as met). */
export const F_NAMES: readonly string[] = ['poll', 'send', 'txn', 'assign', 'subscribe', 'crash'];

export interface HistoryIndex {
  /** Client ops fed to the builder (the nemesis is not a client). */
  readonly opCount: number;
  readonly opType: Uint8Array;
  /** F code: below F_OTHER a known f; from F_OTHER on, fNames[code] names it. */
  readonly opF: Uint8Array;
  /** Dense process number, 0 .. processCount-1. */
  readonly opProcess: Int32Array;
  /** The op's time, in nanoseconds. */
  readonly opTime: Float64Array;
  /** The op's position among all ops fed (nemesis included): how the caller finds it again to cite it. */
  readonly opSeq: Int32Array;
  /** Op position -> its own `index` field, where that is not its opSeq (see opIndexOf). */
  readonly unusualIndexes: ReadonlyMap<number, number>;
  readonly processCount: number;
  /** Dense process number -> the process as the history names it. */
  readonly processNames: readonly number[];
  /** F code -> name. */
  readonly fNames: readonly string[];
  /** The op's digest, or -1 if it has none. */
  readonly opDigest: Int32Array;
  /** Op position of a completed assign or subscribe -> the key ids it names. */
  readonly assigned: ReadonlyMap<number, readonly number[]>;
  /** Op positions of completed assigns with `seek-to-beginning?` (rewinds). */
  readonly rewinds: ReadonlySet<number>;
  /** Jepsen's `info-txn-causes`: the distinct errors of indefinite sends, polls and txns, in order first seen. */
  readonly infoCauses: readonly unknown[];

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

  /**
   * Pair -> offset (or UNKNOWN_OFFSET), read through pairOffsetAt. A node
   * may answer with any integer: the few that do not fit an Int32 are in
   * bigOffsets.
   */
  readonly pairOffset: Int32Array;
  readonly bigOffsets: ReadonlyMap<number, number>;
  /** Pair -> value id; values[id] is the value. Interned, so a value read many times is held once. */
  readonly pairValue: Int32Array;
  readonly values: readonly ValueKey[];

  readonly keyName: string[];

  /**
   * Digests (any type) with a poll micro-op that carries no result map,
   * `[["poll"]]`: Maelstrom 0.2.3's history.edn writes its final polls so.
   * What they read is unknown; see resultless-polls.ts.
   */
  readonly resultless: readonly number[];
  /** The ops of `resultless`, in the same order (few: kept whole for the warning). */
  readonly resultlessOps: readonly Op[];

  /** The ops the analyses cite (see citations.ts). */
  readonly citations: Citations;
}

/**
 * Builds the index one op at a time, so that a caller can stream a history
 * of any length through it without holding the ops: only the compact
 * tables above are kept. `finish` ends the building.
 */
export class HistoryBuilder {
  private seq = 0;
  private readonly opType = bytes();
  private readonly opF = bytes();
  private readonly opProcess = ints();
  private readonly opTime = doubles();
  private readonly opSeq = ints();
  private readonly opDigest = ints();
  private readonly tables = new IndexBuilder();
  private readonly processIds = new Map<number, number>();
  private readonly processNames: number[] = [];
  private readonly fNames: string[] = [...F_NAMES];
  private readonly fCodes = new Map<string, number>();
  private readonly assigned = new Map<number, readonly number[]>();
  private readonly rewinds = new Set<number>();
  private readonly infoCauses: unknown[] = [];
  private readonly infoCauseIds = new Set<string>();
  private readonly unusualIndexes = new Map<number, number>();

  add(op: Op): void {
    const seq = this.seq++;
    // Jepsen's h/client-ops: only integer processes are clients; the nemesis is not.
    const processName = op.process;
    if (typeof processName !== 'number') return;
    const o = this.opType.length;
    const type = typeCode(op.type);
    const f = this.fCode(op.f);
    let process = this.processIds.get(processName);
    if (process === undefined) {
      this.processIds.set(processName, (process = this.processIds.size));
      this.processNames.push(processName);
    }
    this.opType.push(type);
    this.opF.push(f);
    this.opProcess.push(process);
    this.opTime.push(op.time);
    this.opSeq.push(seq);
    // Histories number their ops densely from 0, nemesis included, so this is rare.
    if (op.index !== seq) this.unusualIndexes.set(o, op.index);
    let d = -1;
    if (type !== TYPE_INVOKE && (f === F_POLL || f === F_SEND || f === F_TXN)) {
      d = this.tables.addDigest(o, f, op);
      if (type === TYPE_INFO) this.noteInfoCause(op.error ?? null);
    } else if (type !== TYPE_INVOKE && (f === F_ASSIGN || f === F_SUBSCRIBE)) {
      this.assigned.set(o, this.tables.idsOfKeys(op.value));
      if (f === F_ASSIGN && op['seek-to-beginning?'] === true) this.rewinds.add(o);
    }
    this.opDigest.push(d);
  }

  finish(): HistoryIndex {
    const opSeq = this.opSeq.done();
    return {
      opCount: this.opType.length,
      opType: this.opType.done(),
      opF: this.opF.done(),
      opProcess: this.opProcess.done(),
      opTime: this.opTime.done(),
      opSeq,
      unusualIndexes: this.unusualIndexes,
      processCount: this.processIds.size,
      processNames: this.processNames,
      fNames: this.fNames,
      opDigest: this.opDigest.done(),
      assigned: this.assigned,
      rewinds: this.rewinds,
      infoCauses: this.infoCauses,
      ...this.tables.finish(),
      citations: new Citations(opSeq),
    };
  }

  private fCode(f: string): number {
    const known = knownFCode(f);
    if (known !== F_OTHER) return known;
    let code = this.fCodes.get(f);
    if (code === undefined) {
      // Codes are bytes; past 255 distinct other fs, the rest share the last name's code.
      code = Math.min(this.fNames.length, 255);
      if (code === this.fNames.length) this.fNames.push(f);
      this.fCodes.set(f, code);
    }
    return code;
  }

  private noteInfoCause(cause: unknown): void {
    const id = JSON.stringify(cause) ?? 'undefined';
    if (this.infoCauseIds.has(id)) return;
    this.infoCauseIds.add(id);
    this.infoCauses.push(cause);
  }
}

/** Indexes a history held in memory. */
export function indexHistory(history: readonly Op[]): HistoryIndex {
  const builder = new HistoryBuilder();
  for (const op of history) builder.add(op);
  return builder.finish();
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

function knownFCode(f: string): number {
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
  | 'bigOffsets'
  | 'pairValue'
  | 'values'
  | 'keyName'
  | 'resultless'
  | 'resultlessOps'
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
  private readonly pairOffset = ints();
  private readonly bigOffsets = new Map<number, number>();
  private readonly pairValue = ints();
  private readonly valueIds = new ValueTable();
  private readonly values: ValueKey[] = [];
  private readonly resultless: number[] = [];
  private readonly resultlessOps: Op[] = [];

  /** The ids of the keys an assign names (its value is a list of keys). */
  idsOfKeys(keys: unknown): number[] {
    if (!Array.isArray(keys)) return [];
    // A set, not a search of the list so far: the final phase's assigns name every key of the run.
    const ids = new Set<number>();
    for (const key of keys) ids.add(this.keyId(keyName(key)));
    return [...ids];
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

  addDigest(o: number, f: number, op: Op): number {
    const mops: unknown = op.value;
    const d = this.digestOp.length;
    this.digestOp.push(o);
    this.runStart.push(this.runKey.length);
    if (Array.isArray(mops) && mops.length === 1) {
      // The common case, and the only one in Maelstrom: one poll or one send.
      const mop: unknown = mops[0];
      if (Array.isArray(mop) && mop[0] === 'poll' && f !== F_SEND) {
        if (isMap(mop[1])) this.addPollRuns(d, mop[1]);
        else this.addResultless(d, op);
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
          else if (this.resultless[this.resultless.length - 1] !== d) this.addResultless(d, op);
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

  private addResultless(d: number, op: Op): void {
    this.resultless.push(d);
    this.resultlessOps.push(op);
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
    if (typeof offset !== 'number' || offset < 0 || !Number.isInteger(offset)) {
      this.pairOffset.push(UNKNOWN_OFFSET);
    } else if (offset > 0x7fffffff) {
      this.bigOffsets.set(this.pairOffset.length, offset);
      this.pairOffset.push(BIG_OFFSET);
    } else {
      this.pairOffset.push(offset);
    }
    const v = valueKey(msg);
    let id = this.valueIds.get(v);
    if (id === undefined) {
      id = this.values.length;
      this.valueIds.set(v, id);
      this.values.push(v);
    }
    this.pairValue.push(id);
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
      bigOffsets: this.bigOffsets,
      pairValue: this.pairValue.done(),
      values: this.values,
      keyName: this.keyName,
      resultless: this.resultless,
      resultlessOps: this.resultlessOps,
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

/** The op of digest d, as cited (see citations.ts). */
export function digestOpOf(ix: HistoryIndex, d: number): Op {
  return ix.citations.cite(ix.digestOp[d] as number);
}

/** The op whose observation run r is. */
export function runOp(ix: HistoryIndex, r: number): Op {
  return digestOpOf(ix, ix.runDigest[r] as number);
}

/** The value of pair p. */
export function valueAt(ix: HistoryIndex, p: number): ValueKey {
  return ix.values[ix.pairValue[p] as number] as ValueKey;
}

/** The offset of pair p, or UNKNOWN_OFFSET if the op did not know it. */
export function pairOffsetAt(ix: HistoryIndex, p: number): number {
  const o = ix.pairOffset[p] as number;
  return o === BIG_OFFSET ? (ix.bigOffsets.get(p) as number) : o;
}

/** The offset of pair p, or null if the op did not know it. */
export function offsetAt(ix: HistoryIndex, p: number): Offset {
  const o = pairOffsetAt(ix, p);
  return o === UNKNOWN_OFFSET ? null : o;
}

/** The `index` field of the op at position o. */
export function opIndexOf(ix: HistoryIndex, o: number): number {
  return ix.unusualIndexes.get(o) ?? (ix.opSeq[o] as number);
}
