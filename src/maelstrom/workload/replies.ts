/**
 * Checking what a node sent back, with the same schemas Maelstrom's kafka
 * client checks (an integer offset, a map of keys to [offset, msg] pairs...).
 * A reply that fails its schema is a malformed response: Maelstrom throws,
 * which makes the operation `info`; so do we, and we say what was wrong.
 *
 * Maelstrom's schemas are plumatic maps, which are closed: a reply body may
 * hold its RPC's fields, `type`, `in_reply_to` and an integer `msg_id`, and
 * nothing else. The reply type must be exactly the one the schema names
 * (`list_committed_offsets_ok`, not the older `fetch_committed_offsets_ok`).
 */
import type { Body } from '../../core/machine.js';
import type { OffsetMessage, PollResult } from '../history/op.js';

export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const bad = <T>(problem: string): Checked<T> => ({ ok: false, problem });

const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> => typeof u === 'object' && u !== null && !Array.isArray(u);

const show = (u: unknown): string => {
  const text = JSON.stringify(u) ?? String(u);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
};

export interface ErrorReply {
  /** As the node sent it: Maelstrom checks no schema on an error, a code it does not know (or none) is indefinite. */
  readonly code: unknown;
  readonly text: string;
}

/** The error a reply carries, if it is one. */
export const errorOf = (body: Body): ErrorReply | null =>
  body.type !== 'error' ? null : { code: body.code ?? null, text: typeof body.text === 'string' ? body.text : '' };

const ENVELOPE_FIELDS: readonly string[] = ['type', 'msg_id', 'in_reply_to'];

/** Why `body` is not a `type` reply with exactly `fields` (beside the envelope's), or null if it is. */
const expectShape = (body: Body, type: string, fields: readonly string[]): string | null => {
  if (body.type !== type) return `expected a ${type} reply, got ${show(body)}`;
  if (body.msg_id !== undefined && !Number.isSafeInteger(body.msg_id)) return `${type} msg_id must be an integer, got ${show(body.msg_id)}`;
  const extra = Object.keys(body).filter((field) => !ENVELOPE_FIELDS.includes(field) && !fields.includes(field));
  return extra.length === 0 ? null : `${type} holds ${extra.map((f) => JSON.stringify(f)).join(', ')}, which Maelstrom's schema disallows: ${show(body)}`;
};

export const checkSendOk = (body: Body): Checked<number> => {
  const wrongShape = expectShape(body, 'send_ok', ['offset']);
  if (wrongShape !== null) return bad(wrongShape);
  return Number.isSafeInteger(body.offset) ? ok(body.offset as number) : bad(`send_ok offset must be an integer, got ${show(body.offset)}`);
};

export const checkPollOk = (body: Body): Checked<PollResult> => {
  const wrongShape = expectShape(body, 'poll_ok', ['msgs']);
  if (wrongShape !== null) return bad(wrongShape);
  const msgs = body.msgs;
  if (!isRecord(msgs)) return bad(`poll_ok msgs must be an object of key -> [[offset, msg], ...], got ${show(msgs)}`);
  for (const key of Object.keys(msgs)) {
    const pairs = msgs[key];
    if (!Array.isArray(pairs)) return bad(`poll_ok msgs.${key} must be a list of [offset, msg] pairs, got ${show(pairs)}`);
    for (const pair of pairs as readonly unknown[]) {
      if (!Array.isArray(pair) || pair.length !== 2 || !Number.isSafeInteger(pair[0])) {
        return bad(`poll_ok msgs.${key} holds ${show(pair)}, not an [offset, msg] pair`);
      }
    }
  }
  return ok(msgs as Readonly<Record<string, readonly OffsetMessage[]>>);
};

export const checkCommitOk = (body: Body): Checked<null> => {
  const wrongShape = expectShape(body, 'commit_offsets_ok', []);
  return wrongShape === null ? ok(null) : bad(wrongShape);
};

export const checkListOk = (body: Body): Checked<Readonly<Record<string, number>>> => {
  const wrongShape = expectShape(body, 'list_committed_offsets_ok', ['offsets']);
  if (wrongShape !== null) return bad(wrongShape);
  const offsets = body.offsets;
  if (!isRecord(offsets)) return bad(`list_committed_offsets_ok offsets must be an object of key -> offset, got ${show(offsets)}`);
  for (const key of Object.keys(offsets)) {
    if (!Number.isSafeInteger(offsets[key])) return bad(`list_committed_offsets_ok offsets.${key} must be an integer, got ${show(offsets[key])}`);
  }
  return ok(offsets as Readonly<Record<string, number>>);
};
