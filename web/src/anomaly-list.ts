/**
 * The checker's anomalies as one flat list the page can show and jump to:
 * each names its type, key, the offsets involved and the ops that show it,
 * and the moment it became visible (the completion of the latest op it
 * cites), where the page jumps when it is clicked.
 */
import { ALLOWED_ANOMALY_TYPES, ANOMALY_TYPES, type AnomalyOf, type AnomalyType, type CheckResult } from '../../src/checker/index.js';
import type { Op } from '../../src/maelstrom/history/op.js';
import { show } from './view/dom.js';

export interface AnomalyItem {
  readonly type: AnomalyType;
  /** Allowed by Maelstrom (does not make the history invalid). */
  readonly allowed: boolean;
  readonly key: string;
  readonly offsets: readonly number[];
  readonly ops: readonly Op[];
  /** One line, for the list. */
  readonly text: string;
  /** When the latest op it cites happened, in ms. */
  readonly time_ms: number;
}

const offsetsOf = (...offsets: readonly (number | null | undefined)[]): number[] => offsets.filter((o): o is number => typeof o === 'number');

const at = (value: unknown, offset: number | null): string => (offset === null ? show(value, 24) : `${show(value, 24)}@${offset}`);

const describe = (type: AnomalyType, a: AnomalyOf[AnomalyType]): { text: string; offsets: number[]; ops: Op[] } => {
  switch (type) {
    case 'lost-write': {
      const e = a as AnomalyOf['lost-write'];
      return {
        text: `${at(e.value, e.offset)} was acknowledged, never read; polls read up to offset ${e['max-read-offset']}`,
        offsets: offsetsOf(e.offset, e['max-read-offset']),
        ops: e['max-read'] === null ? [e.writer] : [e.writer, e['max-read']],
      };
    }
    case 'unseen': {
      const e = a as AnomalyOf['unseen'];
      return { text: `${at(e.value, e.offset)} was acknowledged, never read`, offsets: offsetsOf(e.offset), ops: [e.writer] };
    }
    case 'poll-skip':
    case 'nonmonotonic-poll':
    case 'nonmonotonic-send': {
      const e = a as AnomalyOf['poll-skip'];
      const skipped = e.skipped === undefined || e.skipped.length === 0 ? '' : `, skipped ${e.skipped.map((v) => show(v, 12)).join(', ')}`;
      return {
        text: `process ${String(e.ops[1].process)}: ${at(e.values[0], e.offsets[0])} then ${at(e.values[1], e.offsets[1])} (delta ${e.delta}${skipped})`,
        offsets: offsetsOf(...e.offsets),
        ops: [...e.ops],
      };
    }
    case 'int-poll-skip':
    case 'int-nonmonotonic-poll':
    case 'int-send-skip':
    case 'int-nonmonotonic-send': {
      const e = a as AnomalyOf['int-poll-skip'];
      const skipped = e.skipped === undefined || e.skipped.length === 0 ? '' : `, skipped ${e.skipped.map((v) => show(v, 12)).join(', ')}`;
      return { text: `one op: ${at(e.values[0], e.offsets[0])} then ${at(e.values[1], e.offsets[1])} (delta ${e.delta}${skipped})`, offsets: offsetsOf(...e.offsets), ops: [e.op] };
    }
    case 'duplicate': {
      const e = a as AnomalyOf['duplicate'];
      return { text: `${show(e.value, 24)} at ${e.count} offsets (${e.offsets.join(', ')})`, offsets: [...e.offsets], ops: [...e.ops] };
    }
    case 'inconsistent-offsets': {
      const e = a as AnomalyOf['inconsistent-offsets'];
      return { text: `offset ${e.offset} holds ${e.values.map((v) => show(v, 12)).join(', ')}`, offsets: [e.offset], ops: [...e.ops] };
    }
    case 'G1a': {
      const e = a as AnomalyOf['G1a'];
      return { text: `read ${at(e.value, e.offset)}, whose send failed`, offsets: offsetsOf(e.offset), ops: [e.writer, e.reader] };
    }
  }
};

/** Every anomaly, by type in the checker's order, then as the checker listed them. */
export const anomalyItems = (result: CheckResult): AnomalyItem[] => {
  const items: AnomalyItem[] = [];
  for (const type of ANOMALY_TYPES) {
    const list = result[type] as readonly AnomalyOf[AnomalyType][] | undefined;
    if (list === undefined) continue;
    for (const anomaly of list) {
      const { text, offsets, ops } = describe(type, anomaly);
      const time_ms = Math.max(...ops.map((op) => op.time / 1e6));
      items.push({ type, allowed: ALLOWED_ANOMALY_TYPES.has(type), key: String(anomaly.key), offsets, ops, text, time_ms });
    }
  }
  return items;
};
