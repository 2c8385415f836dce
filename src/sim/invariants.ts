/**
 * What must hold after every step of every node, whatever the network did.
 * The checker judges a history after the fact; these judge the cluster's
 * state as it goes, so a violation is caught at the step that made it, with
 * the seed and the step number, long before it could show in a poll.
 *
 * For a node going from `before` to `after` in one step:
 *   1. msg_ids only grow.
 *   2. A key's log never shrinks, and an offset once filled never changes.
 *   3. A key's committed offset never decreases.
 *   4. A replica is a prefix of the owner's log: a node that does not own a
 *      key holds, at each offset, the owner's message at that offset.
 *   5. An acknowledged send is in its owner's log at the offset the client
 *      was given.
 *   6. A poll reply is, per key, a contiguous run from exactly the offset
 *      the client asked for, of the owner's messages at those offsets.
 *
 * Only what the step changed is examined (map-diff.ts), so checking costs
 * about as much as the step itself.
 */
import type { Effect, Message } from '../core/machine.js';
import { at } from '../core/persistent/append-log.js';
import { get } from '../core/persistent/hamt.js';
import type { Partition, NodeState } from '../core/node/state.js';
import { ownerOf } from '../core/replication/ownership.js';
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

const logAt = (partition: Partition | undefined, offset: number): unknown =>
  partition === undefined ? undefined : at(partition.log, offset);

/** The first broken invariant of this step, in words, or null. */
export const brokenInvariant = (
  ctx: InvariantContext,
  node: string,
  before: NodeState,
  after: NodeState,
  effects: readonly Effect[],
): string | null => {
  if (after.nextMsgId < before.nextMsgId) return `${node}'s next msg_id went back from ${before.nextMsgId} to ${after.nextMsgId}`;
  let broken: string | null = null;
  forEachChange(before.partitions, after.partitions, (key, old, now) => {
    broken ??= brokenPartition(ctx, node, key, old, now);
  });
  if (broken !== null) return broken;
  for (const effect of effects) {
    if (effect.kind !== 'send') continue;
    broken = brokenReply(ctx, node, after, effect.message);
    if (broken !== null) return broken;
  }
  return null;
};

const brokenPartition = (ctx: InvariantContext, node: string, key: string, old: Partition | undefined, now: Partition): string | null => {
  const oldLength = old?.log.length ?? 0;
  const oldCommitted = old?.committed ?? -1;
  const k = show(key);
  if (now.log.length < oldLength) return `${node}'s log of key ${k} shrank from ${oldLength} to ${now.log.length} entries`;
  if (now.committed < oldCommitted) return `${node}'s committed offset of key ${k} went back from ${oldCommitted} to ${now.committed}`;
  // Entries below the old length share their backing array unless something rebuilt the log: then compare them all.
  if (old !== undefined && now.log.backing !== old.log.backing) {
    for (let offset = 0; offset < oldLength; offset++) {
      const was = at(old.log, offset);
      const is = at(now.log, offset);
      if (!jsonEqual(was, is)) return `${node} changed offset ${offset} of key ${k} from ${show(was)} to ${show(is)}`;
    }
  }
  const owner = ownerOf(ctx.nodeIds, key);
  if (owner === node || now.log.length === oldLength) return null;
  const theirs = get(ctx.nodeState(owner).partitions, key);
  const ownerLength = theirs?.log.length ?? 0;
  if (now.log.length > ownerLength) return `${node}'s replica of key ${k} has ${now.log.length} entries, more than its owner ${owner}'s ${ownerLength}`;
  for (let offset = oldLength; offset < now.log.length; offset++) {
    const mine = at(now.log, offset);
    const owners = logAt(theirs, offset);
    if (!jsonEqual(mine, owners)) return `${node}'s replica of key ${k} holds ${show(mine)} at offset ${offset}, where its owner ${owner} holds ${show(owners)}`;
  }
  return null;
};

const brokenReply = (ctx: InvariantContext, node: string, after: NodeState, message: Message): string | null => {
  const { body } = message;
  if (body.type !== 'send_ok' && body.type !== 'poll_ok') return null;
  if (typeof body.in_reply_to !== 'number') return null;
  const request = ctx.waiting(message.dest, body.in_reply_to);
  if (request === undefined) return null;
  const stateOf = (id: string): NodeState => (id === node ? after : ctx.nodeState(id));
  if (body.type === 'send_ok' && request.rpc === 'send') {
    const offset = body['offset'] as number;
    const owner = ownerOf(ctx.nodeIds, request.key);
    const stored = logAt(get(stateOf(owner).partitions, request.key), offset);
    if (!jsonEqual(stored, request.msg)) {
      return `${node} acknowledged ${message.dest}'s send of ${show(request.msg)} to key ${show(request.key)} at offset ${offset}, where its owner ${owner} holds ${show(stored)}`;
    }
    return null;
  }
  if (body.type === 'poll_ok' && request.rpc === 'poll') {
    const msgs = (body['msgs'] ?? {}) as Readonly<Record<string, readonly (readonly [number, unknown])[]>>;
    for (const key of Object.keys(msgs)) {
      const from = request.offsets[key];
      if (from === undefined) return `${node} answered ${message.dest}'s poll with key ${show(key)}, which it did not ask for`;
      const owner = ownerOf(ctx.nodeIds, key);
      const log = get(stateOf(owner).partitions, key);
      const pairs = msgs[key]!;
      for (let i = 0; i < pairs.length; i++) {
        const [offset, msg] = pairs[i]!;
        if (offset !== from + i) return `${node} answered ${message.dest}'s poll of key ${show(key)} from ${from} with offset ${offset} in position ${i}: not a contiguous run from ${from}`;
        const stored = logAt(log, offset);
        if (!jsonEqual(stored, msg)) return `${node} answered ${message.dest}'s poll of key ${show(key)} with ${show(msg)} at offset ${offset}, where its owner ${owner} holds ${show(stored)}`;
      }
    }
  }
  return null;
};
