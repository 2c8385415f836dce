/**
 * The fuzz streams fed to the reducer in process, exactly as the node's shell
 * feeds it (JSON.parse, `decodeNodeInput`, `step`), one line at a time, so
 * every effect belongs to the line that caused it. Beyond what the process
 * fuzz can see, this also checks that a rejected request (an error reply, or
 * no reply at all) leaves the state as it was.
 */
import type { Message } from '../../core/machine.js';
import { initialNodeState, type NodeState } from '../../core/node/state.js';
import { decodeNodeInput } from '../../core/protocol/decode.js';
import { defaultNodeConfig } from '../../core/node/config.js';
import type { NodeStep } from '../config.js';
import { clip, isMaybeError, jsonText, mismatch, NOT_JSON, type Expected } from './oracle.js';
import { fuzzStream, type FuzzLine } from './stream.js';
import type { FuzzScope } from './values.js';

export interface FuzzFailure {
  readonly stream: number;
  readonly line: number;
  readonly text: string;
  readonly problem: string;
}

export interface FuzzRun extends FuzzScope {
  readonly seed: number;
  /** Lines in all, and per stream (each stream is a fresh node). */
  readonly lines: number;
  readonly lines_per_stream: number;
  readonly poll_max: number;
}

export interface FuzzResult {
  readonly lines: number;
  /** Lines that had to get exactly one reply, and did. */
  readonly replies: number;
  readonly failures: readonly FuzzFailure[];
}

/** The streams of a run: their numbers and lengths (the last may be shorter). */
export const streamsOf = (run: FuzzRun): { stream: number; lines: number }[] => {
  const out: { stream: number; lines: number }[] = [];
  for (let stream = 0, left = run.lines; left > 0; stream++, left -= run.lines_per_stream) out.push({ stream, lines: Math.min(left, run.lines_per_stream) });
  return out;
};

const MAX_FAILURES = 20;

/** Everything in a node's state but its msg_id counter, compared by identity: a persistent state changed in any part is a new object there. */
const unchanged = (before: NodeState, after: NodeState): boolean =>
  (Object.keys(before) as (keyof NodeState)[]).every((field) => field === 'nextMsgId' || Object.is(before[field], after[field])) &&
  Object.keys(after).length === Object.keys(before).length;

/** What is wrong with the messages one line produced, or null. */
export const judgeReplies = (expected: Expected, sent: readonly Message[]): string | null => {
  switch (expected.kind) {
    case 'none':
      return sent.length === 0 ? null : `expected no reply (${expected.why}), got ${sent.length}: ${clip(jsonText(sent[0]))}`;
    case 'maybe-error':
      if (sent.length === 0) return null;
      return sent.length === 1 && isMaybeError(expected, sent[0]!) ? null : `expected nothing or error 12 (${expected.why}), got ${clip(jsonText(sent))}`;
    case 'reply':
      if (sent.length !== 1) return `expected exactly one reply (${expected.why}), got ${sent.length}${sent.length > 0 ? `: ${clip(jsonText(sent))}` : ''}`;
      return mismatch(expected, sent[0]!);
  }
};

export const fuzzReducer = (run: FuzzRun, nodeStep: NodeStep): FuzzResult => {
  const failures: FuzzFailure[] = [];
  let lines = 0;
  let replies = 0;
  for (const { stream, lines: count } of streamsOf(run)) {
    let state = initialNodeState({ ...defaultNodeConfig, pollMaxPerKey: run.poll_max });
    let lastMsgId = -1;
    const fail = (line: FuzzLine, problem: string): void => {
      failures.push({ stream, line: line.index, text: clip(line.seen, 300), problem });
    };
    for (const line of fuzzStream({ ...run, stream, lines: count })) {
      lines++;
      const before = state;
      const sent: Message[] = [];
      if (line.parsed !== NOT_JSON) {
        try {
          const decoded = decodeNodeInput(line.parsed, lines);
          if (decoded._tag === 'Right') {
            const [after, effects] = nodeStep(state, decoded.right);
            state = after;
            for (const effect of effects) if (effect.kind === 'send') sent.push(effect.message);
          }
        } catch (error) {
          // In the node's shell a throwing decoder kills the process, and a throwing step drops the input.
          fail(line, `decoding or stepping threw: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      const problem = judgeReplies(line.expected, sent);
      if (problem !== null) fail(line, problem);
      else if (line.expected.kind === 'reply') replies++;
      const refused = sent.length === 0 || sent[0]!.body.type === 'error';
      if (refused && !unchanged(before, state)) fail(line, `a refused request changed the node's state (${line.expected.why})`);
      for (const message of sent) {
        const id = message.body.msg_id ?? -1;
        if (!(id > lastMsgId)) fail(line, `msg_id ${id} does not grow (the last was ${lastMsgId})`);
        lastMsgId = id;
      }
      if (failures.length >= MAX_FAILURES) return { lines, replies, failures };
    }
  }
  return { lines, replies, failures };
};
