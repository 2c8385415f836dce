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
import { messageAt } from '../core/node/shown-log.js';
import { get } from '../core/persistent/hamt.js';
import type { Partition, NodeState } from '../core/node/state.js';
import { assignerOf } from '../core/replication/offsets.js';
import type { KeyReplica } from '../core/replication/replica.js';
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

/** The message its assigner gave `offset` of `key`, or NOTHING. */
const assignedAt = (nodeIds: readonly string[], stateOf: (id: string) => NodeState, key: string, offset: number): unknown => {
  const assigner = stateOf(nodeIds.length === 1 ? nodeIds[0]! : assignerOf(nodeIds, offset));
  const partition = get(assigner.partitions, key);
  if (partition !== undefined && offset < partition.log.length) return messageAt(partition.log, offset);
  const pending = get(assigner.replicas, key)?.pending;
  if (pending === undefined) return NOTHING;
  const { log } = pending;
  let lo = pending.start;
  let hi = log.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const [o, msg] = log.backing[mid]!;
    if (o === offset) return msg;
    if (o < offset) lo = mid + 1;
    else hi = mid;
  }
  return NOTHING;
};

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
  const stateOf = (id: string): NodeState => (id === node ? after : ctx.nodeState(id));
  let broken: string | null = null;
  forEachChange(before.replicas, after.replicas, (key, old, now) => {
    // The stepping node's own shown log is taken from before the step: the step may show what it just assigned.
    broken ??= brokenAssignment(ctx, (id) => (id === node ? before : ctx.nodeState(id)), node, key, old, now);
  });
  if (broken !== null) return broken;
  // The truth about the stepping node's own offsets is what it held before the
  // step, but for the one it assigns in this step (its send_ok is checked
  // against the client's request): a node must not vouch for itself.
  const truthOf = (key: string) => (id: string): NodeState => {
    if (id !== node) return ctx.nodeState(id);
    const assigned = get(after.replicas, key)?.maxKnown ?? -1;
    return assigned > (get(before.replicas, key)?.maxKnown ?? -1) && assignerOf(ctx.nodeIds, assigned) === node ? after : before;
  };
  forEachChange(before.partitions, after.partitions, (key, old, now) => {
    broken ??= brokenPartition(ctx, truthOf(key), node, key, old, now);
  });
  if (broken !== null) return broken;
  for (const effect of effects) {
    if (effect.kind !== 'send') continue;
    broken = brokenReply(ctx, stateOf, node, effect.message);
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
  ctx: InvariantContext,
  stateOf: (id: string) => NodeState,
  node: string,
  key: string,
  old: KeyReplica | undefined,
  now: KeyReplica,
): string | null => {
  const offset = now.maxKnown;
  if (offset <= (old?.maxKnown ?? -1) || assignerOf(ctx.nodeIds, offset) !== node) return null;
  for (const id of ctx.nodeIds) {
    const shown = get(stateOf(id).partitions, key)?.log.length ?? 0;
    if (offset < shown) return `${node} assigned offset ${offset} of key ${show(key)}, below ${id}'s stable point ${shown}: a poll there may already have passed it`;
  }
  return null;
};

const brokenPartition = (
  ctx: InvariantContext,
  stateOf: (id: string) => NodeState,
  node: string,
  key: string,
  old: Partition | undefined,
  now: Partition,
): string | null => {
  const oldLength = old?.log.length ?? 0;
  const oldCommitted = old?.committed ?? -1;
  const k = show(key);
  if (now.log.length < oldLength) return `${node}'s log of key ${k} shrank from ${oldLength} to ${now.log.length} offsets`;
  if (now.committed < oldCommitted) return `${node}'s committed offset of key ${k} went back from ${oldCommitted} to ${now.committed}`;
  // Offsets below the old length share their backing array unless something rebuilt the log: then compare them all.
  if (old !== undefined && (now.log.msgs.backing !== old.log.msgs.backing || now.log.offsets?.backing !== old.log.offsets?.backing)) {
    for (let offset = 0; offset < oldLength; offset++) {
      const was = messageAt(old.log, offset);
      const is = messageAt(now.log, offset);
      if (!jsonEqual(was, is)) return `${node} changed offset ${offset} of key ${k} from ${describe(was)} to ${describe(is)}`;
    }
  }
  if (ctx.nodeIds.length === 1) return null;
  for (let offset = oldLength; offset < now.log.length; offset++) {
    const mine = messageAt(now.log, offset);
    const assigned = assignedAt(ctx.nodeIds, stateOf, key, offset);
    if (!jsonEqual(mine, assigned)) {
      return `${node} shows ${describe(mine)} at offset ${offset} of key ${k}, where ${assignerOf(ctx.nodeIds, offset)} assigned ${describe(assigned)}`;
    }
  }
  return null;
};

const brokenReply = (ctx: InvariantContext, stateOf: (id: string) => NodeState, node: string, message: Message): string | null => {
  const { body } = message;
  if (body.type !== 'send_ok' && body.type !== 'poll_ok') return null;
  if (typeof body.in_reply_to !== 'number') return null;
  const request = ctx.waiting(message.dest, body.in_reply_to);
  if (request === undefined) return null;
  if (body.type === 'send_ok' && request.rpc === 'send') {
    const offset = body['offset'] as number;
    const stored = assignedAt(ctx.nodeIds, stateOf, request.key, offset);
    if (ctx.nodeIds.length > 1 && assignerOf(ctx.nodeIds, offset) !== node) {
      return `${node} acknowledged ${message.dest}'s send to key ${show(request.key)} at offset ${offset}, which only ${assignerOf(ctx.nodeIds, offset)} may assign`;
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
      let expected = from;
      for (const [offset, msg] of pairs) {
        if (offset < expected) return `${node} answered ${message.dest}'s poll of key ${show(key)} from ${from} with offset ${offset} out of order, or before ${from}`;
        for (let skipped = expected; skipped < offset; skipped++) {
          const missing = assignedAt(ctx.nodeIds, stateOf, key, skipped);
          if (missing !== NOTHING) return `${node} answered ${message.dest}'s poll of key ${show(key)} from ${from} with offset ${offset}, leaving out ${show(missing)} at offset ${skipped}`;
        }
        const stored = assignedAt(ctx.nodeIds, stateOf, key, offset);
        if (!jsonEqual(stored, msg)) return `${node} answered ${message.dest}'s poll of key ${show(key)} with ${show(msg)} at offset ${offset}, where ${describe(stored)} was assigned`;
        expected = offset + 1;
      }
    }
  }
  return null;
};
