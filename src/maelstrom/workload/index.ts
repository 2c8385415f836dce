/**
 * The kafka workload's public face, for the runner, the simulator and the
 * demo. Everything here is pure; time arrives as `now_ms`, randomness from
 * the config's seed.
 *
 *   initialHarness(config) / harnessStep(state, input)   everything around the nodes
 *   initialWorkload(config) / workloadStep(state, input)  clients, generator, nemesis, history
 *   invokeClient / clientReceive / expireClient           one kafka client
 *   initialGenerator / takeInvocation / observeCompletion the operation generator
 *   statsOf / latencyOf / availabilityOf / netSummaryOf   the numbers results.json carries
 *   Completions                                            what they need of a history, gathered op by op
 */
export { workloadConfig, WORKLOAD_DEFAULTS, type WorkloadConfig } from './config.js';
export {
  harnessDone,
  harnessStep,
  initialHarness,
  runProblems,
  runWarnings,
  type HarnessConfig,
  type HarnessInput,
  type HarnessState,
} from './harness.js';
export {
  initialWorkload,
  isDone,
  nextWake_ms,
  nodeOfThread,
  noteHeard,
  workloadStep,
  type ClientThread,
  type Phase,
  type WorkloadInput,
  type WorkloadState,
} from './workload.js';
export {
  abandonClient,
  clientReceive,
  expireClient,
  invokeClient,
  openClient,
  type ClientStep,
  type KafkaClient,
  type Outcome,
  type PendingRpc,
  type Rpc,
} from './client.js';
export { initialGenerator, observeCompletion, operationDue, takeInvocation, type GeneratorState } from './generator.js';
export { afterFinalCompletion, finalInvocation, startFinalThread, type FinalStage, type FinalThread } from './final-phase.js';
export { invokeValue, type Invocation } from './invocation.js';
export { drawMicroOp, initialKeyPool, type Drawn, type KeyPool } from './keys.js';
export { nextChance, nextExponential, nextFloat, nextInt, nextUint32, nextUniform, pick, seedRandom, shuffle, type Rng } from './random.js';
export { listReports, type ProblemKind, type Report, type Reports, type WarningKind } from './problems.js';
export {
  availabilityOf,
  completedOps,
  completionsOf,
  Completions,
  invocationCount,
  latencyOf,
  netSummaryOf,
  percentile,
  statsOf,
  type Availability,
  type Completed,
  type LatencySummary,
  type OpOutcome,
  type NetSummary,
  type Stats,
} from './summary.js';
