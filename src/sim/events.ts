/**
 * The simulator's discrete events and their queue, keyed by virtual time,
 * then by a sequence number given when the event was scheduled. Equal times
 * therefore come out in scheduling order, which is what makes a run a
 * function of its seed alone: nothing depends on how a heap breaks ties.
 *
 *   wake     the harness (workload, services, network) asked to be ticked
 *   tick     a node's timer fires
 *   deliver  the network hands a message to a node
 *   output   a node printed a message: it enters the harness (and the network)
 *
 * Timers are one per machine, as the shells keep them; an event scheduled for
 * a timer that was re-armed since carries an old generation and is skipped.
 *
 * Most events happen at the instant they are scheduled (a delivery, a node's
 * output), so the queue is in two parts, both persistent: a heap (the
 * network's leftist heap, network/heap.ts) for events due later, and a FIFO
 * for events due now, an append-only log read from a head. Taking the
 * smaller (time, seq) of the two heads gives exactly the order one heap
 * would, without a heap operation for most events.
 */
import type { Message } from '../core/machine.js';
import { insert, pop, type Heap } from '../maelstrom/network/heap.js';
import { append, emptyLog, type AppendLog } from '../core/persistent/append-log.js';

export type SimEvent =
  | { readonly kind: 'wake'; readonly at_ms: number; readonly seq: number; readonly gen: number }
  | { readonly kind: 'tick'; readonly at_ms: number; readonly seq: number; readonly gen: number; readonly node: number }
  | { readonly kind: 'deliver'; readonly at_ms: number; readonly seq: number; readonly node: number; readonly message: Message }
  | { readonly kind: 'output'; readonly at_ms: number; readonly seq: number; readonly node: number; readonly message: Message };

export interface EventQueue {
  /** Events due after `now_ms` (or scheduled before it came), by time then seq. */
  readonly later: Heap<SimEvent> | null;
  /** Events due at one instant, in scheduling order, from `head`. Invariant: all have the same at_ms. */
  readonly now: AppendLog<SimEvent>;
  readonly head: number;
}

export const emptyQueue: EventQueue = { later: null, now: emptyLog(), head: 0 };

const comesFirst = (a: SimEvent, b: SimEvent): boolean => a.at_ms < b.at_ms || (a.at_ms === b.at_ms && a.seq < b.seq);

/** Adds `event`; `now_ms` is the simulation's current time (events are never scheduled in the past). */
export const schedule = (queue: EventQueue, event: SimEvent, now_ms: number): EventQueue => {
  const fifoEmpty = queue.head === queue.now.length;
  const fifoTime = fifoEmpty ? now_ms : queue.now.backing[queue.head]!.at_ms;
  if (event.at_ms === fifoTime) return { later: queue.later, now: append(fifoEmpty ? emptyLog<SimEvent>() : queue.now, event), head: fifoEmpty ? 0 : queue.head };
  return { later: insert(queue.later, event, comesFirst), now: queue.now, head: queue.head };
};

/** The earliest event and the queue without it; undefined when nothing is scheduled. */
export const nextEvent = (queue: EventQueue): readonly [SimEvent, EventQueue] | undefined => {
  const fifo = queue.head < queue.now.length ? queue.now.backing[queue.head]! : undefined;
  const heap = queue.later?.item;
  if (fifo !== undefined && (heap === undefined || comesFirst(fifo, heap))) {
    const head = queue.head + 1;
    return [fifo, head === queue.now.length ? { later: queue.later, now: emptyLog(), head: 0 } : { later: queue.later, now: queue.now, head }];
  }
  if (heap === undefined) return undefined;
  return [heap, { later: pop(queue.later!, comesFirst), now: queue.now, head: queue.head }];
};

/** Events still to happen. */
export const queuedCount = (queue: EventQueue): number => queue.now.length - queue.head + heapSize(queue.later);

const heapSize = (heap: Heap<SimEvent> | null): number => (heap === null ? 0 : 1 + heapSize(heap.left) + heapSize(heap.right));
