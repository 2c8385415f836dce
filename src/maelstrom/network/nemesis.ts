/**
 * The partition nemesis as Jepsen schedules it: it alternates start-partition
 * (a random shape from PARTITION_SPECS, over freshly shuffled nodes) and
 * stop-partition, each separated by a delay uniform in [0, 2 * interval), so
 * `--nemesis-interval` is the mean time between changes. Its final act is a
 * stop-partition, so the network is whole before the final reads.
 */
import { nextUniform, pick, type Rng } from '../workload/random.js';
import { grudgeFor, PARTITION_SPECS, type Grudge, type PartitionSpec } from './grudge.js';

export interface NemesisConfig {
  readonly interval_ms: number;
}

export interface NemesisState {
  readonly rng: Rng;
  /** When the next start or stop is due. */
  readonly next_at_ms: number;
  /** The grudge in force, null when the network is whole. */
  readonly grudge: Grudge | null;
}

export type NemesisEvent =
  | { readonly f: 'start-partition'; readonly spec: PartitionSpec; readonly grudge: Grudge }
  | { readonly f: 'stop-partition' };

const scheduleAfter = (rng: Rng, config: NemesisConfig, now_ms: number): readonly [number, Rng] => {
  const [delay_ms, next] = nextUniform(rng, 2 * config.interval_ms);
  return [now_ms + delay_ms, next];
};

export const startNemesis = (config: NemesisConfig, rng: Rng, now_ms: number): NemesisState => {
  const [next_at_ms, next] = scheduleAfter(rng, config, now_ms);
  return { rng: next, next_at_ms, grudge: null };
};

/** The event due at `now_ms`, if any, and the state after it. */
export const nemesisTick = (
  state: NemesisState,
  config: NemesisConfig,
  nodes: readonly string[],
  now_ms: number,
): readonly [NemesisState, NemesisEvent | null] => {
  if (now_ms < state.next_at_ms) return [state, null];
  if (state.grudge !== null) {
    const [next_at_ms, rng] = scheduleAfter(state.rng, config, now_ms);
    return [{ rng, next_at_ms, grudge: null }, { f: 'stop-partition' }];
  }
  const [spec, afterSpec] = pick(state.rng, PARTITION_SPECS);
  const [grudge, afterGrudge] = grudgeFor(spec, nodes, afterSpec);
  const [next_at_ms, rng] = scheduleAfter(afterGrudge, config, now_ms);
  return [{ rng, next_at_ms, grudge }, { f: 'start-partition', spec, grudge }];
};

/** The final heal: always a stop-partition, as Jepsen's final nemesis generator emits. */
export const healNemesis = (state: NemesisState): readonly [NemesisState, NemesisEvent] => [
  { ...state, next_at_ms: Number.POSITIVE_INFINITY, grudge: null },
  { f: 'stop-partition' },
];
