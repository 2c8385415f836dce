/**
 * The readable summary of a check: the verdict, what the history holds, how
 * many anomalies of each type, then the first few of each type in full, each
 * as one sentence followed by the ops that show it. Plain text, pure, shared
 * by the CLI and the browser demo.
 */
import type { Op } from '../maelstrom/history/op.js';
import { renderComparison, type MaelstromComparison } from './maelstrom-comparison.js';
import { ALLOWED_ANOMALY_TYPES, ANOMALY_TYPES, type AnomalyOf, type AnomalyType, type CheckResult } from './types.js';

export interface RenderOptions {
  /** How many anomalies of each type to show in full. */
  readonly perType?: number;
  /** Longest op value shown, in characters, before it is cut. */
  readonly valueWidth?: number;
  /** Maelstrom's verdict on the same history, shown right after ours. */
  readonly maelstrom?: MaelstromComparison;
}

type Labelled = readonly [label: string, op: Op];

interface Explanation {
  readonly sentence: string;
  readonly ops: readonly Labelled[];
}

export function renderSummary(result: CheckResult, options: RenderOptions = {}): string {
  const perType = options.perType ?? 3;
  const valueWidth = options.valueWidth ?? 160;
  const out: string[] = [];
  const bad = result['bad-error-types'];
  out.push(
    result['valid?']
      ? 'VALID: no anomaly that Maelstrom counts as an error.'
      : `INVALID: ${bad.length} anomaly type${bad.length === 1 ? '' : 's'} make${bad.length === 1 ? 's' : ''} this history invalid (${bad.join(', ')}).`,
  );
  if (options.maelstrom !== undefined) out.push(...renderComparison(options.maelstrom));
  for (const warning of result.warnings ?? []) out.push(`warning: ${warning}`);
  out.push(historyLine(result));
  const types = result['error-types'];
  if (types.length === 0) {
    out.push('anomalies: none');
  } else {
    out.push('anomalies:');
    const width = Math.max(...types.map((t) => t.length));
    for (const t of types) {
      out.push(`  ${t.padEnd(width)}  ${String(result.counts[t] ?? 0).padStart(7)}  ${ALLOWED_ANOMALY_TYPES.has(t) ? 'allowed' : 'error'}`);
    }
  }
  const lag = result['worst-realtime-lag'];
  out.push(
    lag.key === null
      ? 'worst realtime lag: none measured'
      : `worst realtime lag: ${seconds(lag.lag)} on key ${JSON.stringify(lag.key)} (process ${lag.process}, poll at ${seconds(lag.time)})`,
  );
  for (const t of ANOMALY_TYPES) {
    const list = result[t] as readonly AnomalyOf[AnomalyType][] | undefined;
    if (list === undefined || list.length === 0) continue;
    const shown = Math.min(perType, list.length);
    out.push('');
    out.push(`${t}: ${list.length}${list.length > shown ? `, first ${shown} shown` : ''}`);
    for (let i = 0; i < shown; i++) {
      const e = explain(t, list[i] as AnomalyOf[AnomalyType]);
      out.push(`  ${e.sentence}`);
      const labelWidth = Math.max(...e.ops.map(([label]) => label.length));
      for (const [label, op] of e.ops) out.push(`    ${label.padEnd(labelWidth)}  ${opLine(op, valueWidth)}`);
    }
  }
  return out.join('\n') + '\n';
}

function historyLine(result: CheckResult): string {
  const s = result.stats;
  const parts = Object.entries(s['by-f']).map(
    ([f, c]) => `${f} ${c.count}${f === 'crash' ? '' : ` (${(c['ok-fraction'] * 100).toFixed(1)}% ok)`}`,
  );
  return `history: ${s.count} completed client ops${parts.length > 0 ? ': ' + parts.join(', ') : ''}`;
}

function explain<T extends AnomalyType>(type: T, a: AnomalyOf[T]): Explanation {
  const key = JSON.stringify((a as AnomalyOf[AnomalyType]).key);
  switch (type) {
    case 'lost-write': {
      const e = a as AnomalyOf['lost-write'];
      const ops: Labelled[] = [['writer', e.writer]];
      if (e['max-read'] !== null) ops.push(['read past it', e['max-read']]);
      return {
        sentence: `key ${key}: ${show(e.value)} at offset ${e.offset} was sent and committed, but no poll read it, though polls read up to offset ${e['max-read-offset']}.`,
        ops,
      };
    }
    case 'unseen': {
      const e = a as AnomalyOf['unseen'];
      return {
        sentence: `key ${key}: ${show(e.value)}${e.offset === null ? '' : ` (offset ${e.offset})`} was acknowledged but never seen by any poll.`,
        ops: [['writer', e.writer]],
      };
    }
    case 'poll-skip':
    case 'nonmonotonic-poll':
    case 'nonmonotonic-send': {
      const e = a as AnomalyOf['poll-skip'];
      const what = type === 'nonmonotonic-send' ? 'sent' : 'read';
      return {
        sentence: `key ${key}: process ${e.ops[1].process} ${what} ${pos(e.values[0], e.offsets[0])}, then ${pos(e.values[1], e.offsets[1])}: ${deltaText(e.delta, e.skipped)}.`,
        ops: [
          ['before', e.ops[0]],
          ['after', e.ops[1]],
        ],
      };
    }
    case 'int-poll-skip':
    case 'int-nonmonotonic-poll':
    case 'int-send-skip':
    case 'int-nonmonotonic-send': {
      const e = a as AnomalyOf['int-poll-skip'];
      const what = type.endsWith('send') ? 'sent' : 'read';
      return {
        sentence: `key ${key}: one op ${what} ${pos(e.values[0], e.offsets[0])} then ${pos(e.values[1], e.offsets[1])}: ${deltaText(e.delta, e.skipped)}.`,
        ops: [['op', e.op]],
      };
    }
    case 'duplicate': {
      const e = a as AnomalyOf['duplicate'];
      return {
        sentence: `key ${key}: ${show(e.value)} appears at ${e.count} offsets (${e.offsets.join(', ')}).`,
        ops: e.ops.map((op) => ['seen by', op] as const),
      };
    }
    case 'inconsistent-offsets': {
      const e = a as AnomalyOf['inconsistent-offsets'];
      return {
        sentence: `key ${key}: offset ${e.offset} holds ${e.values.length} different values (${e.values.map(show).join(', ')}).`,
        ops: e.ops.map((op) => ['seen by', op] as const),
      };
    }
    case 'G1a': {
      const e = a as AnomalyOf['G1a'];
      return {
        sentence: `key ${key}: a poll read ${pos(e.value, e.offset)}, whose send failed.`,
        ops: [
          ['failed send', e.writer],
          ['reader', e.reader],
        ],
      };
    }
    default:
      return { sentence: JSON.stringify(a), ops: [] };
  }
}

function deltaText(delta: number, skipped: readonly unknown[] | undefined): string {
  if (delta > 1) {
    return `skipped ${delta - 1} known value${delta === 2 ? '' : 's'} (${(skipped ?? []).map(show).join(', ')})`;
  }
  return delta === 0 ? 'the same position again' : `went back ${-delta} position${delta === -1 ? '' : 's'}`;
}

function pos(value: unknown, offset: number | null): string {
  return offset === null ? show(value) : `${show(value)}@${offset}`;
}

function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

function seconds(s: number): string {
  return `${s.toFixed(3)} s`;
}

function opLine(op: Op, valueWidth: number): string {
  let value = JSON.stringify(op.value) ?? 'null';
  if (value.length > valueWidth) value = value.slice(0, valueWidth - 3) + '...';
  const error = op.error === undefined ? '' : `  error ${JSON.stringify(op.error)}`;
  return `op ${op.index}  t=${seconds(op.time / 1e9)}  process ${String(op.process)}  ${op.type} ${op.f}  ${value}${error}`;
}
