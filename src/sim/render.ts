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

interface Row {
  readonly invoke: Op;
  completion: Op | null;
}

/**
 * The operations renderHistory shows, gathered one op at a time: the first
 * `limit` kept (an invocation joined with its completion), the rest only
 * counted, so that the start of a history streamed from a file is shown
 * without holding the file.
 */
export class HistoryRows {
  private readonly rows: Row[] = [];
  private count = 0;
  /** Each process's open operation: its row number. */
  private readonly open = new Map<unknown, number>();

  constructor(private readonly limit = Infinity) {}

  add(op: Op): void {
    if (op.process === 'nemesis') {
      // The nemesis writes each action twice (invoke and result, both info): keep the result.
      if ((op.value !== null && typeof op.value !== 'string') || op.value === 'network-healed') this.push({ invoke: op, completion: null });
      return;
    }
    if (op.type === 'invoke') {
      this.open.set(op.process, this.count);
      this.push({ invoke: op, completion: null });
      return;
    }
    const row = this.open.get(op.process);
    this.open.delete(op.process);
    if (row === undefined) this.push({ invoke: op, completion: op });
    else if (row < this.limit) this.rows[row]!.completion = op;
  }

  /** The operations kept, one line each, and a line for the rest. */
  lines(): string[] {
    const lines: string[] = [];
    for (const { invoke, completion } of this.rows) {
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
    if (this.count > this.limit) lines.push(`... and ${this.count - this.limit} more operations`);
    return lines;
  }

  private push(row: Row): void {
    if (this.count < this.limit) this.rows.push(row);
    this.count++;
  }
}

/** The history as lines, at most `limit` operations (the rest summarised in one line). */
export const renderHistory = (history: readonly Op[], limit = Infinity): string[] => {
  const rows = new HistoryRows(limit);
  for (const op of history) rows.add(op);
  return rows.lines();
};
