/**
 * Reads and writes, pulled out of each completed op's micro-ops once, so that
 * every analysis walks plain arrays instead of re-decoding op values.
 *
 * Like Jepsen's `op-reads` and `op-writes`: reads come from the `poll`
 * micro-ops of `poll` and `txn` ops, writes from the `send` micro-ops of
 * `send` and `txn` ops; runs of one key are concatenated in op order. A send
 * written as `[send k [offset msg]]` knows its offset; `[send k msg]` (an
 * invocation, or an indefinite or failed completion) does not. Malformed
 * micro-ops are skipped rather than trusted: the checker must never throw on
 * a history it was able to parse.
 */
import type { Op } from '../core/history/op.js';
import type { Offset } from './types.js';
import { keyName, valueKey, type ValueKey } from './values.js';

/** One key's observations in one op, in the order the op made them. */
export interface KeyRun {
  readonly key: string;
  readonly offsets: Offset[];
  readonly values: ValueKey[];
}

export interface OpDigest {
  readonly op: Op;
  readonly reads: readonly KeyRun[];
  readonly writes: readonly KeyRun[];
}

const NO_RUNS: readonly KeyRun[] = [];

/** Jepsen's `h/client-ops`: only integer processes are clients; the nemesis is not. */
export function isClientOp(op: Op): boolean {
  return typeof op.process === 'number';
}

export function isTransactional(f: string): boolean {
  return f === 'poll' || f === 'send' || f === 'txn';
}

/** The digest of a completed poll, send or txn; null for anything else. */
export function digestOp(op: Op): OpDigest | null {
  if (op.type === 'invoke' || !isTransactional(op.f)) {
    return null;
  }
  const mops = op.value;
  if (!Array.isArray(mops)) {
    return { op, reads: NO_RUNS, writes: NO_RUNS };
  }
  const readsAllowed = op.f !== 'send';
  const writesAllowed = op.f !== 'poll';
  let reads: KeyRun[] | null = null;
  let writes: KeyRun[] | null = null;
  for (const mop of mops) {
    if (!Array.isArray(mop)) continue;
    const fun: unknown = mop[0];
    if (fun === 'poll' && readsAllowed) {
      reads = addPollMop(reads ?? [], mop[1]);
    } else if (fun === 'send' && writesAllowed && mop.length >= 3) {
      writes = addSendMop(writes ?? [], mop[1], mop[2]);
    }
  }
  return { op, reads: reads ?? NO_RUNS, writes: writes ?? NO_RUNS };
}

function runFor(runs: KeyRun[], key: string): KeyRun {
  // Ops touch few keys: a linear scan beats a Map here.
  for (const run of runs) {
    if (run.key === key) return run;
  }
  const run: KeyRun = { key, offsets: [], values: [] };
  runs.push(run);
  return run;
}

function addPollMop(runs: KeyRun[], msgs: unknown): KeyRun[] {
  if (msgs === null || typeof msgs !== 'object' || Array.isArray(msgs)) {
    return runs;
  }
  for (const key in msgs) {
    const pairs: unknown = (msgs as Record<string, unknown>)[key];
    if (!Array.isArray(pairs)) continue;
    const run = runFor(runs, key);
    for (const pair of pairs) {
      if (!Array.isArray(pair)) continue;
      run.offsets.push(offsetOf(pair[0]));
      run.values.push(valueKey(pair[1]));
    }
  }
  return runs;
}

function addSendMop(runs: KeyRun[], key: unknown, sent: unknown): KeyRun[] {
  const run = runFor(runs, keyName(key));
  if (Array.isArray(sent)) {
    run.offsets.push(offsetOf(sent[0]));
    run.values.push(valueKey(sent[1]));
  } else {
    run.offsets.push(null);
    run.values.push(valueKey(sent));
  }
  return runs;
}

function offsetOf(x: unknown): Offset {
  return typeof x === 'number' && Number.isInteger(x) && x >= 0 ? x : null;
}
