/**
 * Builds a Replay (replay.ts) by feeding each node's trace entries through
 * the node reducer, exactly as the node's shell does: the raw message
 * through `decodeNodeInput` with `time_ms` as `now_ms`, then `step`.
 *
 * Snapshots: the build applies every step once and keeps all nodes' states
 * every `snapshotEvery` (K) steps. States are persistent (a step never
 * changes an old state), so a snapshot is an array of references, and a
 * jump anywhere costs at most K reducer steps from the snapshot below it.
 *
 * Along the way it derives what the page shows beside the states: the
 * messages between nodes with the steps that sent and delivered them
 * (messages.ts), and how faithful the replay is (fidelity.ts).
 *
 * Ticks: a simulator's trace records them. A runner's trace cannot (a
 * node's timer fires inside its process), so when a trace holds no tick
 * they are put back (tick-inference.ts), after placing each node's init
 * where it really was read (init-times.ts).
 */
import type { TraceEntry } from '../../../src/maelstrom/history/trace.js';
import type { Effect, Message } from '../../../src/core/machine.js';
import type { NodeConfig } from '../../../src/core/node/config.js';
import { initialNodeState, type NodeState } from '../../../src/core/node/state.js';
import { step as nodeStep } from '../../../src/core/node/step.js';
import { decodeNodeInput } from '../../../src/core/protocol/decode.js';
import { emptyFidelity, sendKey, type Fidelity } from './fidelity.js';
import { inferInitTimes } from './init-times.js';
import { naturalOrder } from './inspect.js';
import { ArrowRecorder } from '../../../src/checker/plots/arrows.js';
import { MessageLog } from './messages.js';
import { apply, Replay, type Applied, type NodeStep, type ReplayStep, type TickSource } from './replay.js';
import { judgeTrial, PeerMessagesBySender, type Trial } from './tick-inference.js';

export interface ReplayOptions {
  readonly config: NodeConfig;
  /** K: a snapshot every K steps, so that a jump costs at most K reducer steps. */
  readonly snapshotEvery?: number;
  readonly step?: NodeStep;
  /** The history's offset of each acknowledged send (fidelity.ts `historyOffsets`), to check the replay's offsets against. */
  readonly historyOffsets?: ReadonlyMap<string, number>;
  /**
   * When each node read its init (init-times.ts), where that differs from the
   * trace's time. By default searched for when ticks are inferred (a
   * runner's trace), and not otherwise.
   */
  readonly initTimes?: ReadonlyMap<string, number>;
  /** For the init-time search's trials: stop as soon as fewer than this many peer messages can still come out identical. */
  readonly abandonBelow?: number;
  /** The network's latency between nodes when it is constant (results.json run.options): inferred ticks happened this long before their messages arrived. */
  readonly peerLatency_ms?: number;
}

export const DEFAULT_SNAPSHOT_EVERY = 64;

export const nodeIdsOf = (trace: readonly TraceEntry[]): string[] => [...new Set(trace.map((e) => e.node))].sort(naturalOrder);

function* deliveriesOf(trace: readonly TraceEntry[]): Generator<{ readonly message: Message; readonly time_ms: number }> {
  for (const entry of trace) if ('message' in entry) yield entry;
}

const describeBody = (message: Message): string => `${message.src} → ${message.dest} ${message.body.type} (msg_id ${String(message.body.msg_id)})`;

/** Builds a Replay in slices (`advance`), so a page can show progress and stay responsive on a large run. */
export class ReplayBuilder {
  readonly nodeIds: readonly string[];
  readonly tickSource: TickSource;
  private readonly nodeIndex: ReadonlyMap<string, number>;
  private readonly reducer: NodeStep;
  private readonly every: number;
  private readonly states: NodeState[];
  private readonly timers: number[];
  private readonly steps: ReplayStep[] = [];
  private readonly snapshots: (readonly NodeState[])[] = [];
  private readonly messages = new MessageLog();
  /** Every message, to and from clients and services too, for the message diagram. */
  private readonly arrows = new ArrowRecorder();
  private readonly fidelity: Fidelity = emptyFidelity();
  /** Client sends awaiting the replay's answer, by node, client and msg_id. */
  private readonly pendingSends = new Map<string, string>();
  private readonly isNode = (id: string): boolean => this.nodeIndex.has(id);
  /** Only when ticks are inferred: the trace's peer messages, and each node's last trial tick. */
  private readonly delivered: PeerMessagesBySender | undefined;
  private readonly trials: (Trial | undefined)[];
  readonly initTimes: ReadonlyMap<string, number>;
  /** Each node's trace entries' times and positions, to find its next input. */
  private readonly inputs: { readonly at: number[]; readonly time_ms: number[]; next: number }[];
  private readonly peerLatency_ms: number;
  /** How many entries of the trace deliver a message from one node to another. */
  private readonly peerMessages: number;
  private cursor = 0;
  private clock = -Infinity;
  private result: Replay | undefined;

  constructor(
    private readonly trace: readonly TraceEntry[],
    private readonly options: ReplayOptions,
  ) {
    this.nodeIds = nodeIdsOf(trace);
    this.nodeIndex = new Map(this.nodeIds.map((id, i) => [id, i]));
    this.reducer = options.step ?? nodeStep;
    this.every = Math.max(1, options.snapshotEvery ?? DEFAULT_SNAPSHOT_EVERY);
    this.states = this.nodeIds.map(() => initialNodeState(options.config));
    this.timers = this.nodeIds.map(() => Infinity);
    this.tickSource = trace.some((e) => 'tick' in e) ? 'recorded' : 'inferred';
    this.delivered = this.tickSource === 'inferred' ? new PeerMessagesBySender(deliveriesOf(trace), this.isNode) : undefined;
    this.trials = this.nodeIds.map(() => undefined);
    this.peerLatency_ms = options.peerLatency_ms ?? 0;
    this.peerMessages = trace.filter((e) => 'message' in e && this.isNode(e.message.src) && this.isNode(e.message.dest)).length;
    this.inputs = this.nodeIds.map(() => ({ at: [], time_ms: [], next: 0 }));
    trace.forEach((entry, i) => {
      const inputs = this.inputs[this.nodeIndex.get(entry.node)!]!;
      inputs.at.push(i);
      inputs.time_ms.push(entry.time_ms);
    });
    this.initTimes =
      options.initTimes ??
      (this.tickSource === 'inferred'
        ? inferInitTimes(trace, {
            config: options.config,
            score: (sub, initTimes, abandonBelow) =>
              new ReplayBuilder(sub, { ...options, historyOffsets: undefined, snapshotEvery: Infinity, initTimes, abandonBelow }).advance(Infinity)!.fidelity.peerReproduced,
          })
        : new Map());
    this.snapshots.push(this.states.slice());
  }

  /** The share of the trace consumed, from 0 to 1. */
  get progress(): number {
    return this.trace.length === 0 ? 1 : this.cursor / this.trace.length;
  }

  /** Consumes up to `entries` trace entries; returns the Replay once the whole trace is consumed. */
  advance(entries: number): Replay | undefined {
    if (this.result !== undefined) return this.result;
    const end = Math.min(this.trace.length, this.cursor + entries);
    for (; this.cursor < end && !this.hopeless(); this.cursor++) {
      const entry = this.trace[this.cursor]!;
      if (this.tickSource === 'inferred') this.inferTicksBefore(entry);
      this.clock = Math.max(this.clock, entry.time_ms);
      this.push(this.stepOfEntry(entry, this.cursor + 1));
    }
    if (this.cursor < this.trace.length && !this.hopeless()) return undefined;
    this.result = new Replay(this.nodeIds, this.steps, this.snapshots, this.every, this.messages, this.fidelity, this.tickSource, this.initTimes, this.options.config, this.reducer, this.arrows.finish());
    const replay = this.result;
    this.messages.seal((time_ms) => replay.stepAtTime(time_ms), this.peerLatency_ms);
    return this.result;
  }

  /**
   * A peer's reply to a message the replay numbered differently (inferred
   * ticks can shift a node's msg_ids) is given to the reducer as a reply to
   * the replay's number; the trace's copy stays as it was, for display.
   */
  private inReplayNumbering(message: Message): Message {
    const inReplyTo = message.body.in_reply_to;
    if (this.tickSource === 'recorded' || inReplyTo === undefined || !this.isNode(message.src)) return message;
    const ours = this.messages.replayIdOf(message.dest, message.src, inReplyTo);
    return ours === undefined || ours === inReplyTo ? message : { ...message, body: { ...message.body, in_reply_to: ours as number } };
  }

  private hopeless(): boolean {
    const bound = this.options.abandonBelow;
    return bound !== undefined && this.fidelity.peerReproduced + (this.peerMessages - this.fidelity.peerDelivered) < bound;
  }

  private stepOfEntry(entry: TraceEntry, traceLine: number): ReplayStep {
    const node = this.nodeIndex.get(entry.node)!;
    if ('tick' in entry) return { node, time_ms: entry.time_ms, input: { kind: 'tick', now_ms: entry.time_ms }, skipped: undefined, traceLine, message: undefined };
    const now_ms = entry.message.body.type === 'init' ? (this.initTimes.get(entry.node) ?? entry.time_ms) : entry.time_ms;
    const decoded = decodeNodeInput(this.inReplayNumbering(entry.message), now_ms);
    return decoded._tag === 'Left'
      ? { node, time_ms: entry.time_ms, input: undefined, skipped: decoded.left, traceLine, message: entry.message }
      : { node, time_ms: entry.time_ms, input: decoded.right, skipped: undefined, traceLine, message: entry.message };
  }

  /**
   * Puts back the ticks a runner's trace leaves out (tick-inference.ts):
   * before `entry`, ticks every node whose trial tick the trace confirms
   * (tried for the nodes whose deadline passed, the entry's receiver, and
   * the sender of a message the replay has not sent yet), or whose deadline
   * passed and whose trial the trace does not contradict, or that is more
   * than a replication interval overdue.
   */
  private inferTicksBefore(entry: TraceEntry): void {
    const time_ms = entry.time_ms;
    const slack_ms = this.options.config.replicationIntervalMs;
    for (;;) {
      // A message from a node the replay has not sent yet: that node ticked before this entry.
      const sender = 'message' in entry && !this.messages.hasSent(entry.message) ? (this.nodeIndex.get(entry.message.src) ?? -1) : -1;
      // The node about to take an input may have ticked just before it.
      const receiver = this.nodeIndex.get(entry.node)!;
      const candidates: number[] = [];
      for (let i = 0; i < this.timers.length; i++) if (this.timers[i]! <= time_ms || ((i === sender || i === receiver) && this.timers[i]! < Infinity)) candidates.push(i);
      candidates.sort((a, b) => this.timers[a]! - this.timers[b]!);
      const chosen = candidates.find((i) => {
        const { verdict, delivered_ms } = this.trial(i);
        if (verdict === 'match' || this.timers[i]! + slack_ms <= time_ms) return true;
        if (verdict === 'neutral') return this.timers[i]! <= time_ms;
        // Named but not identical: the real tick may have come after the node's next input, if that input came before the message left.
        if (verdict === 'named') return i === sender || this.nextInputTime(i) > delivered_ms! - this.peerLatency_ms;
        return false;
      });
      if (chosen === undefined) return;
      const trial = this.trial(chosen);
      this.timers[chosen] = Infinity;
      // A confirmed tick happened one network latency before its message arrived, and before the node's next input.
      const confirmed_ms = trial.delivered_ms === undefined ? -Infinity : Math.min(trial.delivered_ms - this.peerLatency_ms, this.nextInputTime(chosen));
      const now_ms = Math.max(trial.now_ms, confirmed_ms);
      const tick: ReplayStep = { node: chosen, time_ms: now_ms, input: { kind: 'tick', now_ms }, skipped: undefined, traceLine: 0, message: undefined };
      this.clock = Math.max(this.clock, now_ms);
      this.push(tick, now_ms === trial.now_ms ? trial : apply(this.reducer, trial.before, tick));
    }
  }

  /** When node i's next trace entry (at or after the cursor) arrives; Infinity if none does. */
  private nextInputTime(i: number): number {
    const inputs = this.inputs[i]!;
    while (inputs.next < inputs.at.length && inputs.at[inputs.next]! < this.cursor) inputs.next++;
    return inputs.time_ms[inputs.next] ?? Infinity;
  }

  /** Node i's tick, tried and judged; remembered until the node's state changes. */
  private trial(i: number): Trial {
    const before = this.states[i]!;
    const cached = this.trials[i];
    if (cached !== undefined && cached.before === before) return cached;
    const now_ms = Math.max(this.timers[i]!, this.clock);
    const applied = apply(this.reducer, before, { node: i, time_ms: now_ms, input: { kind: 'tick', now_ms }, skipped: undefined, traceLine: 0, message: undefined });
    const trial: Trial = { before, now_ms, ...applied, ...judgeTrial(this.nodeIds[i]!, before, applied.effects, this.isNode, this.delivered!) };
    this.trials[i] = trial;
    return trial;
  }

  private push(s: ReplayStep, applied: Applied = apply(this.reducer, this.states[s.node]!, s)): void {
    const index = this.steps.length;
    this.steps.push(s);
    if (s.message !== undefined) {
      this.arrows.delivered(s.message, s.time_ms);
      this.noteDelivery(s.message, index, s.time_ms);
    }
    if (applied.error !== undefined) {
      this.fidelity.stepErrors++;
      this.fidelity.firstStepError ??= { step: index, text: `${this.nodeIds[s.node]}'s step threw: ${applied.error}` };
    }
    this.states[s.node] = applied.state;
    for (const effect of applied.effects) this.noteEffect(s.node, effect, index);
    if (this.steps.length % this.every === 0) this.snapshots.push(this.states.slice());
  }

  private noteDelivery(message: Message, index: number, time_ms: number): void {
    const from = this.nodeIndex.get(message.src);
    const to = this.nodeIndex.get(message.dest);
    if (from !== undefined && to !== undefined) {
      this.fidelity.peerDelivered++;
      const sent = this.messages.recordDelivered(from, to, message, index, time_ms);
      if (sent !== undefined) this.fidelity.peerNamed++;
      if (sent !== undefined && JSON.stringify(sent.body) === JSON.stringify(message.body)) this.fidelity.peerReproduced++;
      else
        this.fidelity.firstPeerDisagreement ??= {
          step: index,
          text: `${describeBody(message)} was delivered, but the replay ${sent === undefined ? 'did not send it' : 'sent a different body'}`,
        };
      return;
    }
    const body = message.body;
    if (body.type === 'send' && typeof body['key'] === 'string') {
      this.pendingSends.set(`${message.dest}\u0000${message.src}\u0000${String(body.msg_id)}`, sendKey(body['key'], body['msg']));
    }
  }

  private noteEffect(node: number, effect: Effect, index: number): void {
    if (effect.kind === 'timer') {
      if (effect.at_ms < this.timers[node]!) this.timers[node] = effect.at_ms;
      return;
    }
    if (effect.kind !== 'send') return;
    const { message } = effect;
    this.arrows.sent(message, this.steps[index]!.time_ms);
    const to = this.nodeIndex.get(message.dest);
    if (to !== undefined) {
      this.messages.recordSent(node, to, message, index);
      return;
    }
    if (message.body.type !== 'send_ok') return;
    const pendingId = `${message.src}\u0000${message.dest}\u0000${String(message.body.in_reply_to)}`;
    const sent = this.pendingSends.get(pendingId);
    this.pendingSends.delete(pendingId);
    const expected = sent === undefined ? undefined : this.options.historyOffsets?.get(sent);
    if (expected === undefined) return;
    this.fidelity.sendsCompared++;
    if (message.body['offset'] === expected) this.fidelity.sendsAgreeing++;
    else
      this.fidelity.firstSendDisagreement ??= {
        step: index,
        text: `${message.src} answered ${message.dest}'s send with offset ${JSON.stringify(message.body['offset'])}; the history says ${expected}`,
      };
  }
}

/** Builds the whole replay at once (tests, small runs). */
export const buildReplay = (trace: readonly TraceEntry[], options: ReplayOptions): Replay => new ReplayBuilder(trace, options).advance(Infinity)!;
