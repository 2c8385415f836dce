/**
 * When an anomaly became visible: the time of the latest op it cites (its
 * writer, reader, the polls that show it...). Every anomaly type cites its
 * ops in fields holding an op or a list of ops, so they are found by shape.
 */
import type { Op } from '../../maelstrom/history/op.js';
import { ALLOWED_ANOMALY_TYPES, ANOMALY_TYPES, type AnomalyType, type CheckResult } from '../types.js';

const isOp = (x: unknown): x is Op =>
  x !== null && typeof x === 'object' && typeof (x as Op).time === 'number' && typeof (x as Op).index === 'number' && typeof (x as Op).type === 'string';

/** The ops an anomaly cites, in the order of its fields. */
export const citedOps = (anomaly: object): Op[] =>
  Object.values(anomaly).flatMap((field: unknown) => (isOp(field) ? [field] : Array.isArray(field) ? field.filter(isOp) : []));

export interface AnomalyMoment {
  readonly type: AnomalyType;
  readonly key: string;
  readonly time_ms: number;
}

/** The earliest moment any anomaly that makes the history invalid became visible; undefined if none does. */
export const firstAnomaly = (result: CheckResult): AnomalyMoment | undefined => {
  let first: AnomalyMoment | undefined;
  for (const type of ANOMALY_TYPES) {
    if (ALLOWED_ANOMALY_TYPES.has(type)) continue;
    for (const anomaly of (result[type] ?? []) as readonly object[]) {
      const ops = citedOps(anomaly);
      if (ops.length === 0) continue;
      const time_ms = Math.max(...ops.map((op) => op.time / 1e6));
      if (first === undefined || time_ms < first.time_ms) first = { type, key: String((anomaly as { key?: unknown }).key), time_ms };
    }
  }
  return first;
};
