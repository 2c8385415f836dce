/**
 * One Maelstrom kafka client: a synchronous RPC client bound to one node, as
 * Maelstrom 0.2.3's `workload/kafka.clj` defines it. It does one thing at a time.
 *
 *   send    -> `send {key, msg}`; ok with the offset the node gave
 *   poll    -> `poll {offsets: positions}`, advance positions past what came
 *              back, then `commit_offsets` of the highest offset polled per key,
 *              all in the same operation
 *   assign  -> `list_committed_offsets {keys}`; the positions become exactly
 *              these keys, each at the position the client already had, else
 *              0. Maelstrom 0.2.3 looks each key up in the reply's whole body
 *              (always nil), so the committed offsets are asked for and never
 *              used; so by default here. With `strict`, a key the client has no
 *              position for resumes at its committed offset, as the workload's
 *              prose and a Kafka consumer intend. With seek_to_beginning, every
 *              key at 0 and no RPC.
 *   crash   -> `info` at once; the workload replaces the client
 *
 * How an operation ends, as Maelstrom's `with-errors` (assign is its one
 * idempotent f) and Jepsen's worker decide it:
 *   - an RPC unanswered after `timeout_ms`: `info`, but `fail` for an assign;
 *   - an error reply: `fail` if its code is definite in Maelstrom's registry
 *     (error-registry.ts) or the operation is an assign, else `info`; the
 *     commit after a poll counts as the poll (its positions stay advanced);
 *   - a reply that breaks the RPC's schema: Maelstrom throws, Jepsen's worker
 *     makes the operation `info` whatever its f.
 */
import type { Body, Message } from '../../core/machine.js';
import type { PollResult } from '../history/op.js';
import { isDefiniteInMaelstrom } from './error-registry.js';
import type { Invocation } from './invocation.js';
import { advancePositions, commitOffsetsOf, type OffsetsByKey } from './offsets.js';
import { checkCommitOk, checkListOk, checkPollOk, checkSendOk, errorOf } from './replies.js';

export type Rpc = 'send' | 'poll' | 'commit_offsets' | 'list_committed_offsets';

export interface PendingRpc {
  readonly invocation: Invocation;
  readonly rpc: Rpc;
  readonly msg_id: number;
  readonly deadline_ms: number;
  /** A poll's result, held while its offsets are committed. */
  readonly polled: PollResult | null;
}

export interface KafkaClient {
  /** The client's network id, e.g. "c7". A replaced client gets a new one. */
  readonly id: string;
  readonly node: string;
  /** The last msg_id this client used; ids count up from 1. */
  readonly last_msg_id: number;
  /** The assigned keys and, per key, the next offset to poll from. */
  readonly positions: OffsetsByKey;
  readonly pending: PendingRpc | null;
}

export type Outcome =
  | { readonly type: 'ok'; readonly value: unknown }
  | { readonly type: 'fail'; readonly error: unknown }
  | { readonly type: 'info'; readonly error: unknown };

export interface ClientStep {
  readonly client: KafkaClient;
  /** A request to put on the wire, if this step made one. */
  readonly request: Message | null;
  /** How the operation ended, if this step ended it. */
  readonly outcome: Outcome | null;
}

export const openClient = (id: string, node: string): KafkaClient => ({
  id,
  node,
  last_msg_id: 0,
  positions: {},
  pending: null,
});

// Clients and request bodies are built field by field, not spread: this runs
// for every request and reply of a run.

/** The msg_id of the client's next request. */
const nextMsgId = (client: KafkaClient): number => client.last_msg_id + 1;

/** Sends `body` (its msg_id from nextMsgId) for `rpc`. */
const call = (
  client: KafkaClient,
  invocation: Invocation,
  rpc: Rpc,
  body: Body & { readonly msg_id: number },
  now_ms: number,
  timeout_ms: number,
  polled: PollResult | null = null,
  positions: OffsetsByKey = client.positions,
): ClientStep => {
  const { msg_id } = body;
  return {
    client: { id: client.id, node: client.node, last_msg_id: msg_id, positions, pending: { invocation, rpc, msg_id, deadline_ms: now_ms + timeout_ms, polled } },
    request: { src: client.id, dest: client.node, body },
    outcome: null,
  };
};

const finish = (client: KafkaClient, outcome: Outcome, positions: OffsetsByKey = client.positions): ClientStep => ({
  client: { id: client.id, node: client.node, last_msg_id: client.last_msg_id, positions, pending: null },
  request: null,
  outcome,
});

/** Starts an operation. Precondition: the client is idle. */
export const invokeClient = (client: KafkaClient, invocation: Invocation, now_ms: number, timeout_ms: number): ClientStep => {
  switch (invocation.f) {
    case 'send':
      return call(client, invocation, 'send', { type: 'send', msg_id: nextMsgId(client), key: invocation.key, msg: invocation.msg }, now_ms, timeout_ms);
    case 'poll':
      return call(client, invocation, 'poll', { type: 'poll', msg_id: nextMsgId(client), offsets: client.positions }, now_ms, timeout_ms);
    case 'assign': {
      if (!invocation.seek_to_beginning) {
        const body = { type: 'list_committed_offsets', msg_id: nextMsgId(client), keys: invocation.keys };
        return call(client, invocation, 'list_committed_offsets', body, now_ms, timeout_ms);
      }
      const positions = Object.fromEntries(invocation.keys.map((key) => [key, 0]));
      return finish(client, { type: 'ok', value: invocation.keys }, positions);
    }
    case 'crash':
      return finish(client, { type: 'info', error: 'crash' });
  }
};

/** Ends the pending operation if its RPC's deadline has passed: `info`, or `fail` for an assign. */
export const expireClient = (client: KafkaClient, now_ms: number): ClientStep => {
  if (client.pending === null || now_ms < client.pending.deadline_ms) return { client, request: null, outcome: null };
  return finish(client, { type: client.pending.invocation.f === 'assign' ? 'fail' : 'info', error: 'timeout' });
};

/** Ends the pending operation as `info` for a reason outside the protocol (its node died, say). */
export const abandonClient = (client: KafkaClient, error: unknown): ClientStep =>
  client.pending === null ? { client, request: null, outcome: null } : finish(client, { type: 'info', error });

/**
 * Handles the reply to the pending RPC. Precondition: `body.in_reply_to` is
 * the pending msg_id (the workload routes anything else elsewhere). `strict`
 * makes an assign resume from the committed offsets (see above).
 */
export const clientReceive = (client: KafkaClient, body: Body, now_ms: number, timeout_ms: number, strict = false): ClientStep => {
  const pending = client.pending;
  if (pending === null) return { client, request: null, outcome: null };
  const error = errorOf(body);
  if (error !== null) {
    const definite = isDefiniteInMaelstrom(error.code) || pending.invocation.f === 'assign';
    return finish(client, { type: definite ? 'fail' : 'info', error: [error.code, error.text] });
  }
  switch (pending.rpc) {
    case 'send': {
      const offset = checkSendOk(body);
      if (!offset.ok) return malformed(client, offset.problem);
      const invocation = pending.invocation as Extract<Invocation, { f: 'send' }>;
      return finish(client, { type: 'ok', value: [['send', invocation.key, [offset.value, invocation.msg]]] });
    }
    case 'poll': {
      const msgs = checkPollOk(body);
      if (!msgs.ok) return malformed(client, msgs.problem);
      const positions = advancePositions(client.positions, msgs.value);
      const commits = commitOffsetsOf(msgs.value);
      if (Object.keys(commits).length === 0) return finish(client, { type: 'ok', value: [['poll', msgs.value]] }, positions);
      const commit = { type: 'commit_offsets', msg_id: nextMsgId(client), offsets: commits };
      return call(client, pending.invocation, 'commit_offsets', commit, now_ms, timeout_ms, msgs.value, positions);
    }
    case 'commit_offsets': {
      const committed = checkCommitOk(body);
      if (!committed.ok) return malformed(client, committed.problem);
      return finish(client, { type: 'ok', value: [['poll', pending.polled ?? {}]] });
    }
    case 'list_committed_offsets': {
      const committed = checkListOk(body);
      if (!committed.ok) return malformed(client, committed.problem);
      const invocation = pending.invocation as Extract<Invocation, { f: 'assign' }>;
      const positions: Record<string, number> = {};
      for (const key of invocation.keys) positions[key] = client.positions[key] ?? (strict ? committed.value[key] : undefined) ?? 0;
      return finish(client, { type: 'ok', value: invocation.keys }, positions);
    }
  }
};

const malformed = (client: KafkaClient, problem: string): ClientStep =>
  finish(client, { type: 'info', error: ['malformed-reply', problem] });
