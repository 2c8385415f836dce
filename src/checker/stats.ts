/**
 * Completion counts per f, as Jepsen's stats checker gives them, plus the
 * fraction that succeeded. Invocations are not counted; `crash` ops always
 * end `info` and do not count against validity (Jepsen's kafka
 * `stats-checker` makes the same exception).
 */
import { TYPE_FAIL, TYPE_INVOKE, TYPE_OK, type HistoryIndex } from './history-index.js';
import type { FStats, Stats } from './types.js';

interface Counter {
  count: number;
  ok: number;
  fail: number;
  info: number;
}

const EXEMPT_FROM_VALIDITY: ReadonlySet<string> = new Set(['crash', 'debug-topic-partitions']);

export function completionStats(ix: HistoryIndex): Stats {
  const total = newCounter();
  // Counted by f code (no string lookups per op), named at the end.
  const byCode = new Map<number, Counter>();
  for (let o = 0; o < ix.opCount; o++) {
    const type = ix.opType[o] as number;
    if (type === TYPE_INVOKE) continue;
    const f = ix.opF[o] as number;
    let c = byCode.get(f);
    if (c === undefined) byCode.set(f, (c = newCounter()));
    tally(c, type);
    tally(total, type);
  }
  const byName = new Map<string, Counter>();
  for (const [code, c] of byCode) byName.set(ix.fNames[code] as string, c);
  const byF: Record<string, FStats> = {};
  let valid = true;
  for (const f of [...byName.keys()].sort()) {
    const c = byName.get(f) as Counter;
    byF[f] = fStats(c);
    if (c.ok === 0 && !EXEMPT_FROM_VALIDITY.has(f)) valid = false;
  }
  return { 'valid?': valid, ...fStats(total), 'by-f': byF };
}

function newCounter(): Counter {
  return { count: 0, ok: 0, fail: 0, info: 0 };
}

function tally(c: Counter, type: number): void {
  c.count++;
  if (type === TYPE_OK) c.ok++;
  else if (type === TYPE_FAIL) c.fail++;
  else c.info++;
}

function fStats(c: Counter): FStats {
  return {
    count: c.count,
    'ok-count': c.ok,
    'fail-count': c.fail,
    'info-count': c.info,
    'ok-fraction': c.count === 0 ? 0 : c.ok / c.count,
  };
}

/** Jepsen's `info-txn-causes`: the distinct errors that made sends and polls indefinite. */
export function infoCauses(ix: HistoryIndex): unknown[] {
  // Collected while the ops were fed (history-index.ts): the errors are not kept with the ops.
  return [...ix.infoCauses];
}
