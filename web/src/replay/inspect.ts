/**
 * Plain, sorted views of a node's persistent state, for the page and the
 * tests: the HAMTs become sorted lists, the append-only logs arrays of
 * their messages. Reading only: nothing here builds a state.
 */
import type { NodeState, Partition } from '../../../src/core/node/state.js';
import { at, slice } from '../../../src/core/persistent/append-log.js';
import { entries, get, type PMap } from '../../../src/core/persistent/hamt.js';
import { ownerOf } from '../../../src/core/replication/ownership.js';
import type { InFlightForward, PendingSend, SentMark } from '../../../src/core/replication/state.js';

const DIGITS = /^[0-9]+$/;

/**
 * "2" before "10". Maelstrom's keys are decimal integers, compared here
 * without localeCompare (which costs a microsecond a call, and the page sorts
 * thousands of keys on every step); other keys fall back to it.
 */
export const naturalOrder = (a: string, b: string): number => {
  if (DIGITS.test(a) && DIGITS.test(b)) return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
  return a.localeCompare(b, 'en', { numeric: true });
};

export const sortedKeys = <V>(map: PMap<V>): string[] => [...entries(map)].map(([key]) => key).sort(naturalOrder);

/** Every key any of the nodes holds, in natural order ("2" before "10"). */
export const keysOf = (states: readonly NodeState[]): string[] => {
  const keys = new Set<string>();
  for (const state of states) for (const [key] of entries(state.partitions)) keys.add(key);
  return [...keys].sort(naturalOrder);
};

export const partitionAt = (state: NodeState, key: string): Partition | undefined => get(state.partitions, key);

/** Messages of a partition's log by offset, from `from` (inclusive) to `to` (exclusive). */
export const logEntries = (partition: Partition, from = 0, to = partition.log.length): unknown[] => slice(partition.log, from, to);

export const messageAt = (partition: Partition, offset: number): unknown => at(partition.log, offset);

/** The key's owner in this node's view of the cluster; undefined before init. */
export const ownerIn = (state: NodeState, key: string): string | undefined =>
  state.cluster === undefined ? undefined : ownerOf(state.cluster.nodeIds, key);

export interface PeerView {
  readonly id: string;
  readonly lastHeard_ms: number;
  readonly lastFullReport_ms: number;
  readonly nextSyncSeq: number;
  readonly heardSyncSeq: number;
  readonly unsentKeys: readonly string[];
  readonly sent: readonly (readonly [key: string, mark: SentMark])[];
  readonly unsentCommits: readonly string[];
  readonly nextForwardSeq: number;
  readonly inFlight: InFlightForward | undefined;
  readonly queued: readonly PendingSend[];
  readonly lastForwardIn: { readonly seq: number; readonly offsets: readonly number[] } | undefined;
}

export const peersOf = (state: NodeState): PeerView[] =>
  Object.keys(state.peers)
    .sort(naturalOrder)
    .map((id) => {
      const peer = state.peers[id]!;
      return {
        id,
        lastHeard_ms: peer.lastHeard_ms,
        lastFullReport_ms: peer.lastFullReport_ms,
        nextSyncSeq: peer.nextSyncSeq,
        heardSyncSeq: peer.heardSyncSeq,
        unsentKeys: sortedKeys(peer.unsentKeys),
        sent: [...entries(peer.sent)].sort(([a], [b]) => naturalOrder(a, b)),
        unsentCommits: sortedKeys(peer.unsentCommits),
        nextForwardSeq: peer.nextForwardSeq,
        inFlight: peer.inFlight,
        queued: peer.queued,
        lastForwardIn: peer.lastForwardIn,
      };
    });

/** Everything observable about a node's state, as plain sorted data: what two equal states must agree on. */
export const plainState = (state: NodeState): unknown => ({
  cluster: state.cluster,
  nextMsgId: state.nextMsgId,
  nextTick_ms: state.nextTick_ms,
  partitions: [...entries(state.partitions)]
    .sort(([a], [b]) => naturalOrder(a, b))
    .map(([key, p]) => ({ key, committed: p.committed, log: logEntries(p) })),
  peers: peersOf(state),
});
