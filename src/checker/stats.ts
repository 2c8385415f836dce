/**
 * Completion counts per f, as Jepsen's stats checker gives them, plus the
 * fraction that succeeded. Invocations are not counted; `crash` ops always
 * end `info` and do not count against validity (Jepsen's kafka
 * `stats-checker` makes the same exception).
 */
import type { Op } from '../core/history/op.js';
import type { FStats, Stats } from './types.js';

interface Counter {
  count: number;
  ok: number;
  fail: number;
  info: number;
}

export function completionStats(ops: readonly Op[]): Stats {
  const total: Counter = { count: 0, ok: 0, fail: 0, info: 0 };
  const byF = new Map<string, Counter>();
  for (const op of ops) {
    if (op.type === 'invoke') continue;
    let c = byF.get(op.f);
    if (c === undefined) byF.set(op.f, (c = { count: 0, ok: 0, fail: 0, info: 0 }));
    tally(c, op);
    tally(total, op);
  }
  const byFStats: Record<string, FStats> = {};
  let valid = true;
  for (const f of [...byF.keys()].sort()) {
    const c = byF.get(f) as Counter;
    byFStats[f] = fStats(c);
    if (c.ok === 0 && f !== 'crash' && f !== 'debug-topic-partitions') valid = false;
  }
  return { 'valid?': valid, ...fStats(total), 'by-f': byFStats };
}

function tally(c: Counter, op: Op): void {
  c.count++;
  if (op.type === 'ok') c.ok++;
  else if (op.type === 'fail') c.fail++;
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
export function infoCauses(ops: readonly Op[]): unknown[] {
  const seen = new Set<string>();
  const causes: unknown[] = [];
  for (const op of ops) {
    if (op.type !== 'info' || (op.f !== 'send' && op.f !== 'poll' && op.f !== 'txn')) continue;
    const cause = op.error ?? null;
    const id = JSON.stringify(cause) ?? 'undefined';
    if (seen.has(id)) continue;
    seen.add(id);
    causes.push(cause);
  }
  return causes;
}
