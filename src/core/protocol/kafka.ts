/**
 * The kafka workload's RPCs, one request/response codec pair each, exactly as
 * Maelstrom's `workload/kafka.clj` declares them. Requests are decoded at the
 * edge; responses are only ever encoded by us, and their codecs document (and
 * let tests check) the shape we promise.
 */
import * as t from 'io-ts';
import { isOffsetsByKey, isStringArray, JsonValue, NonNegativeInt, OffsetsByKey } from './codec.js';

const request = <T extends string, P extends t.Props>(type: T, props: P) =>
  t.type({ type: t.literal(type), msg_id: NonNegativeInt, ...props }, type);

const reply = <T extends string, P extends t.Props>(type: T, props: P) =>
  t.type({ type: t.literal(type), msg_id: NonNegativeInt, in_reply_to: NonNegativeInt, ...props }, type);

export const Init = {
  request: request('init', { node_id: t.string, node_ids: t.array(t.string) }),
  response: reply('init_ok', {}),
};

export const Send = {
  request: request('send', { key: t.string, msg: JsonValue }),
  response: reply('send_ok', { offset: NonNegativeInt }),
};

export const Poll = {
  request: request('poll', { offsets: OffsetsByKey }),
  response: reply('poll_ok', { msgs: t.record(t.string, t.array(t.tuple([NonNegativeInt, JsonValue]))) }),
};

export const CommitOffsets = {
  request: request('commit_offsets', { offsets: OffsetsByKey }),
  response: reply('commit_offsets_ok', {}),
};

export const ListCommittedOffsets = {
  request: request('list_committed_offsets', { keys: t.array(t.string) }),
  response: reply('list_committed_offsets_ok', { offsets: OffsetsByKey }),
};

/** The workload's older prose calls `list_committed_offsets` this; we answer both. */
export const FetchCommittedOffsets = {
  request: request('fetch_committed_offsets', { keys: t.array(t.string) }),
  response: reply('fetch_committed_offsets_ok', { offsets: OffsetsByKey }),
};

export type InitRequest = t.TypeOf<typeof Init.request>;
export type SendRequest = t.TypeOf<typeof Send.request>;
export type PollRequest = t.TypeOf<typeof Poll.request>;
export type CommitOffsetsRequest = t.TypeOf<typeof CommitOffsets.request>;
export type ListCommittedOffsetsRequest = t.TypeOf<typeof ListCommittedOffsets.request>;
export type FetchCommittedOffsetsRequest = t.TypeOf<typeof FetchCommittedOffsets.request>;

export type ClientRequest =
  | InitRequest
  | SendRequest
  | PollRequest
  | CommitOffsetsRequest
  | ListCommittedOffsetsRequest
  | FetchCommittedOffsetsRequest;

/** Request codecs by `type`: the decoder's routing table. */
export const clientRequestCodecs = {
  init: Init.request,
  send: Send.request,
  poll: Poll.request,
  commit_offsets: CommitOffsets.request,
  list_committed_offsets: ListCommittedOffsets.request,
  fetch_committed_offsets: FetchCommittedOffsets.request,
} as const;

/**
 * Each request codec's `is` written out by hand, for the fields after `type`
 * and `msg_id` (the decoder checks those first): the decoder's fast path for
 * well-formed requests. As strict as the codec or stricter, never looser;
 * whatever a guard refuses, the codec decides (properties/decode-fast-path.test.ts).
 */
export const clientRequestFields: Readonly<Record<keyof typeof clientRequestCodecs, (body: Readonly<Record<string, unknown>>) => boolean>> = {
  init: (body) => typeof body['node_id'] === 'string' && isStringArray(body['node_ids']),
  send: (body) => typeof body['key'] === 'string' && body['msg'] !== undefined,
  poll: (body) => isOffsetsByKey(body['offsets']),
  commit_offsets: (body) => isOffsetsByKey(body['offsets']),
  list_committed_offsets: (body) => isStringArray(body['keys']),
  fetch_committed_offsets: (body) => isStringArray(body['keys']),
};
