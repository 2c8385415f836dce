/**
 * The kafka workload as one pure machine: the clients, the generator that
 * feeds them, the partition nemesis, the final phase, and the history they
 * write. Everything outside the nodes' own logic that decides what happens in
 * a run lives here, so the runner (real time, real processes) and the
 * simulator (virtual time, reducers in process) run the same workload.
 *
 *   step(state, input) -> [state, effects]
 *   inputs:  tick; a message addressed to a client; a node going down
 *   effects: `send` a client's request; `timer` for the next wake-up; `log`
 *
 * Phases, in order:
 *   init      every node gets `init` (from c0, c1...); all must answer init_ok
 *             within init_timeout_ms, or the run fails naming the node
 *   main      operations at `rate_hz` for `time_limit_ms`; the nemesis runs
 *   drain     no new operations; wait for those in flight to end
 *   recovery  the nemesis heals the network; wait `recovery_ms`
 *   final     every thread reads every key from 0 (final-phase.ts), bounded
 *             by final_time_limit_ms, then waits for what is in flight
 *   done
 *
 * Thread t talks to node_ids[t mod n] all run long; its process number starts
 * at t and grows by `concurrency` each time its client crashes (an `info`
 * completion, or a crash op), as Jepsen numbers processes. A crashed client is
 * replaced by a fresh one with a new id and no positions. Operations go to
 * the free threads in turn, as Jepsen's context hands them out: the first
 * free thread at or after a cursor that moves one place per operation, over
 * the client threads and the nemesis's.
 *
 * The final phase reads every key up to the highest offset any ok operation
 * showed, those that completed during the drain included. (Jepsen's main
 * generator is dropped at its time limit, so a send still in flight then is
 * missing from its targets, and if it was a fresh key's first, no final poll
 * reads that key: Maelstrom then reports it unseen, or its checker crashes.
 * We do not copy that blind spot: docs/runner.md.)
 *
 * Every `list_committed_offsets` answer is judged (commits.ts): by default
 * what is unsound is a warning; with `strict` it is an anomaly.
 *
 * `grudge` is the partition the nemesis wants in force; whoever composes this
 * machine with a network hands it on when it changes.
 */
import type { Body, Effect, Message, Step } from '../../core/machine.js';
import { entries, emptyMap, get, set, type PMap } from '../../core/persistent/hamt.js';
import { clientId } from '../network/addresses.js';
import type { Grudge } from '../network/grudge.js';
import { healNemesis, nemesisTick, startNemesis, type NemesisEvent, type NemesisState } from '../network/nemesis.js';
import { abandonClient, clientReceive, expireClient, invokeClient, openClient, type ClientStep, type KafkaClient } from './client.js';
import type { WorkloadConfig } from './config.js';
import { afterFinalCompletion, finalInvocation, finishedFinalThread, startFinalThread, type FinalThread } from './final-phase.js';
import { initialGenerator, observeCompletion, operationDue, takeInvocation, type GeneratorState } from './generator.js';
import { emptyHistory, record, type History } from './history.js';
import { commitIssuesOf, describeCommitIssue, type CommitIssue } from './commits.js';
import { invokeValue, type Invocation } from './invocation.js';
import type { OffsetsByKey } from './offsets.js';
import { reportProblem, reportWarning, type ProblemKind, type Reports, type WarningKind } from './problems.js';
import { seedRandom, type Rng } from './random.js';

export type Phase = 'init' | 'main' | 'drain' | 'recovery' | 'final' | 'done';

/** The operation a thread has in progress, as invoked. */
export interface OpenOp {
  readonly f: Invocation['f'];
  readonly value: unknown;
  readonly seek_to_beginning: boolean;
}

export interface ClientThread {
  readonly index: number;
  readonly process: number;
  readonly client: KafkaClient;
  readonly open: OpenOp | null;
  /** When the thread last became idle: the stagger's "ready" time. */
  readonly free_since_ms: number;
  readonly final: FinalThread;
}

/** A committed offset a node reported that a consumer could not soundly resume from (strict mode's anomaly). */
export interface CommitAnomaly extends CommitIssue {
  readonly node: string;
  readonly process: number;
  readonly time_ms: number;
  /** The node's reply body, as it sent it. */
  readonly reply: Body;
}

/** Strict mode keeps the first this many commit anomalies, and counts them all. */
export const COMMIT_ANOMALIES_KEPT = 100;

export interface WorkloadState {
  readonly config: WorkloadConfig;
  readonly phase: Phase;
  /** Where the search for a free thread starts: Jepsen's next-thread-index, in [0, concurrency] (the last is the nemesis's). */
  readonly next_thread_index: number;
  readonly commit_anomalies: readonly CommitAnomaly[];
  readonly commit_anomaly_count: number;
  /** Randomness for choosing threads and pausing final polls (the generator has its own). */
  readonly rng: Rng;
  readonly generator: GeneratorState;
  readonly threads: readonly ClientThread[];
  /**
   * Client id -> index of its thread, for every client a thread ever had, to
   * route replies without a search: a client is live while its thread's
   * client is still it (`threadOfClient`). Nothing is taken out (a persistent
   * map grows by a path; a record would be copied whole at every crash).
   */
  readonly thread_of_client: PMap<number>;
  readonly next_client_number: number;
  /** Every client that is gone, with the last msg_id it used: replies to them are late, not unknown. */
  readonly retired_clients: PMap<number>;
  /** init's clients still waiting for init_ok: client id -> node. */
  readonly init_pending: Readonly<Record<string, string>>;
  /** Whether the init messages have gone out (the first step sends them). */
  readonly init_sent: boolean;
  readonly history: History;
  readonly nemesis: NemesisState | null;
  /** The partition the nemesis has in force (null: none). */
  readonly grudge: Grudge | null;
  /** When the current phase must end (init timeout, end of main, end of recovery, end of final). */
  readonly deadline_ms: number;
  readonly main_started_ms: number | null;
  /** The keys the final phase reads: every key an ok operation touched. */
  readonly final_keys: readonly string[];
  /** Nodes that died or stopped answering, with why. Their threads take no more operations. */
  readonly down: Readonly<Record<string, string>>;
  /** Per node, in `config.node_ids` order, when it last printed anything (hang detection); see `noteHeard`. */
  readonly last_heard_ms: readonly (number | undefined)[];
  readonly problems: Reports<ProblemKind>;
  readonly warnings: Reports<WarningKind>;
}

export type WorkloadInput =
  | { readonly kind: 'tick'; readonly now_ms: number }
  /** A message whose dest is a client id. */
  | { readonly kind: 'message'; readonly now_ms: number; readonly message: Message }
  /** The node's process is gone (crashed, exited): its clients' operations end `info`. */
  | { readonly kind: 'node-down'; readonly now_ms: number; readonly node: string; readonly reason: string };

const GENERATOR_STREAM = 1;
const WORKLOAD_STREAM = 2;
const NEMESIS_STREAM = 3;

export const nodeOfThread = (config: WorkloadConfig, thread: number): string =>
  config.node_ids[thread % config.node_ids.length] as string;

/** The state before anything happened; the first step (a tick will do) sends every node its init. */
export const initialWorkload = (config: WorkloadConfig, now_ms = 0): WorkloadState => {
  const n = config.node_ids.length;
  const init_pending: Record<string, string> = {};
  config.node_ids.forEach((node, i) => (init_pending[clientId(i)] = node));
  return {
    config,
    phase: 'init',
    next_thread_index: 0,
    commit_anomalies: [],
    commit_anomaly_count: 0,
    rng: seedRandom(config.seed, WORKLOAD_STREAM),
    generator: initialGenerator(config, seedRandom(config.seed, GENERATOR_STREAM), now_ms),
    threads: [],
    thread_of_client: emptyMap<number>(),
    next_client_number: n,
    retired_clients: emptyMap<number>(),
    init_pending,
    init_sent: false,
    history: emptyHistory(),
    nemesis: null,
    grudge: null,
    deadline_ms: now_ms + config.init_timeout_ms,
    main_started_ms: null,
    final_keys: [],
    down: {},
    last_heard_ms: config.node_ids.map(() => undefined),
    problems: {},
    warnings: {},
  };
};

/** `last_heard_ms` with `node` heard at `now_ms` (unchanged for a name that is no node of the run: nobody asks after it). */
const heard = (state: WorkloadState, node: string, now_ms: number): readonly (number | undefined)[] => {
  const index = state.config.node_ids.indexOf(node);
  if (index < 0 || state.last_heard_ms[index] === now_ms) return state.last_heard_ms;
  const last = state.last_heard_ms.slice();
  last[index] = now_ms;
  return last;
};

const lastHeard_ms = (state: WorkloadState, node: string): number | undefined => state.last_heard_ms[state.config.node_ids.indexOf(node)];

/**
 * Records that `node` printed something at `now_ms` (any message, to anyone).
 * Whoever sees a node's whole output (the harness) calls this, so that a node
 * busy with its peers or services is not taken for hung.
 */
export const noteHeard = (state: WorkloadState, node: string, now_ms: number): WorkloadState => {
  const last_heard_ms = heard(state, node, now_ms);
  if (last_heard_ms === state.last_heard_ms) return state;
  const next = copyOf(state);
  next.last_heard_ms = last_heard_ms;
  return next;
};

/** The thread whose client is `client` now, if that client is live. */
export const threadOfClient = (state: WorkloadState, client: string): ClientThread | undefined => {
  const index = get(state.thread_of_client, client);
  const thread = index === undefined ? undefined : state.threads[index];
  return thread?.client.id === client ? thread : undefined;
};

/** True once the run has nothing left to do. */
export const isDone = (state: WorkloadState): boolean => state.phase === 'done';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A shallow copy to update in place. Field by field: a spread of this many fields costs several times more, once per step. */
const copyOf = (state: WorkloadState): Mutable<WorkloadState> => ({
  config: state.config,
  phase: state.phase,
  next_thread_index: state.next_thread_index,
  commit_anomalies: state.commit_anomalies,
  commit_anomaly_count: state.commit_anomaly_count,
  rng: state.rng,
  generator: state.generator,
  threads: state.threads,
  thread_of_client: state.thread_of_client,
  next_client_number: state.next_client_number,
  retired_clients: state.retired_clients,
  init_pending: state.init_pending,
  init_sent: state.init_sent,
  history: state.history,
  nemesis: state.nemesis,
  grudge: state.grudge,
  deadline_ms: state.deadline_ms,
  main_started_ms: state.main_started_ms,
  final_keys: state.final_keys,
  down: state.down,
  last_heard_ms: state.last_heard_ms,
  problems: state.problems,
  warnings: state.warnings,
});

/**
 * The working copy one step builds. It owns a shallow copy of the state (and,
 * once a thread changes, of the thread list) and updates those in place; the
 * state given to `step` is never modified, as every reducer here promises.
 */
class Draft {
  effects: Effect[] = [];
  readonly s: Mutable<WorkloadState>;
  private ownsThreads = false;

  constructor(state: WorkloadState) {
    this.s = copyOf(state);
  }

  /** Replaces fields (the paths every operation takes assign `s`'s fields directly: a literal per call and Object.assign cost more). */
  update(fields: Partial<WorkloadState>): void {
    Object.assign(this.s, fields);
    if (fields.threads !== undefined) this.ownsThreads = false;
  }

  setThread(thread: ClientThread): void {
    if (!this.ownsThreads) {
      this.s.threads = this.s.threads.slice();
      this.ownsThreads = true;
    }
    (this.s.threads as ClientThread[])[thread.index] = thread;
  }

  log(text: string): void {
    this.effects.push({ kind: 'log', text });
  }

  problem(kind: ProblemKind, node: string, text: string, now_ms: number): void {
    reportProblem(this.s, (line) => this.log(line), kind, node, text, now_ms);
  }

  warning(kind: WarningKind, node: string, text: string, now_ms: number): void {
    reportWarning(this.s, (line) => this.log(line), kind, node, text, now_ms);
  }
}

const sendInits = (d: Draft, now_ms: number): void => {
  for (const [client, node] of Object.entries(d.s.init_pending)) {
    const body: Body = { type: 'init', msg_id: 1, node_id: node, node_ids: [...d.s.config.node_ids] };
    d.effects.push({ kind: 'send', message: { src: client, dest: node, body } });
  }
  d.update({ init_sent: true, deadline_ms: now_ms + d.s.config.init_timeout_ms });
};

// --- operations ---------------------------------------------------------------------------

const invoke = (d: Draft, thread: ClientThread, invocation: Invocation, now_ms: number): void => {
  const seek = invocation.f === 'assign' && invocation.seek_to_beginning;
  const open: OpenOp = { f: invocation.f, value: invokeValue(invocation), seek_to_beginning: seek };
  d.s.history = record(d.s.history, now_ms, {
    type: 'invoke',
    process: thread.process,
    f: open.f,
    value: open.value,
    node: thread.client.node,
    seek_to_beginning: seek,
  });
  const started: ClientThread = { index: thread.index, process: thread.process, client: thread.client, open, free_since_ms: thread.free_since_ms, final: thread.final };
  applyClientStep(d, started, invokeClient(thread.client, invocation, now_ms, d.s.config.client_timeout_ms), now_ms);
};

/** Carries a client step out: its request onto the wire, its outcome into the history. */
const applyClientStep = (d: Draft, thread: ClientThread, step: ClientStep, now_ms: number): void => {
  if (step.request !== null) d.effects.push({ kind: 'send', message: step.request });
  // Literals, not spreads: this runs for every client message.
  const current: ClientThread = { index: thread.index, process: thread.process, client: step.client, open: thread.open, free_since_ms: thread.free_since_ms, final: thread.final };
  if (step.outcome === null || current.open === null) {
    d.setThread(current);
    return;
  }
  const open = current.open;
  const outcome = step.outcome;
  const value = outcome.type === 'ok' ? outcome.value : open.value;
  d.s.history = record(d.s.history, now_ms, {
    type: outcome.type,
    process: current.process,
    f: open.f,
    value,
    error: outcome.type === 'ok' ? undefined : outcome.error,
    node: current.client.node,
    seek_to_beginning: open.seek_to_beginning,
  });
  d.s.generator = observeCompletion(d.s.generator, outcome.type, open.f, value);
  // An indefinite outcome crashes the process, as in Jepsen: a fresh client takes over.
  const replaced = outcome.type === 'info';
  let next: ClientThread = { index: current.index, process: current.process, client: current.client, open: null, free_since_ms: now_ms, final: current.final };
  if (replaced) next = replaceClient(d, next);
  if (d.s.phase === 'final') {
    const [final, rng] = afterFinalCompletion(
      next.final,
      { f: open.f, type: outcome.type, value },
      now_ms,
      d.s.rng,
      d.s.config.final_poll_interval_ms,
    );
    d.s.rng = rng;
    next = { index: next.index, process: next.process, client: next.client, open: next.open, free_since_ms: next.free_since_ms, final };
  }
  d.setThread(next);
};

const replaceClient = (d: Draft, thread: ClientThread): ClientThread => {
  const old = thread.client;
  const fresh = openClient(clientId(d.s.next_client_number), old.node);
  // The old client's entry stays: it names a thread whose client is no longer it (threadOfClient).
  const thread_of_client = set(d.s.thread_of_client, fresh.id, thread.index);
  d.update({
    next_client_number: d.s.next_client_number + 1,
    retired_clients: set(d.s.retired_clients, old.id, old.last_msg_id),
    thread_of_client,
  });
  return { index: thread.index, process: thread.process + d.s.config.concurrency, client: fresh, open: thread.open, free_since_ms: thread.free_since_ms, final: thread.final };
};

// --- messages to clients ------------------------------------------------------------------

const onClientMessage = (d: Draft, message: Message, now_ms: number): void => {
  const { src, dest, body } = message;
  if (d.s.init_pending[dest] !== undefined) return onInitReply(d, message, now_ms);
  const reply_to = body.in_reply_to;
  d.s.last_heard_ms = heard(d.s, src, now_ms);
  const thread = threadOfClient(d.s, dest);
  if (typeof reply_to !== 'number') {
    // A live client drops what it is not waiting for, as Maelstrom's recv! does.
    if (thread !== undefined) d.warning('stray-reply', src, `${src} sent ${dest} a ${describe(body)} that replies to nothing (no in_reply_to)`, now_ms);
    else d.problem('unknown-reply', src, `${src} sent ${dest} a ${describe(body)} that replies to nothing (no in_reply_to)`, now_ms);
    return;
  }
  if (thread !== undefined && thread.client.pending !== null && thread.client.pending.msg_id === reply_to) {
    const before = thread.client;
    const step = clientReceive(before, body, now_ms, d.s.config.client_timeout_ms, d.s.config.strict);
    if (step.outcome?.type === 'info' && isMalformed(step.outcome.error)) {
      d.warning('malformed-reply', src, `${src} answered ${before.pending?.rpc} with a malformed reply: ${(step.outcome.error as string[])[1]}`, now_ms);
    }
    if (before.pending?.rpc === 'list_committed_offsets') judgeCommits(d, thread, src, body, now_ms);
    applyClientStep(d, thread, step, now_ms);
    return;
  }
  const last_msg_id = thread !== undefined ? thread.client.last_msg_id : get(d.s.retired_clients, dest);
  if (last_msg_id !== undefined && reply_to >= 1 && reply_to <= last_msg_id) {
    d.warning('late-reply', src, `${src} replied to ${dest}'s msg ${reply_to} after that request had timed out or been answered`, now_ms);
    return;
  }
  const whom = last_msg_id === undefined ? `${dest}, a client that never existed` : `${dest}, which never sent msg_id ${reply_to}`;
  if (thread !== undefined) d.warning('stray-reply', src, `${src} sent a ${describe(body)} to ${whom}`, now_ms);
  else d.problem('unknown-reply', src, `${src} sent a ${describe(body)} to ${whom}`, now_ms);
};

const judgeCommits = (d: Draft, thread: ClientThread, node: string, body: Body, now_ms: number): void => {
  const known = d.s.generator.max_offsets;
  const issues = commitIssuesOf(body, (key) => get(known, key));
  if (issues.length === 0) return;
  if (!d.s.config.strict) {
    for (const issue of issues) {
      d.warning('committed-offset', node, `${describeCommitIssue(node, issue, body)} (Maelstrom 0.2.3 never reads it; --strict makes this an anomaly)`, now_ms);
    }
    return;
  }
  const room = Math.max(0, COMMIT_ANOMALIES_KEPT - d.s.commit_anomalies.length);
  const kept = issues.slice(0, room).map((issue): CommitAnomaly => ({ ...issue, node, process: thread.process, time_ms: now_ms, reply: body }));
  d.update({
    commit_anomalies: kept.length === 0 ? d.s.commit_anomalies : [...d.s.commit_anomalies, ...kept],
    commit_anomaly_count: d.s.commit_anomaly_count + issues.length,
  });
  if (d.s.commit_anomaly_count === issues.length) d.log(`anomaly: ${describeCommitIssue(node, issues[0] as CommitIssue, body)}`);
};

const isMalformed = (error: unknown): boolean => Array.isArray(error) && error[0] === 'malformed-reply';

const describe = (body: Body): string => `${body.type} (in_reply_to ${String(body.in_reply_to)})`;

const onInitReply = (d: Draft, message: Message, now_ms: number): void => {
  const node = d.s.init_pending[message.dest] as string;
  if (message.body.in_reply_to !== 1) {
    d.problem('unknown-reply', message.src, `${message.src} sent ${describe(message.body)} to ${message.dest}, which only sent init (msg_id 1)`, now_ms);
    return;
  }
  const pending = { ...d.s.init_pending };
  delete pending[message.dest];
  d.update({
    init_pending: pending,
    retired_clients: set(d.s.retired_clients, message.dest, 1),
    last_heard_ms: heard(d.s, node, now_ms),
  });
  if (message.body.type !== 'init_ok') {
    d.problem('init-error', node, `${node} answered init with ${JSON.stringify(message.body)} instead of init_ok`, now_ms);
  }
};

// --- nodes going down ---------------------------------------------------------------------

const markDown = (d: Draft, node: string, reason: string, kind: ProblemKind, now_ms: number): void => {
  if (d.s.down[node] !== undefined) return;
  d.problem(kind, node, reason, now_ms);
  d.update({ down: { ...d.s.down, [node]: reason } });
  if (d.s.phase === 'init') {
    const pending = Object.entries(d.s.init_pending).filter(([, n]) => n !== node);
    d.update({ init_pending: Object.fromEntries(pending) });
  }
  for (let i = 0; i < d.s.threads.length; i++) {
    const thread = d.s.threads[i] as ClientThread;
    if (thread.client.node !== node || thread.client.pending === null) continue;
    applyClientStep(d, thread, abandonClient(thread.client, ['node-down', reason]), now_ms);
  }
};

const isUsable = (s: WorkloadState, thread: ClientThread): boolean => s.down[thread.client.node] === undefined;

// --- time ---------------------------------------------------------------------------------

const expireTimeouts = (d: Draft, now_ms: number): void => {
  // By index, re-reading each thread: marking a node down ends other threads' operations too.
  for (let i = 0; i < d.s.threads.length; i++) {
    const thread = d.s.threads[i] as ClientThread;
    const pending = thread.client.pending;
    if (pending === null || now_ms < pending.deadline_ms) continue;
    const node = thread.client.node;
    applyClientStep(d, thread, expireClient(thread.client, now_ms), now_ms);
    // Slow is allowed (the operation is info); silent is not: a node that printed
    // nothing at all, to anyone, for a whole timeout while a client waited has hung.
    const silent_ms = now_ms - (lastHeard_ms(d.s, node) ?? d.s.main_started_ms ?? 0);
    if (silent_ms >= d.s.config.client_timeout_ms) {
      const seconds = (silent_ms / 1000).toFixed(1);
      markDown(d, node, `${node} stopped answering: printed nothing for ${seconds} s while a ${pending.rpc} waited`, 'hung', now_ms);
    }
  }
};

const recordNemesis = (d: Draft, event: NemesisEvent, now_ms: number): void => {
  const invokeValue = event.f === 'start-partition' ? event.spec : null;
  const doneValue = event.f === 'start-partition' ? ['isolated', event.grudge] : 'network-healed';
  let history = record(d.s.history, now_ms, { type: 'info', process: 'nemesis', f: event.f, value: invokeValue });
  history = record(history, now_ms, { type: 'info', process: 'nemesis', f: event.f, value: doneValue });
  d.update({ history, grudge: event.f === 'start-partition' ? event.grudge : null });
  if (event.f === 'stop-partition') d.log('nemesis: network healed');
  else if (Object.keys(event.grudge).length === 0) d.log(`nemesis: ${event.spec} partition, which cuts nobody off with ${d.s.config.node_ids.length} node(s)`);
  else d.log(`nemesis: ${event.spec} partition, node -> nodes it drops: ${JSON.stringify(event.grudge)}`);
};

const startMain = (d: Draft, now_ms: number): void => {
  const { config } = d.s;
  const threads: ClientThread[] = [];
  let next_client_number = d.s.next_client_number;
  for (let t = 0; t < config.concurrency; t++) {
    const client = openClient(clientId(next_client_number++), nodeOfThread(config, t));
    threads.push({ index: t, process: t, client, open: null, free_since_ms: now_ms, final: finishedFinalThread });
  }
  d.update({
    phase: 'main',
    threads,
    thread_of_client: threads.reduce((map, t) => set(map, t.client.id, t.index), emptyMap<number>()),
    next_client_number,
    main_started_ms: now_ms,
    deadline_ms: now_ms + config.time_limit_ms,
    generator: initialGenerator(config, seedRandom(config.seed, GENERATOR_STREAM), now_ms),
    nemesis: config.nemesis === null ? null : startNemesis(config.nemesis, seedRandom(config.seed, NEMESIS_STREAM), now_ms),
  });
  d.log(`main phase: ${config.concurrency} clients on ${config.node_ids.length} nodes for ${config.time_limit_ms / 1000} s`);
};

/** Jepsen's some-free-process: the first free thread at or after the cursor, wrapping around once. */
const nextFreeThread = (s: WorkloadState): ClientThread | undefined => {
  const free = (t: ClientThread): boolean => t.open === null && isUsable(s, t);
  for (let i = s.next_thread_index; i < s.threads.length; i++) if (free(s.threads[i] as ClientThread)) return s.threads[i];
  for (let i = 0; i < Math.min(s.next_thread_index, s.threads.length); i++) if (free(s.threads[i] as ClientThread)) return s.threads[i];
  return undefined;
};

const emitMainOperations = (d: Draft, now_ms: number): void => {
  const { config } = d.s;
  while (operationDue(d.s.generator, config, now_ms)) {
    const thread = nextFreeThread(d.s);
    if (thread === undefined) return;
    // The operation could have started as soon as any client was free.
    const ready_at_ms = d.s.threads.reduce((earliest, t) => (t.open === null && isUsable(d.s, t) ? Math.min(earliest, t.free_since_ms) : earliest), Number.POSITIVE_INFINITY);
    const [generator, invocation] = takeInvocation(d.s.generator, config, now_ms, ready_at_ms);
    // The cursor counts the nemesis's thread too, as Jepsen's does.
    d.s.generator = generator;
    d.s.next_thread_index = (d.s.next_thread_index + 1) % (config.concurrency + 1);
    invoke(d, thread, invocation, now_ms);
  }
};

const endMain = (d: Draft): void => {
  d.update({ phase: 'drain' });
};

const startFinal = (d: Draft, now_ms: number): void => {
  const targets: Record<string, number> = {};
  for (const [key, offset] of entries(d.s.generator.max_offsets)) targets[key] = offset;
  const final_keys = Object.keys(targets).sort((a, b) => Number(a) - Number(b) || (a < b ? -1 : 1));
  const frozen: OffsetsByKey = targets;
  const threads = d.s.threads.map((t) => ({ ...t, final: isUsable(d.s, t) ? startFinalThread(frozen) : finishedFinalThread }));
  d.update({ phase: 'final', final_keys, threads, deadline_ms: now_ms + d.s.config.final_time_limit_ms });
  d.log(`final phase: reading ${final_keys.length} keys from offset 0`);
};

const emitFinalOperations = (d: Draft, now_ms: number): void => {
  for (let progressed = true; progressed; ) {
    progressed = false;
    for (let i = 0; i < d.s.threads.length; i++) {
      const thread = d.s.threads[i] as ClientThread;
      if (thread.open !== null || !isUsable(d.s, thread)) continue;
      const invocation = finalInvocation(thread.final, d.s.final_keys, now_ms);
      if (invocation === null) continue;
      invoke(d, thread, invocation, now_ms);
      progressed = true;
    }
  }
};

const allIdle = (s: WorkloadState): boolean => s.threads.every((t) => t.open === null);
const allDown = (s: WorkloadState): boolean => s.config.node_ids.every((node) => s.down[node] !== undefined);

/** Moves through the phases as far as time and the threads allow, emitting what is due. */
const advance = (d: Draft, now_ms: number): void => {
  expireTimeouts(d, now_ms);
  for (;;) {
    const phase = d.s.phase;
    switch (phase) {
      case 'init':
        if (!d.s.init_sent) sendInits(d, now_ms);
        if (Object.keys(d.s.init_pending).length > 0 && now_ms >= d.s.deadline_ms) {
          for (const node of Object.values(d.s.init_pending)) {
            const seconds = d.s.config.init_timeout_ms / 1000;
            d.problem('init-timeout', node, `${node} never answered init (waited ${seconds} s)`, now_ms);
          }
          d.update({ init_pending: {} });
        }
        if (Object.keys(d.s.init_pending).length > 0) break;
        if (Object.keys(d.s.problems).length > 0) d.update({ phase: 'done' });
        else startMain(d, now_ms);
        continue;
      case 'main':
        if (allDown(d.s)) {
          endMain(d);
          continue;
        }
        if (d.s.nemesis !== null && d.s.config.nemesis !== null) {
          const [nemesis, event] = nemesisTick(d.s.nemesis, d.s.config.nemesis, d.s.config.node_ids, now_ms);
          d.s.nemesis = nemesis;
          if (event !== null) recordNemesis(d, event, now_ms);
        }
        if (now_ms >= d.s.deadline_ms) {
          endMain(d);
          d.log('main phase over: waiting for operations in flight');
          continue;
        }
        emitMainOperations(d, now_ms);
        break;
      case 'drain':
        if (!allIdle(d.s)) break;
        if (d.s.nemesis !== null) {
          const [nemesis, event] = healNemesis(d.s.nemesis);
          d.update({ nemesis });
          recordNemesis(d, event, now_ms);
        }
        if (allDown(d.s)) {
          d.update({ phase: 'done' });
          continue;
        }
        d.update({ phase: 'recovery', deadline_ms: now_ms + d.s.config.recovery_ms });
        if (d.s.config.recovery_ms > 0) d.log(`waiting ${d.s.config.recovery_ms / 1000} s for recovery`);
        continue;
      case 'recovery':
        if (now_ms < d.s.deadline_ms) break;
        startFinal(d, now_ms);
        continue;
      case 'final': {
        if (now_ms >= d.s.deadline_ms) {
          d.update({ threads: d.s.threads.map((t) => ({ ...t, final: finishedFinalThread })) });
        } else {
          emitFinalOperations(d, now_ms);
        }
        // Every thread finished reading (or cut off from its node) and idle.
        if (d.s.threads.every((t) => t.open === null && (t.final.stage === 'done' || !isUsable(d.s, t)))) {
          d.update({ phase: 'done' });
          d.log('run complete');
          continue;
        }
        break;
      }
      case 'done':
        break;
    }
    break;
  }
};

/** When the machine next needs a tick, if nothing arrives first. */
export const nextWake_ms = (s: WorkloadState): number | undefined => {
  // One pass over the threads (this runs at every step): the earliest request deadline, whether
  // a thread could take an operation (in the main phase), the earliest final poll (in the final).
  let wake = Number.POSITIVE_INFINITY;
  let anyFree = false;
  let finalPoll_ms = Number.POSITIVE_INFINITY;
  for (const thread of s.threads) {
    if (thread.client.pending !== null) wake = Math.min(wake, thread.client.pending.deadline_ms);
    if (thread.open !== null) continue;
    if (s.phase === 'main' && !anyFree) anyFree = isUsable(s, thread);
    if (s.phase === 'final' && thread.final.stage === 'poll') finalPoll_ms = Math.min(finalPoll_ms, thread.final.next_poll_at_ms);
  }
  switch (s.phase) {
    case 'init':
    case 'recovery':
      wake = Math.min(wake, s.deadline_ms);
      break;
    case 'main':
      wake = Math.min(wake, s.deadline_ms);
      if (anyFree && s.config.rate_hz > 0) wake = Math.min(wake, s.generator.next_op_at_ms);
      if (s.nemesis !== null) wake = Math.min(wake, s.nemesis.next_at_ms);
      break;
    case 'final':
      wake = Math.min(wake, s.deadline_ms, finalPoll_ms);
      break;
    case 'drain':
    case 'done':
      break;
  }
  return Number.isFinite(wake) ? wake : undefined;
};

export const workloadStep: Step<WorkloadState, WorkloadInput> = (state, input) => {
  const d = new Draft(state);
  const now_ms = input.now_ms;
  switch (input.kind) {
    case 'message':
      // A reply that comes after its request's deadline is late, even if no tick has expired the request yet.
      expireTimeouts(d, now_ms);
      onClientMessage(d, input.message, now_ms);
      break;
    case 'node-down':
      markDown(d, input.node, input.reason, 'exited', now_ms);
      break;
    case 'tick':
      break;
  }
  advance(d, now_ms);
  const wake = nextWake_ms(d.s);
  if (wake !== undefined && d.s.phase !== 'done') d.effects.push({ kind: 'timer', at_ms: wake });
  return [d.s, d.effects];
};
