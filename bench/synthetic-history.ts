/**
 * A synthetic, valid, Maelstrom-shaped kafka history of any length, for the
 * checker's benchmark and tests: deterministic from its seed.
 */
import type { Op } from '../src/maelstrom/history/op.js';

/** A tiny deterministic generator, so every run checks the same history. */
const lcg = (seed: number) => () => {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed / 2 ** 32;
};

/**
 * A valid history shaped like Maelstrom's kafka workload: `processes`
 * clients over ten active keys, each key retired after 16 sends; about one
 * op in 64 an assign (resuming new keys at the committed offset), the rest
 * half sends, half polls from each client's positions; a few definite send
 * failures; and a final phase in which a fresh client re-reads every key from
 * offset 0, ten keys per assign. About `opCount` ops in all.
 */
export function syntheticHistory(opCount: number, processes = 10, seed = 42): Op[] {
  return [...syntheticOps(opCount, processes, seed)];
}

/** The same history, one op at a time, so that a history of any length can be written without being held. */
export function* syntheticOps(opCount: number, processes = 10, seed = 42): Generator<Op> {
  const random = lcg(seed);
  const ops: Op[] = [];
  let count = 0;
  let timeNanos = 0;
  // Ops wait in `ops` until the generator yields them (at most one step's worth).
  const emit = (type: Op['type'], process: number, f: string, value: unknown, extra: Readonly<Record<string, unknown>> = {}): void => {
    timeNanos += 100_000 + Math.floor(random() * 400_000);
    ops.push({ index: count++, time: timeNanos, type, process, f, value, ...extra });
  };
  const logs: unknown[][] = [];
  const committed: number[] = [];
  // Messages are unique per key, as in Maelstrom: a failed send uses up its message.
  const sent: number[] = [];
  let active: number[] = [];
  const newKey = (): number => {
    logs.push([]);
    committed.push(0);
    sent.push(0);
    return logs.length - 1;
  };
  for (let i = 0; i < 10; i++) active.push(newKey());
  const positions: Map<number, number>[] = Array.from({ length: processes }, () => new Map());
  const finalOps = (): number => Math.ceil(logs.length / 10) * 4 + 2;

  while (count + finalOps() < opCount) {
    yield* ops.splice(0);
    const p = Math.floor(random() * processes);
    const mine = positions[p] as Map<number, number>;
    const r = random();
    if (r < 1 / 64) {
      const keys = active.map(String);
      const next = new Map<number, number>();
      for (const k of active) next.set(k, mine.get(k) ?? (committed[k] as number));
      positions[p] = next;
      emit('invoke', p, 'assign', keys);
      emit('ok', p, 'assign', keys);
    } else if (r < 0.5) {
      const slot = Math.floor(random() * active.length);
      const k = active[slot] as number;
      const log = logs[k] as unknown[];
      const msg = (sent[k] = (sent[k] as number) + 1);
      emit('invoke', p, 'send', [['send', String(k), msg]]);
      if (random() < 0.002) {
        emit('fail', p, 'send', [['send', String(k), msg]], { error: ['temporarily-unavailable', 'try again'] });
        continue;
      }
      log.push(msg);
      emit('ok', p, 'send', [['send', String(k), [log.length - 1, msg]]]);
      if (log.length === 16) active = active.map((a) => (a === k ? newKey() : a));
    } else {
      const msgs: Record<string, [number, unknown][]> = {};
      for (const [k, from] of mine) {
        const log = logs[k] as unknown[];
        if (from >= log.length) continue;
        msgs[String(k)] = log.slice(from).map((msg, i) => [from + i, msg]);
        mine.set(k, log.length);
        committed[k] = Math.max(committed[k] as number, log.length);
      }
      emit('invoke', p, 'poll', [['poll']]);
      emit('ok', p, 'poll', [['poll', msgs]]);
    }
  }
  yield* ops.splice(0);
  // Final phase: a fresh client (after a crash) reads everything from 0.
  emit('invoke', 0, 'crash', null);
  emit('info', 0, 'crash', null);
  const reader = processes;
  for (let first = 0; first < logs.length; first += 10) {
    const keys = logs.slice(first, first + 10).map((_, i) => String(first + i));
    emit('invoke', reader, 'assign', keys, { 'seek-to-beginning?': true });
    emit('ok', reader, 'assign', keys, { 'seek-to-beginning?': true });
    const msgs: Record<string, [number, unknown][]> = {};
    // A key nobody sent to is left out, as our node leaves it out (Jepsen's checker would crash on an empty list).
    for (const key of keys) {
      const log = logs[Number(key)] as unknown[];
      if (log.length > 0) msgs[key] = log.map((msg, i) => [i, msg]);
    }
    emit('invoke', reader, 'poll', [['poll']], { 'poll-ms': 1000 });
    emit('ok', reader, 'poll', [['poll', msgs]], { 'poll-ms': 1000 });
    yield* ops.splice(0);
  }
}

