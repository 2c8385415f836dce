/**
 * The simulator's discrete events and their queue: a persistent heap (the
 * network's leftist heap, network/heap.ts) keyed by virtual time, then by a
 * sequence number given when the event was scheduled. Equal times therefore
 * come out in scheduling order, which is what makes a run a function of its
 * seed alone: nothing depends on how a heap happens to break ties.
 *
 *   wake     the harness (workload, services, network) asked to be ticked
 *   tick     a node's timer fires
 *   deliver  the network hands a message to a node
 *   output   a node printed a message: it enters the harness (and the network)
 *
 * Timers are one per machine, as the shells keep them; an event scheduled for
 * a timer that was re-armed since carries an old generation and is skipped.
 */
import type { Message } from '../machine.js';
import { insert, pop, type Heap } from '../network/heap.js';

export type SimEvent =
  | { readonly kind: 'wake'; readonly at_ms: number; readonly seq: number; readonly gen: number }
  | { readonly kind: 'tick'; readonly at_ms: number; readonly seq: number; readonly gen: number; readonly node: number }
  | { readonly kind: 'deliver'; readonly at_ms: number; readonly seq: number; readonly node: number; readonly message: Message }
  | { readonly kind: 'output'; readonly at_ms: number; readonly seq: number; readonly node: number; readonly message: Message };

export type EventQueue = Heap<SimEvent> | null;

const comesFirst = (a: SimEvent, b: SimEvent): boolean => a.at_ms < b.at_ms || (a.at_ms === b.at_ms && a.seq < b.seq);

export const schedule = (queue: EventQueue, event: SimEvent): EventQueue => insert(queue, event, comesFirst);

/** The earliest event and the queue without it; undefined when nothing is scheduled. */
export const nextEvent = (queue: EventQueue): readonly [SimEvent, EventQueue] | undefined =>
  queue === null ? undefined : [queue.item, pop(queue, comesFirst)];
