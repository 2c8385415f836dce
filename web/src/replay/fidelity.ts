/**
 * How faithfully the replay reproduced the run. Two witnesses:
 *
 * - peer messages: every message a node received from another node is in
 *   the trace, so the replay of the sender must have sent the same message
 *   (same msg_id, same body);
 * - send offsets: every `send_ok` the replay gives a client must carry the
 *   offset the history's ok send reports for that key and message (messages
 *   are unique per key in Maelstrom's workload).
 *
 * A simulator trace replays exactly. A runner trace has no ticks (the
 * runner cannot see a node's timer), so they are inferred; a run of some
 * other binary replays as what our reducer would have done. Either shows
 * here as disagreement, named at its first step.
 */
import type { Op } from '../../../src/maelstrom/history/op.js';

export interface Disagreement {
  readonly step: number;
  readonly text: string;
}

export interface Fidelity {
  /** Messages between nodes the trace delivered. */
  peerDelivered: number;
  /** Of those, how many the replay sent under the same name (sender, receiver, msg_id): placed right. */
  peerNamed: number;
  /** And how many it sent identically. */
  peerReproduced: number;
  firstPeerDisagreement: Disagreement | undefined;
  sendsCompared: number;
  sendsAgreeing: number;
  firstSendDisagreement: Disagreement | undefined;
  /** Steps whose reducer call threw (the node's shell drops such an input and keeps its state). */
  stepErrors: number;
  firstStepError: Disagreement | undefined;
}

export const emptyFidelity = (): Fidelity => ({
  peerDelivered: 0,
  peerNamed: 0,
  peerReproduced: 0,
  firstPeerDisagreement: undefined,
  sendsCompared: 0,
  sendsAgreeing: 0,
  firstSendDisagreement: undefined,
  stepErrors: 0,
  firstStepError: undefined,
});

export const sendKey = (key: string, msg: unknown): string => `${key}\u0000${JSON.stringify(msg)}`;

/** The offset of each acknowledged send in the history, by key and message. */
export const historyOffsets = (history: readonly Op[]): Map<string, number> => {
  const offsets = new Map<string, number>();
  for (const op of history) {
    if (op.type !== 'ok' || op.f !== 'send' || !Array.isArray(op.value)) continue;
    for (const mop of op.value as unknown[]) {
      if (!Array.isArray(mop) || mop[0] !== 'send' || typeof mop[1] !== 'string' || !Array.isArray(mop[2])) continue;
      const [offset, msg] = mop[2] as unknown[];
      if (typeof offset === 'number') offsets.set(sendKey(mop[1], msg), offset);
    }
  }
  return offsets;
};
