/**
 * A tiny script language for hand-written histories: each call appends the
 * invocation and the completion of one op, with time advancing 1 ms per op,
 * so a test reads like the story it tells.
 */
import type { Op, OpType } from '../../../src/maelstrom/history/op.js';

type Pairs = Record<string, Array<[number, unknown]>>;

export class History {
  readonly ops: Op[] = [];
  private nowNanos = 0;

  private push(fields: Omit<Op, 'index' | 'time'>): Op {
    this.nowNanos += 1_000_000;
    const op: Op = { index: this.ops.length, time: this.nowNanos, ...fields };
    this.ops.push(op);
    return op;
  }

  /** An acknowledged send of `msg` to `key`, at `offset`. */
  send(process: number, key: string, msg: unknown, offset: number): this {
    this.push({ type: 'invoke', process, f: 'send', value: [['send', key, msg]] });
    this.push({ type: 'ok', process, f: 'send', value: [['send', key, [offset, msg]]] });
    return this;
  }

  /** A send that ended `fail` (definitely not applied) or `info` (unknown). */
  sendEnded(type: Exclude<OpType, 'invoke' | 'ok'>, process: number, key: string, msg: unknown): this {
    this.push({ type: 'invoke', process, f: 'send', value: [['send', key, msg]] });
    this.push({
      type,
      process,
      f: 'send',
      value: [['send', key, msg]],
      error: type === 'fail' ? [11, 'temporarily unavailable'] : 'net-timeout',
    });
    return this;
  }

  /** A successful poll that returned `msgs`. */
  poll(process: number, msgs: Pairs): this {
    return this.pollEnded('ok', process, msgs);
  }

  /** A poll that ended with `type`; only an ok poll carries results in Maelstrom, but any may here. */
  pollEnded(type: Exclude<OpType, 'invoke'>, process: number, msgs: Pairs | null): this {
    this.push({ type: 'invoke', process, f: 'poll', value: [['poll']] });
    this.push({ type, process, f: 'poll', value: msgs === null ? [['poll']] : [['poll', msgs]] });
    return this;
  }

  assign(process: number, keys: string[], seekToBeginning = false): this {
    const extra = seekToBeginning ? { 'seek-to-beginning?': true } : {};
    this.push({ type: 'invoke', process, f: 'assign', value: keys, ...extra });
    this.push({ type: 'ok', process, f: 'assign', value: keys, ...extra });
    return this;
  }

  crash(process: number): this {
    this.push({ type: 'invoke', process, f: 'crash', value: null });
    this.push({ type: 'info', process, f: 'crash', value: null });
    return this;
  }

  /** Any op, completed with `type`; for micro-op mixes the helpers above do not cover. */
  op(process: number, f: string, type: Exclude<OpType, 'invoke'>, invokeValue: unknown, value: unknown): this {
    this.push({ type: 'invoke', process, f, value: invokeValue });
    this.push({ type, process, f, value });
    return this;
  }

  /** The op at `index`, to compare with what an anomaly cites. */
  at(index: number): Op {
    return this.ops[index] as Op;
  }
}

/** The completions only, in order, to pick the op an anomaly should name. */
export function completions(h: History): Op[] {
  return h.ops.filter((op) => op.type !== 'invoke');
}
