/**
 * A history as a person reads it: one line per operation, its invocation and
 * completion joined, values resolved. This is what a shrunk counterexample
 * prints, and what the simulator shows beside a broken run:
 *
 *     12.500 ms  p1  n1  send 7 <- 3          ok  @2
 *     13.000 ms  p0  n0  poll                 ok  7: 0=1 1=2 2=3
 *     14.250 ms  p2  n2  assign [7, 9]        ok
 *     20.000 ms  nemesis start-partition      majority {"n0":["n1"]}
 *
 * Times are the invocations', in virtual milliseconds.
 */
import type { Op } from '../maelstrom/history/op.js';

const show = (value: unknown): string => JSON.stringify(value) ?? String(value);

const describeInvoke = (op: Op): string => {
  const value = op.value as unknown;
  switch (op.f) {
    case 'send': {
      const [, key, msg] = ((value as unknown[])[0] ?? []) as [string, string, unknown];
      return `send ${key} <- ${show(msg)}`;
    }
    case 'poll':
      return 'poll';
    case 'assign':
      return `assign [${(value as string[]).join(', ')}]${op['seek-to-beginning?'] === true ? ' from 0' : ''}`;
    default:
      return op.f;
  }
};

const describePairs = (msgs: Readonly<Record<string, readonly (readonly [number, unknown])[]>>): string => {
  const keys = Object.keys(msgs);
  if (keys.length === 0) return 'nothing';
  return keys.map((key) => `${key}: ${msgs[key]!.map(([offset, msg]) => `${offset}=${show(msg)}`).join(' ')}`).join('; ');
};

const describeCompletion = (op: Op): string => {
  if (op.type !== 'ok') return `${op.type}  ${show(op.error ?? null)}`;
  const mop = Array.isArray(op.value) ? (op.value[0] as unknown[] | undefined) : undefined;
  if (op.f === 'send' && mop !== undefined) return `ok  @${show((mop[2] as unknown[])[0])}`;
  if (op.f === 'poll' && mop !== undefined) return `ok  ${describePairs((mop[1] ?? {}) as Readonly<Record<string, readonly (readonly [number, unknown])[]>>)}`;
  return 'ok';
};

const pad = (text: string, width: number): string => (text.length >= width ? text : text + ' '.repeat(width - text.length));

/** The history as lines, at most `limit` operations (the rest summarised in one line). */
export const renderHistory = (history: readonly Op[], limit = Infinity): string[] => {
  const lines: string[] = [];
  const open = new Map<unknown, number>();
  const rows: { invoke: Op; completion: Op | null }[] = [];
  for (const op of history) {
    if (op.process === 'nemesis') {
      // The nemesis writes each action twice (invoke and result, both info): keep the result.
      if (op.value !== null && typeof op.value !== 'string') rows.push({ invoke: op, completion: null });
      else if (op.value === 'network-healed') rows.push({ invoke: op, completion: null });
      continue;
    }
    if (op.type === 'invoke') {
      open.set(op.process, rows.length);
      rows.push({ invoke: op, completion: null });
      continue;
    }
    const row = open.get(op.process);
    open.delete(op.process);
    if (row !== undefined) rows[row]!.completion = op;
    else rows.push({ invoke: op, completion: op });
  }
  for (const { invoke, completion } of rows.slice(0, limit)) {
    const time = `${(invoke.time / 1e6).toFixed(3).padStart(10)} ms`;
    if (invoke.process === 'nemesis') {
      const detail = Array.isArray(invoke.value) ? show(invoke.value[1]) : show(invoke.value);
      lines.push(`${time}  nemesis ${invoke.f} ${detail}`);
      continue;
    }
    const who = `${pad(`p${String(invoke.process)}`, 4)} ${pad(invoke.node ?? '', 3)}`;
    const what = invoke.f === 'crash' ? 'crash' : `${pad(describeInvoke(invoke), 22)} ${completion === null ? '(no answer)' : describeCompletion(completion)}`;
    lines.push(`${time}  ${who} ${what}`);
  }
  if (rows.length > limit) lines.push(`... and ${rows.length - limit} more operations`);
  return lines;
};
