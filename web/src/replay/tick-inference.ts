/**
 * Where a runner's trace leaves out the ticks, put them back.
 *
 * A node's timer fires inside its process, so the runner's trace has no
 * ticks, and replay has to decide where each one went among the node's
 * inputs. The deadlines the node asked for are a poor guide on their own: a
 * node reads its `init` only once it has booted (tens of ms after the trace
 * says it was written), a real timer fires a little late, and each next
 * deadline counts from the late firing, so the error grows tick by tick.
 *
 * The trace says where the ticks were. A node numbers everything it sends
 * with one increasing msg_id, client replies and peer messages alike, and
 * every peer message that arrived is in the trace. So the next peer message
 * the trace shows from a node, with msg_id m, was sent when the node had
 * used exactly m msg_ids. Before each trace entry, every node whose deadline
 * has passed (or whose next peer message is about to be delivered) is
 * ticked on trial, which the reducer's purity makes free, and the trial is
 * judged against that next message:
 *
 *   match     the trial sends it, exactly: the real tick was here; keep it,
 *             even before its deadline
 *   named     the trial sends it (same msg_id, receiver and type) with another
 *             body: the real tick was here or after the node's next input
 *             (which may change the body, e.g. what it has heard); keep it
 *             unless that input came before the message left
 *   neutral   the trial sends no peer message: keep it once its deadline passed
 *   conflict  the trial sends peer messages with lower msg_ids, which never
 *             arrived: the real tick came after more of the node's inputs
 *             (or its messages were lost to a partition). Wait, at most one
 *             replication interval past the deadline, then keep it anyway.
 *
 * fidelity.ts reports how many messages came out identical.
 */
import type { Effect, Message } from '../../../src/core/machine.js';
import type { NodeState } from '../../../src/core/node/state.js';

export type Verdict = 'match' | 'named' | 'neutral' | 'conflict';

export interface Judgement {
  readonly verdict: Verdict;
  /** For a match: when the trace delivered the matched message. */
  readonly delivered_ms: number | undefined;
}

export interface Trial extends Judgement {
  readonly before: NodeState;
  readonly now_ms: number;
  readonly state: NodeState;
  readonly effects: readonly Effect[];
  readonly error: string | undefined;
}

interface Sent {
  readonly msgId: number;
  readonly dest: string;
  readonly type: string;
  readonly time_ms: number;
  readonly message: Message;
  json?: string;
}

/** Every peer message the trace delivers, per sender, in msg_id order. */
export class PeerMessagesBySender {
  private readonly bySender = new Map<string, Sent[]>();

  constructor(deliveries: Iterable<{ readonly message: Message; readonly time_ms: number }>, isNode: (id: string) => boolean) {
    const seen = new Set<string>();
    for (const { message, time_ms } of deliveries) {
      const msgId = message.body.msg_id;
      if (!isNode(message.src) || typeof msgId !== 'number') continue;
      const id = `${message.src}\u0000${msgId}`;
      if (seen.has(id)) continue; // a duplicated delivery
      seen.add(id);
      let list = this.bySender.get(message.src);
      if (list === undefined) this.bySender.set(message.src, (list = []));
      list.push({ msgId, dest: message.dest, type: message.body.type, time_ms, message });
    }
    for (const list of this.bySender.values()) list.sort((a, b) => a.msgId - b.msgId);
  }

  /** The message `sender` is seen to send with this msg_id. */
  find(sender: string, msgId: unknown): Sent | undefined {
    if (typeof msgId !== 'number') return undefined;
    const found = this.next(sender, msgId);
    return found?.msgId === msgId ? found : undefined;
  }

  /** The first message `sender` is seen to send with a msg_id of at least `from`. */
  next(sender: string, from: number): Sent | undefined {
    const list = this.bySender.get(sender);
    if (list === undefined) return undefined;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (list[mid]!.msgId < from) lo = mid + 1;
      else hi = mid;
    }
    return list[lo];
  }
}

export const judgeTrial = (
  self: string,
  before: NodeState,
  effects: readonly Effect[],
  isNode: (id: string) => boolean,
  delivered: PeerMessagesBySender,
): Judgement => {
  const next = delivered.next(self, before.nextMsgId);
  const sends = effects.filter((e): e is Extract<Effect, { kind: 'send' }> => e.kind === 'send' && isNode(e.message.dest)).map((e) => e.message);
  if (sends.length === 0 || next === undefined) return { verdict: 'neutral', delivered_ms: undefined };
  const named = sends.find((m) => m.body.msg_id === next.msgId && m.dest === next.dest && m.body.type === next.type);
  if (named === undefined) return { verdict: 'conflict', delivered_ms: undefined };
  // Named right: is every message of the tick that arrived identical to what arrived?
  const identical = sends.every((m) => {
    const real = delivered.find(self, m.body.msg_id);
    if (real === undefined || real.dest !== m.dest) return real === undefined;
    real.json ??= JSON.stringify(real.message.body);
    return real.json === JSON.stringify(m.body);
  });
  return { verdict: identical ? 'match' : 'named', delivered_ms: next.time_ms };
};
