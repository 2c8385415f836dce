/**
 * The network as a pure machine: messages go in with `send`, come out as
 * `send` effects at the moment they arrive (an effect's message is delivered
 * to its `dest` now), and a `timer` effect names the next arrival.
 *
 * It does what Maelstrom's network does: server-to-server messages wait a
 * latency drawn from the configured distribution, client messages arrive at
 * once, and a partition is checked on arrival (Maelstrom drops a message in
 * `recv!`, when the receiver holds a grudge against its source), so a message
 * sent before a partition can still be lost to it. For the simulator it also
 * loses or duplicates messages with the configured probabilities (0 in the
 * runner, as in Maelstrom). Arrivals at the same instant keep sending order.
 */
import type { Effect, Message, Step } from '../../core/machine.js';
import { nextChance, type Rng } from '../workload/random.js';
import { involvesClient } from './addresses.js';
import { drops, type Grudge } from './grudge.js';
import { insert, pop, type Heap } from './heap.js';
import { drawLatency, NO_LATENCY, type LatencyConfig } from './latency.js';
import { countReceived, countSent, emptyNetStats, type NetStats } from './stats.js';

export interface NetworkConfig {
  readonly latency: LatencyConfig;
  /** Probability that a sent message is lost outright (the simulator's --drop). */
  readonly drop_probability: number;
  /** Probability that a sent message is delivered a second time (the simulator's --duplicate). */
  readonly duplicate_probability: number;
  /**
   * Lose and duplicate only messages between servers. A client's request carries
   * no idempotency token in Maelstrom's protocol, so no node could survive a
   * duplicated `send`: that would be a fault of the test, not of the node.
   */
  readonly spare_clients?: boolean;
}

export const DEFAULT_NETWORK: NetworkConfig = { latency: NO_LATENCY, drop_probability: 0, duplicate_probability: 0 };

export interface InFlight {
  /** The message's id in the journal's sense: a duplicate shares its original's id. */
  readonly id: number;
  /** Sending order, to break ties between equal arrival times. */
  readonly seq: number;
  readonly deliver_at_ms: number;
  readonly message: Message;
}

export interface NetworkState {
  readonly config: NetworkConfig;
  readonly rng: Rng;
  readonly grudge: Grudge | null;
  readonly queue: Heap<InFlight> | null;
  readonly next_id: number;
  readonly next_seq: number;
  readonly stats: NetStats;
  /** Messages lost to partitions or to random loss. */
  readonly dropped: number;
}

export type NetworkInput =
  | { readonly kind: 'send'; readonly now_ms: number; readonly message: Message }
  | { readonly kind: 'tick'; readonly now_ms: number }
  /** Replace the grudge in force; null heals the network. */
  | { readonly kind: 'partition'; readonly now_ms: number; readonly grudge: Grudge | null };

const arrivesFirst = (a: InFlight, b: InFlight): boolean =>
  a.deliver_at_ms < b.deliver_at_ms || (a.deliver_at_ms === b.deliver_at_ms && a.seq < b.seq);

export const initialNetwork = (config: NetworkConfig, rng: Rng): NetworkState => ({
  config,
  rng,
  grudge: null,
  queue: null,
  next_id: 0,
  next_seq: 0,
  stats: emptyNetStats,
  dropped: 0,
});

/** When the next message arrives, or undefined when none is in flight. */
export const nextArrival_ms = (state: NetworkState): number | undefined => state.queue?.item.deliver_at_ms;

export const inFlightCount = (state: NetworkState): number => countHeap(state.queue);

const countHeap = (heap: Heap<InFlight> | null): number => (heap === null ? 0 : 1 + countHeap(heap.left) + countHeap(heap.right));

const enqueue = (
  queue: Heap<InFlight> | null,
  rng: Rng,
  latency: LatencyConfig,
  id: number,
  seq: number,
  message: Message,
  now_ms: number,
): readonly [Heap<InFlight>, Rng] => {
  let latency_ms = 0;
  let next = rng;
  if (!involvesClient(message)) [latency_ms, next] = drawLatency(rng, latency);
  // A literal, not a spread: one per message sent.
  return [insert(queue, { id, seq, message, deliver_at_ms: now_ms + latency_ms }, arrivesFirst), next];
};

const accept = (state: NetworkState, message: Message, now_ms: number): NetworkState => {
  const { config } = state;
  const id = state.next_id;
  const stats = countSent(state.stats, message);
  let rng = state.rng;
  let lost = false;
  const faulty = config.spare_clients !== true || !involvesClient(message);
  if (faulty && config.drop_probability > 0) [lost, rng] = nextChance(rng, config.drop_probability);
  if (lost) return { config, rng, grudge: state.grudge, queue: state.queue, next_id: id + 1, next_seq: state.next_seq, stats, dropped: state.dropped + 1 };
  let seq = state.next_seq;
  let queue: Heap<InFlight> | null;
  [queue, rng] = enqueue(state.queue, rng, config.latency, id, seq++, message, now_ms);
  let twice = false;
  if (faulty && config.duplicate_probability > 0) [twice, rng] = nextChance(rng, config.duplicate_probability);
  if (twice) [queue, rng] = enqueue(queue, rng, config.latency, id, seq++, message, now_ms);
  return { config, rng, grudge: state.grudge, queue, next_id: id + 1, next_seq: seq, stats, dropped: state.dropped };
};

/** Delivers, in arrival order, every message due by `now_ms`. */
const deliverDue = (state: NetworkState, now_ms: number): readonly [NetworkState, Effect[]] => {
  const effects: Effect[] = [];
  let { queue, stats, dropped } = state;
  while (queue !== null && queue.item.deliver_at_ms <= now_ms) {
    const { message } = queue.item;
    queue = pop(queue, arrivesFirst);
    if (drops(state.grudge, message.src, message.dest)) {
      dropped += 1;
    } else {
      stats = countReceived(stats, message);
      effects.push({ kind: 'send', message });
    }
  }
  if (queue !== null) effects.push({ kind: 'timer', at_ms: queue.item.deliver_at_ms });
  // A literal, not a spread: this runs at every arrival.
  return [queue === state.queue ? state : { config: state.config, rng: state.rng, grudge: state.grudge, queue, next_id: state.next_id, next_seq: state.next_seq, stats, dropped }, effects];
};

export const networkStep: Step<NetworkState, NetworkInput> = (state, input) => {
  switch (input.kind) {
    case 'send':
      return deliverDue(accept(state, input.message, input.now_ms), input.now_ms);
    case 'tick':
      return deliverDue(state, input.now_ms);
    case 'partition':
      return deliverDue({ ...state, grudge: input.grudge }, input.now_ms);
  }
};
