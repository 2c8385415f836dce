/**
 * What must hold after every step of every node, whatever the network did.
 * The checker judges a history after the fact; these judge the cluster's
 * state as it goes, so a violation is caught at the step that made it, with
 * the seed and the step number, long before it could show in a poll.
 *
 * The truth about a key is what its assigners hold: offset o was given by
 * node o mod n (replication/offsets.ts), which holds its own entries, pending
 * until its stable point passes them and shown after. On a single node, the
 * node's log is the truth. For a node going from `before`
 * to `after` in one step:
 *   1. msg_ids only grow.
 *   2. A key's shown log never shrinks, and an offset once shown (a message
 *      or a hole) never changes.
 *   3. A key's committed offset never decreases.
 *   4. A newly shown offset holds what its assigner assigned there, and a
 *      hole only where its assigner assigned nothing.
 *   5. A node assigns an offset of its own class, above every offset it
 *      knew, and never below any node's shown log: the floor it promised
 *      holds, so a hole, once shown, stays empty for good.
 *   6. An acknowledged send was assigned by the node that acknowledged it,
 *      at the offset the client was given.
 *   7. A poll reply is, per key, the assigned messages from the asked offset
 *      on, in offset order, with none left out between two it returns.
 *
 * Only what the step changed is examined (map-diff.ts), so checking costs
 * about as much as the step itself.
 */
import type { Effect, Message } from '../core/machine.js';
import { messageAt, readFrom, type ShownLog } from '../core/node/shown-log.js';
import { get } from '../core/persistent/hamt.js';
import type { Partition, NodeState } from '../core/node/state.js';
import { assignerOf } from '../core/replication/offsets.js';
import type { KeyReplica, Pending } from '../core/replication/replica.js';
import { jsonEqual } from '../maelstrom/services/json-equal.js';
import { forEachChange } from './map-diff.js';

/** The request a client is waiting on, as the invariants need to see it. */
export type WaitingRequest =
  | { readonly rpc: 'send'; readonly key: string; readonly msg: unknown }
  | { readonly rpc: 'poll'; readonly offsets: Readonly<Record<string, number>> }
  | { readonly rpc: 'other' };

export interface InvariantContext {
  readonly nodeIds: readonly string[];
  /** Node `id`'s state now (for the node that stepped: its state after the step). */
  nodeState(id: string): NodeState;
  /** The request `client` sent with `msg_id`, if it still waits for the answer. */
  waiting(client: string, msg_id: number): WaitingRequest | undefined;
}

const show = (value: unknown): string => JSON.stringify(value) ?? String(value);

/** Where an offset holds no message: a hole in a shown log, or an offset nobody assigned. */
const NOTHING = undefined;

/** What one node holds of a key: its shown log and its pending entries (either may be absent). */
interface Holding {
  readonly log: ShownLog | undefined;
  readonly pending: Pending | undefined;
}

/**
 * The truth about one key: the message its assigner gave each offset. Each
 * assigner's holding is looked up once, when first asked, not once per
 * offset: a check walks many offsets of one key, and at n nodes a key's
 * offsets may lie n apart, so most of them are holes, each asked about.
 */
class KeyTruth {
  private readonly holdings: (Holding | undefined)[] = [];

  constructor(
    private readonly nodeCount: number,
    /** The state that stands for node `index` (which of the stepping node's, before or after, is the caller's choice). */
    private readonly stateAt: (index: number) => NodeState,
    private readonly key: string,
  ) {}

  /** The message node `offset mod n` assigned at `offset`, or NOTHING. */
  at(offset: number): unknown {
    const index = this.nodeCount === 1 ? 0 : offset % this.nodeCount;
    let holding = this.holdings[index];
    if (holding === undefined) {
      const state = this.stateAt(index);
      holding = { log: get(state.partitions, this.key)?.log, pending: get(state.replicas, this.key)?.pending };
      this.holdings[index] = holding;
    }
    const { log, pending } = holding;
    if (log !== undefined && offset < log.length) return messageAt(log, offset);
    if (pending === undefined) return NOTHING;
    const entries = pending.log.backing;
    let lo = pending.start;
    let hi = pending.log.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      // Indexed, not destructured: destructuring would build an iterator for every probe.
      const entry = entries[mid]!;
      const o = entry[0];
      if (o === offset) return entry[1];
      if (o < offset) lo = mid + 1;
      else hi = mid;
    }
    return NOTHING;
  }
}

const describe = (msg: unknown): string => (msg === NOTHING ? 'nothing' : show(msg));

/** The first broken invariant of this step, in words, or null. */
export const brokenInvariant = (
  ctx: InvariantContext,
  node: string,
  before: NodeState,
  after: NodeState,
  effects: readonly Effect[],
): string | null => {
  if (after.nextMsgId < before.nextMsgId) return `${node}'s next msg_id went back from ${before.nextMsgId} to ${after.nextMsgId}`;
  const { nodeIds } = ctx;
  const self = nodeIds.indexOf(node);
  // Every other node's state, asked of the context once each: a check may visit every node many times.
  const others: (NodeState | undefined)[] = [];
  const other = (index: number): NodeState => (others[index] ??= ctx.nodeState(nodeIds[index]!));
  let broken: string | null = null;
  forEachChange(before.replicas, after.replicas, (key, old, now) => {
    // The stepping node's own shown log is taken from before the step: the step may show what it just assigned.
    broken ??= brokenAssignment(nodeIds, (index) => (index === self ? before : other(index)), node, key, old, now);
  });
  if (broken !== null) return broken;
  // The truth about the stepping node's own offsets is what it held before the
  // step, but for the one it assigns in this step (its send_ok is checked
  // against the client's request): a node must not vouch for itself.
  forEachChange(before.partitions, after.partitions, (key, old, now) => {
    if (broken !== null) return;
    const assigned = get(after.replicas, key)?.maxKnown ?? -1;
    const ownTruth = assigned > (get(before.replicas, key)?.maxKnown ?? -1) && assignerOf(nodeIds, assigned) === node ? after : before;
    broken = brokenPartition(nodeIds, new KeyTruth(nodeIds.length, (index) => (index === self ? ownTruth : other(index)), key), node, key, old, now);
  });
  if (broken !== null) return broken;
  const stateAt = (index: number): NodeState => (index === self ? after : other(index));
  for (const effect of effects) {
    if (effect.kind !== 'send') continue;
    broken = brokenReply(ctx, stateAt, node, effect.message);
    if (broken !== null) return broken;
  }
  return null;
};

/**
 * A node's new assignment shows as its highest known offset rising to one of
 * its own class: no other node's entry is of its class, and its own entries
 * never come back to it.
 */
const brokenAssignment = (
  nodeIds: readonly string[],
  stateAt: (index: number) => NodeState,
  node: string,
  key: string,
  old: KeyReplica | undefined,
  now: KeyReplica,
): string | null => {
  const offset = now.maxKnown;
  if (offset <= (old?.maxKnown ?? -1) || assignerOf(nodeIds, offset) !== node) return null;
  for (let index = 0; index < nodeIds.length; index++) {
    const shown = get(stateAt(index).partitions, key)?.log.length ?? 0;
    if (offset < shown) return `${node} assigned offset ${offset} of key ${show(key)}, below ${nodeIds[index]}'s stable point ${shown}: a poll there may already have passed it`;
  }
  return null;
};

const brokenPartition = (
  nodeIds: readonly string[],
  truth: KeyTruth,
  node: string,
  key: string,
  old: Partition | undefined,
  now: Partition,
): string | null => {
  const oldLength = old?.log.length ?? 0;
  const oldCommitted = old?.committed ?? -1;
  if (now.log.length < oldLength) return `${node}'s log of key ${show(key)} shrank from ${oldLength} to ${now.log.length} offsets`;
  if (now.committed < oldCommitted) return `${node}'s committed offset of key ${show(key)} went back from ${oldCommitted} to ${now.committed}`;
  // Offsets below the old length share their backing array unless something rebuilt the log: then compare them all.
  if (old !== undefined && (now.log.msgs.backing !== old.log.msgs.backing || now.log.offsets?.backing !== old.log.offsets?.backing)) {
    for (let offset = 0; offset < oldLength; offset++) {
      const was = messageAt(old.log, offset);
      const is = messageAt(now.log, offset);
      if (!jsonEqual(was, is)) return `${node} changed offset ${offset} of key ${show(key)} from ${describe(was)} to ${describe(is)}`;
    }
  }
  if (nodeIds.length === 1) return null;
  // The newly shown messages in offset order, walked beside the offsets: every offset between two of them is a hole.
  const shown = readFrom(now.log, oldLength, Infinity);
  let next = 0;
  for (let offset = oldLength; offset < now.log.length; offset++) {
    const mine = next < shown.length && shown[next]![0] === offset ? shown[next++]![1] : NOTHING;
    const assigned = truth.at(offset);
    if (!jsonEqual(mine, assigned)) {
      return `${node} shows ${describe(mine)} at offset ${offset} of key ${show(key)}, where ${assignerOf(nodeIds, offset)} assigned ${describe(assigned)}`;
    }
  }
  return null;
};

const brokenReply = (ctx: InvariantContext, stateAt: (index: number) => NodeState, node: string, message: Message): string | null => {
  const { body } = message;
  if (body.type !== 'send_ok' && body.type !== 'poll_ok') return null;
  if (typeof body.in_reply_to !== 'number') return null;
  const request = ctx.waiting(message.dest, body.in_reply_to);
  if (request === undefined) return null;
  const { nodeIds } = ctx;
  if (body.type === 'send_ok' && request.rpc === 'send') {
    const offset = body['offset'] as number;
    const stored = new KeyTruth(nodeIds.length, stateAt, request.key).at(offset);
    if (nodeIds.length > 1 && assignerOf(nodeIds, offset) !== node) {
      return `${node} acknowledged ${message.dest}'s send to key ${show(request.key)} at offset ${offset}, which only ${assignerOf(nodeIds, offset)} may assign`;
    }
    if (!jsonEqual(stored, request.msg)) {
      return `${node} acknowledged ${message.dest}'s send of ${show(request.msg)} to key ${show(request.key)} at offset ${offset}, where ${describe(stored)} was assigned`;
    }
    return null;
  }
  if (body.type === 'poll_ok' && request.rpc === 'poll') {
    const msgs = (body['msgs'] ?? {}) as Readonly<Record<string, readonly (readonly [number, unknown])[]>>;
    for (const key of Object.keys(msgs)) {
      const from = request.offsets[key];
      if (from === undefined) return `${node} answered ${message.dest}'s poll with key ${show(key)}, which it did not ask for`;
      const pairs = msgs[key]!;
      if (pairs.length === 0) return `${node} answered ${message.dest}'s poll with key ${show(key)} and no messages`;
      const truth = new KeyTruth(nodeIds.length, stateAt, key);
      let expected = from;
      for (const [offset, msg] of pairs) {
        if (offset < expected) return `${node} answered ${message.dest}'s poll of key ${show(key)} from ${from} with offset ${offset} out of order, or before ${from}`;
        for (let skipped = expected; skipped < offset; skipped++) {
          const missing = truth.at(skipped);
          if (missing !== NOTHING) return `${node} answered ${message.dest}'s poll of key ${show(key)} from ${from} with offset ${offset}, leaving out ${show(missing)} at offset ${skipped}`;
        }
        const stored = truth.at(offset);
        if (!jsonEqual(stored, msg)) return `${node} answered ${message.dest}'s poll of key ${show(key)} with ${show(msg)} at offset ${offset}, where ${describe(stored)} was assigned`;
        expected = offset + 1;
      }
    }
  }
  return null;
};
