/**
 * What the explorer needs to know about an event to skip orders that cannot
 * matter, read off the model's events generically (which node an event
 * steps, whether it moves the clock, which message and which budget it uses)
 * so a new model with the same kinds of events keeps its reductions.
 *
 * The reduction, argued in docs/simulator.md ("Reductions"): sleep sets
 * (Godefroid), with the state cache. Two events are independent in a state
 * when they step different nodes (or none), do not both use the clock with
 * one of them moving it, touch different messages, and draw on different
 * budgets: then either order gives the same state, and neither disables the
 * other. After exploring event t from s, an event independent of t that was
 * already explored from s need not be explored again right after t (it
 * leads where an order already explored leads). This prunes transitions,
 * not states: every reachable state, leaves included, is still visited.
 */
import type { Message } from '../../core/machine.js';
import { hashOnce } from './canonical.js';
import type { ModelEvent, ModelState } from './model.js';

/** What an event reads and writes, as far as commuting goes. */
interface Footprint {
  /** The node it steps (null: it steps no node). */
  readonly node: number | null;
  readonly clock: 'none' | 'reads' | 'moves';
  /** The content hash of the message it takes or copies, if any. */
  readonly message: number | null;
  readonly budget: 'drops' | 'duplicates' | null;
}

const messageOf = (state: ModelState, event: ModelEvent): Message | null =>
  event.kind === 'deliver' || event.kind === 'drop' || event.kind === 'duplicate' ? state.in_flight[event.index]! : null;

/** An event's identity across states (a message's index changes; its content does not: identical copies are interchangeable). */
export const eventKey = (state: ModelState, event: ModelEvent): string => {
  const message = messageOf(state, event);
  return message === null ? `${event.kind}:${event.kind === 'tick' ? event.node : event.kind === 'invoke' ? event.client : ''}` : `${event.kind}:${hashOnce(message)}`;
};

export const footprint = (state: ModelState, event: ModelEvent, nodeIds: readonly string[]): Footprint => {
  const message = messageOf(state, event);
  const hash = message === null ? null : hashOnce(message);
  switch (event.kind) {
    case 'deliver':
      return { node: nodeIds.indexOf(message!.dest), clock: 'reads', message: hash, budget: null };
    case 'tick':
      // A tick moves the clock to its node's deadline, unless the clock is already past it.
      return { node: event.node, clock: state.timers[event.node]! > state.clock_ms ? 'moves' : 'reads', message: null, budget: null };
    case 'drop':
      return { node: null, clock: 'none', message: hash, budget: 'drops' };
    case 'duplicate':
      return { node: null, clock: 'none', message: hash, budget: 'duplicates' };
    case 'invoke':
      // Clients act at once in this model; were one to branch, it would step no node but would send: conservatively, it commutes with nothing.
      return { node: -1, clock: 'moves', message: null, budget: null };
  }
};

/**
 * Whether two events enabled in the same state commute there and neither
 * disables the other. A loss or a duplicate touches only its message and its
 * budget: it commutes with any event that takes another message and draws on
 * another budget (a node's step may add messages, never remove another's).
 */
export const independent = (a: Footprint, b: Footprint): boolean => {
  if (a.budget !== null && a.budget === b.budget) return false;
  if (a.node === -1 || b.node === -1) return false;
  if (a.node !== null && a.node === b.node) return false;
  if ((a.clock === 'moves' && b.clock !== 'none') || (b.clock === 'moves' && a.clock !== 'none')) return false;
  return a.message === null || a.message !== b.message;
};
