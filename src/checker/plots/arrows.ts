/**
 * The messages of a run as arrows of a Lamport diagram: who sent what to
 * whom, when it left and when it arrived (or that it never did).
 *
 * An ArrowRecorder is fed what a replay sees, in time order: every message
 * the trace delivered to a node (`delivered`), and every message a node's
 * step sent (`sent`). It joins the two by sender, receiver and body (a
 * faithful replay sends exactly what the trace later delivers):
 *
 * - a node's message to a node: left when the step sent it, arrived at its
 *   delivery; never delivered means lost (a partition, or the simulator's loss);
 * - a node's reply to a client: clients see no latency, it arrives as it leaves;
 * - a node's request to a service (lin-kv...) and the service's reply: the
 *   service answers as the request arrives, which no trace records, so both
 *   meet halfway between the request leaving and the reply arriving;
 * - a client's request: clients see no latency, it left as it arrived;
 * - a delivery the replay never sent (a trace without ticks, or no replay at
 *   all): it is drawn as leaving when it arrived.
 *
 * `finish()` sorts the arrows by departure and indexes them, so that the
 * arrows of a time window are found by binary search (a 20 s run of 5 nodes
 * holds hundreds of thousands).
 */
import type { Message } from '../../core/machine.js';
import { isClientId } from '../../maelstrom/network/addresses.js';
import { isServiceId } from '../../maelstrom/services/services.js';

/** request: from a client; reply: to a client; peer: node to node; service: to or from lin-kv and its kin; error: any error body. */
export type ArrowKind = 'request' | 'reply' | 'peer' | 'service' | 'error';

export interface Arrow {
  readonly from: string;
  readonly to: string;
  readonly sent_ms: number;
  /** When it arrived; null if it never did. */
  readonly received_ms: number | null;
  readonly kind: ArrowKind;
  readonly message: Message;
}

export const arrowKindOf = (message: Message): ArrowKind => {
  if (message.body.type === 'error') return 'error';
  if (isClientId(message.src)) return 'request';
  if (isClientId(message.dest)) return 'reply';
  if (isServiceId(message.src) || isServiceId(message.dest)) return 'service';
  return 'peer';
};

/** An arrow while the recorder builds it; `finish` hands the same objects out as Arrows. */
interface Draft {
  from: string;
  to: string;
  sent_ms: number;
  received_ms: number | null;
  kind: ArrowKind;
  message: Message;
  /** Only a delivery the replay has not (yet) sent: its departure is a guess until the sending step names it. */
  guessed: boolean;
}

/** Sender, receiver and msg_id name a message (a node's msg_ids only increase); a body without one names itself. */
const joinKey = (message: Message): string =>
  `${message.src}\u0000${message.dest}\u0000${message.body.msg_id === undefined ? JSON.stringify(message.body) : String(message.body.msg_id)}`;

const draftOf = (message: Message, sent_ms: number, received_ms: number | null, guessed = false): Draft => ({
  from: message.src,
  to: message.dest,
  sent_ms,
  received_ms,
  kind: arrowKindOf(message),
  message,
  guessed,
});

export class ArrowRecorder {
  private readonly drafts: Draft[] = [];
  /**
   * Messages between nodes by name: sent and awaiting their delivery
   * (received_ms null), delivered (a second delivery is a duplicate), or
   * delivered before their sending step was seen (guessed: a merged trace's
   * clocks differ by a little, or the replay has not sent it).
   */
  private readonly named = new Map<string, Draft>();
  /** A node's requests to services, by node and msg_id, awaiting the service's reply. */
  private readonly toServices = new Map<string, Draft>();

  /** A node's step sent `message` at `time_ms`. */
  sent(message: Message, time_ms: number): void {
    if (isClientId(message.dest)) {
      this.drafts.push(draftOf(message, time_ms, time_ms));
      return;
    }
    if (isServiceId(message.dest)) {
      const draft = draftOf(message, time_ms, time_ms);
      this.drafts.push(draft);
      this.toServices.set(`${message.src}\u0000${String(message.body.msg_id)}`, draft);
      return;
    }
    const key = joinKey(message);
    const known = this.named.get(key);
    if (known !== undefined && known.guessed) {
      known.guessed = false;
      known.sent_ms = Math.min(time_ms, known.received_ms ?? time_ms);
      return;
    }
    const draft = draftOf(message, time_ms, null);
    this.drafts.push(draft);
    this.named.set(key, draft);
  }

  /** The trace delivered `message` to its `dest` at `time_ms`. */
  delivered(message: Message, time_ms: number): void {
    if (isClientId(message.src)) {
      // Clients see no latency, and their requests are never duplicated.
      this.drafts.push(draftOf(message, time_ms, time_ms));
      return;
    }
    if (isServiceId(message.src)) {
      const request = this.toServices.get(`${message.dest}\u0000${String(message.body.in_reply_to)}`);
      const met_ms = request === undefined ? time_ms : (request.sent_ms + time_ms) / 2;
      if (request !== undefined) request.received_ms = met_ms;
      this.drafts.push(draftOf(message, met_ms, time_ms));
      return;
    }
    const key = joinKey(message);
    const known = this.named.get(key);
    if (known !== undefined && known.received_ms === null) {
      known.received_ms = time_ms;
      known.message = message;
      return;
    }
    if (known !== undefined) {
      // A duplicate of a message already delivered left when the original did.
      this.drafts.push(draftOf(message, known.sent_ms, time_ms));
      return;
    }
    const guessed = draftOf(message, time_ms, time_ms, true);
    this.drafts.push(guessed);
    this.named.set(key, guessed);
  }

  /** A message whose departure and arrival are both known (read from a drawing of the run). */
  drawn(message: Message, sent_ms: number, received_ms: number): void {
    this.drafts.push(draftOf(message, sent_ms, Math.max(sent_ms, received_ms)));
  }

  finish(): MessageArrows {
    // Array.prototype.sort is stable: equal departures keep the order the replay saw them in.
    return new MessageArrows(this.drafts.sort((a, b) => a.sent_ms - b.sent_ms));
  }
}

/** Arrows sorted by departure, with the longest flight, so a window is two binary searches away. */
export class MessageArrows {
  private readonly sentTimes: Float64Array;
  /** The longest time any delivered arrow spent in flight. */
  readonly longestFlight_ms: number;

  constructor(readonly all: readonly Arrow[]) {
    this.sentTimes = Float64Array.from(all, (a) => a.sent_ms);
    let longest = 0;
    for (const a of all) if (a.received_ms !== null) longest = Math.max(longest, a.received_ms - a.sent_ms);
    this.longestFlight_ms = longest;
  }

  get size(): number {
    return this.all.length;
  }

  /** How many arrows left before `time_ms` (or at it, when `inclusive`). */
  sentBefore(time_ms: number, inclusive = false): number {
    let lo = 0;
    let hi = this.sentTimes.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const t = this.sentTimes[mid]!;
      if (t < time_ms || (inclusive && t === time_ms)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Every arrow that shows in [from_ms, to_ms]: it left in the window, or
   * left before it and arrived in it or after it; a lost arrow shows for
   * the longest flight after it left. In order of departure.
   */
  inWindow(from_ms: number, to_ms: number): Arrow[] {
    const out: Arrow[] = [];
    const end = this.sentBefore(to_ms, true);
    for (let i = this.sentBefore(from_ms - this.longestFlight_ms); i < end; i++) {
      const a = this.all[i]!;
      if (a.sent_ms >= from_ms || a.received_ms === null || a.received_ms >= from_ms) out.push(a);
    }
    return out;
  }
}

/** Arrows of a trace without a replay: every delivery, as leaving when it arrived (messages to clients and services are not in a trace). */
export const arrowsOfDeliveries = (deliveries: Iterable<{ readonly message: Message; readonly time_ms: number }>): MessageArrows => {
  const recorder = new ArrowRecorder();
  for (const { message, time_ms } of deliveries) recorder.delivered(message, time_ms);
  return recorder.finish();
};
