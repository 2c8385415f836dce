/**
 * Checking what a node sent back, with the same schemas Maelstrom's kafka
 * client checks (an integer offset, a map of keys to [offset, msg] pairs...).
 * A reply that fails its schema is a malformed response: Maelstrom throws,
 * which makes the operation `info`; so do we, and we say what was wrong.
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
  readonly code: number;
  readonly text: string;
}

/** The error a reply carries, if it is an error; a malformed error is reported as such. */
export const errorOf = (body: Body): Checked<ErrorReply> | null => {
  if (body.type !== 'error') return null;
  if (typeof body.code !== 'number' || !Number.isInteger(body.code)) return bad(`error without an integer code: ${show(body)}`);
  return ok({ code: body.code, text: typeof body.text === 'string' ? body.text : '' });
};

const expectType = (body: Body, type: string): string | null =>
  body.type === type ? null : `expected a ${type} reply, got ${show(body)}`;

export const checkSendOk = (body: Body): Checked<number> => {
  const wrongType = expectType(body, 'send_ok');
  if (wrongType !== null) return bad(wrongType);
  return Number.isSafeInteger(body.offset) ? ok(body.offset as number) : bad(`send_ok offset must be an integer, got ${show(body.offset)}`);
};

export const checkPollOk = (body: Body): Checked<PollResult> => {
  const wrongType = expectType(body, 'poll_ok');
  if (wrongType !== null) return bad(wrongType);
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
  const wrongType = expectType(body, 'commit_offsets_ok');
  return wrongType === null ? ok(null) : bad(wrongType);
};

/** Accepts the older name's reply too, as nodes written against older docs send it. */
export const checkListOk = (body: Body): Checked<Readonly<Record<string, number>>> => {
  if (body.type !== 'list_committed_offsets_ok' && body.type !== 'fetch_committed_offsets_ok') {
    return bad(`expected a list_committed_offsets_ok reply, got ${show(body)}`);
  }
  const offsets = body.offsets;
  if (!isRecord(offsets)) return bad(`list_committed_offsets_ok offsets must be an object of key -> offset, got ${show(offsets)}`);
  for (const key of Object.keys(offsets)) {
    if (!Number.isSafeInteger(offsets[key])) return bad(`list_committed_offsets_ok offsets.${key} must be an integer, got ${show(offsets[key])}`);
  }
  return ok(offsets as Readonly<Record<string, number>>);
};
