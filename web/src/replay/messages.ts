/**
 * Messages between nodes, each with the step that sent it and the step that
 * delivered it, derived while replaying:
 *
 * - a node's step emits a `send` effect to another node: that step sent it;
 * - the receiver's trace holds its delivery: that step delivered it, and the
 *   trace's copy is the message as it really was.
 *
 * Sender, receiver and msg_id name a message (a node's msg_ids only
 * increase), and join the two; failing that (a replay with inferred ticks
 * may number a node's messages differently from the real node), sender,
 * receiver, type and the protocol's own `seq` do. A delivered message the replay did not send
 * (a runner's trace replays with inferred ticks, see tick-inference.ts) is
 * still shown: its sending step is estimated as the last step one network
 * latency before its delivery. A message the replay sent and the trace
 * never delivered was lost (a partition, or the simulator's loss).
 *
 * "In flight at step s" (s steps applied): sent by a step before s, and
 * delivered by step s or later. Messages to clients and services are not
 * here: clients are not traced (and see no latency), so there is no
 * delivery to derive.
 */
import type { Message } from '../../../src/core/machine.js';

export interface PeerMessage {
  readonly from: number;
  readonly to: number;
  /** The message as delivered (from the trace) when it was, else as the replay sent it. */
  readonly message: Message;
  readonly sentStep: number;
  /** The step that delivered it first; -1 if it never arrived. */
  readonly deliveredStep: number;
  /** False when the sending step is an estimate: the replay did not send this message itself. */
  readonly replayed: boolean;
}

interface Draft {
  /** The msg_id the replay gave it (the trace's copy may carry another). */
  readonly replayMsgId: unknown;
  from: number;
  to: number;
  message: Message;
  sentStep: number;
  deliveredStep: number;
  replayed: boolean;
  /** Unreplayed deliveries only: when the message arrived, to estimate its sending step at the end. */
  delivered_ms: number;
}

export class MessageLog {
  private drafts: Draft[] = [];
  private readonly byId = new Map<string, Draft>();
  /** The replay's msg_id for a delivered message, by the name the trace gives it. */
  private readonly replayIds = new Map<string, unknown>();
  /** Replayed messages not yet delivered, by sender, receiver, type and seq (peer messages carry a seq per pair). */
  private readonly bySeq = new Map<string, Draft>();
  /** After `seal`: records in sending order, with sentSteps for binary search and a running count of lost ones. */
  private records: readonly PeerMessage[] = [];
  private sentSteps = new Int32Array(0);
  private lostBefore = new Int32Array(1);

  static idOf(src: string, dest: string, msgId: unknown): string {
    return `${src}\u0000${dest}\u0000${String(msgId)}`;
  }

  private static seqIdOf(message: Message): string | undefined {
    const seq = message.body['seq'];
    return typeof seq === 'number' ? `${message.src}\u0000${message.dest}\u0000${message.body.type}\u0000${seq}` : undefined;
  }

  get size(): number {
    return this.records.length;
  }

  /**
   * The msg_id the replay gave the message the trace names (sender,
   * receiver, msg_id), when they differ: a reply to it must say
   * `in_reply_to` the replay's id, or the replayed sender will not know it.
   */
  replayIdOf(src: string, dest: string, msgId: unknown): unknown {
    return this.replayIds.get(MessageLog.idOf(src, dest, msgId));
  }

  hasSent(message: Message): boolean {
    return this.byId.get(MessageLog.idOf(message.src, message.dest, message.body.msg_id))?.replayed === true;
  }

  recordSent(from: number, to: number, message: Message, step: number): void {
    const draft: Draft = { replayMsgId: message.body.msg_id, from, to, message, sentStep: step, deliveredStep: -1, replayed: true, delivered_ms: NaN };
    this.byId.set(MessageLog.idOf(message.src, message.dest, message.body.msg_id), draft);
    const seqId = MessageLog.seqIdOf(message);
    if (seqId !== undefined) this.bySeq.set(seqId, draft);
    this.drafts.push(draft);
  }

  /**
   * Records the trace's delivery of `delivered` at `step` (a duplicate
   * delivery changes nothing) and returns the message the replay had sent
   * under the same name, if it had.
   */
  recordDelivered(from: number, to: number, delivered: Message, step: number, time_ms: number): Message | undefined {
    const id = MessageLog.idOf(delivered.src, delivered.dest, delivered.body.msg_id);
    const draft = this.byId.get(id);
    const seqId = MessageLog.seqIdOf(delivered);
    const sameSeq = draft === undefined && seqId !== undefined ? this.bySeq.get(seqId) : undefined;
    if (sameSeq !== undefined && sameSeq.deliveredStep === -1) {
      // The replay sent this message under another msg_id: the same message all the same, for what is in flight.
      sameSeq.deliveredStep = step;
      sameSeq.message = delivered;
      this.byId.set(id, sameSeq);
      this.replayIds.set(id, sameSeq.replayMsgId);
      return undefined;
    }
    if (draft === undefined) {
      const unreplayed: Draft = { replayMsgId: undefined, from, to, message: delivered, sentStep: -1, deliveredStep: step, replayed: false, delivered_ms: time_ms };
      this.byId.set(id, unreplayed);
      this.drafts.push(unreplayed);
      return undefined;
    }
    if (draft.deliveredStep !== -1) return draft.replayed ? draft.message : undefined;
    const sent = draft.message;
    draft.deliveredStep = step;
    draft.message = delivered;
    return sent;
  }

  /**
   * Ends the build: estimates the sending steps of unreplayed deliveries
   * (`stepAtTime(t)` counts the steps at or before time t), sorts by
   * sending step, and counts the lost.
   */
  seal(stepAtTime: (time_ms: number) => number, latency_ms: number): void {
    for (const d of this.drafts) {
      if (!d.replayed) d.sentStep = Math.max(0, Math.min(d.deliveredStep - 1, stepAtTime(d.delivered_ms - latency_ms) - 1));
    }
    const sorted = this.drafts.map((d, i) => [d, i] as const).sort(([a, i], [b, j]) => a.sentStep - b.sentStep || i - j);
    this.records = sorted.map(([d]) => ({ from: d.from, to: d.to, message: d.message, sentStep: d.sentStep, deliveredStep: d.deliveredStep, replayed: d.replayed }));
    this.sentSteps = Int32Array.from(this.records, (r) => r.sentStep);
    this.lostBefore = new Int32Array(this.records.length + 1);
    this.records.forEach((r, i) => (this.lostBefore[i + 1] = this.lostBefore[i]! + (r.deliveredStep === -1 ? 1 : 0)));
    this.drafts = [];
    this.byId.clear();
    this.bySeq.clear();
  }

  /** How many messages were sent by steps before `s`: they are the first ones. */
  private sentBefore(s: number): number {
    let lo = 0;
    let hi = this.sentSteps.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.sentSteps[mid]! < s) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The messages in flight at step s, oldest first. */
  inFlightAt(s: number): PeerMessage[] {
    const out: PeerMessage[] = [];
    const sent = this.sentBefore(s);
    for (let i = 0; i < sent; i++) if (this.records[i]!.deliveredStep >= s) out.push(this.records[i]!);
    return out;
  }

  /** How many messages sent before step s will never arrive, and the latest `limit` of them, newest first. */
  lostAt(s: number, limit: number): { readonly count: number; readonly latest: PeerMessage[] } {
    const sent = this.sentBefore(s);
    const count = this.lostBefore[sent]!;
    const latest: PeerMessage[] = [];
    for (let i = sent - 1; i >= 0 && latest.length < Math.min(limit, count); i--) if (this.records[i]!.deliveredStep === -1) latest.push(this.records[i]!);
    return { count, latest };
  }
}
