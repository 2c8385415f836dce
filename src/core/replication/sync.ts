/**
 * Replication on the tick: one `kafka_sync` per peer at most, and none when
 * there is nothing to say. Each node sends only what it assigned itself, and
 * its floors; nobody relays another's entries.
 *
 * Invariant: what a node holds of a peer's entries of a key is a prefix of
 * what that peer assigned (`PeerFloor.count` of them). A run is taken only if
 * it starts at or before that count, and a floor only once the entries it
 * covers are held; a run that would leave a gap (an earlier sync was lost or
 * overtaken) is refused whole. Losses are repaired by full reports: every
 * `fullReportIntervalMs` each node tells each peer what it holds of the
 * peer's entries and floors, and the peer sends again what is missing.
 */
import { at, slice } from '../persistent/append-log.js';
import { keyedRecord } from '../protocol/keyed.js';
import { emptyMap, entries, get, set, type PMap } from '../persistent/hamt.js';
import type { Outbox } from '../node/outbox.js';
import type { OffsetMessage } from '../node/partition.js';
import type { Cluster, NodeState } from '../node/state.js';
import { commitLocally } from './commits.js';
import { isSuspected } from './liveness.js';
import { assignerOf, initialFloor } from './offsets.js';
import type { SyncMessage } from './protocol.js';
import { mergeByOffset, owePeers, ownFloor, peerFloor, replicaOf, settle, type KeyReplica } from './replica.js';
import type { PeerState, SentMark } from './state.js';

type SyncEntries = Record<string, [number, OffsetMessage[], number]>;

/** Builds and sends this tick's sync to `id`, if there is anything to send; returns the peer's new record. */
export const sendSync = (state: NodeState, id: string, peer: PeerState, now_ms: number, out: Outbox): PeerState => {
  const { config } = state;
  const cluster = state.cluster!;
  const full = peer.reportDue || now_ms - peer.lastFullReport_ms >= config.fullReportIntervalMs;
  // News to a peer we cannot hear would most likely be lost: keep it owed,
  // and let the full reports (which keep going) find the peer again.
  const reachable = !isSuspected(config, peer, now_ms);
  if (!full && (!reachable || (peer.unsentKeys.size === 0 && peer.unsentCommits.size === 0))) return peer;

  const seq = peer.nextSyncSeq;
  const syncEntries: SyncEntries = keyedRecord();
  let sent = peer.sent;
  let unsentKeys: PMap<true> = emptyMap();
  if (reachable) {
    for (const [key] of entries(peer.unsentKeys)) {
      const replica = replicaOf(state, key);
      const from = get(sent, key)?.count ?? 0;
      const to = Math.min(replica.own.length, from + config.maxEntriesPerSync);
      // A run cut short promises only up to the first entry it leaves out.
      const floor = to < replica.own.length ? at(replica.own, to)![0] : ownFloor(cluster, replica);
      syncEntries[key] = [from, slice(replica.own, from, to), floor];
      sent = set(sent, key, { count: to, seq });
      if (to < replica.own.length) unsentKeys = set(unsentKeys, key, true);
    }
  } else {
    unsentKeys = peer.unsentKeys;
  }

  const committed = keyedRecord<number>();
  let held: Record<string, [number, number]> | null = null;
  if (full) {
    held = keyedRecord();
    for (const [key, partition] of entries(state.partitions)) if (partition.committed >= 0) committed[key] = partition.committed;
    for (const [key, replica] of entries(state.replicas)) {
      const theirs = replica.peers[id];
      if (theirs !== undefined) held[key] = [theirs.count, theirs.floor];
    }
  } else {
    for (const [key] of entries(peer.unsentCommits)) committed[key] = get(state.partitions, key)!.committed;
  }

  out.send(id, { type: 'kafka_sync', seq, heard: peer.heardSyncSeq, entries: syncEntries, committed, held });
  return {
    ...peer,
    nextSyncSeq: seq + 1,
    sent,
    unsentKeys,
    unsentCommits: emptyMap(),
    lastFullReport_ms: full ? now_ms : peer.lastFullReport_ms,
    reportDue: false,
  };
};

/** A peer's sync: take its entries, floors and commits, and repair what its full report shows it lacks. */
export const onSync = (state: NodeState, from: string, body: SyncMessage, out: Outbox): NodeState => {
  const cluster = state.cluster!;
  let next = state;
  let refused = false;
  for (const key of Object.keys(body.entries)) {
    const learned = learn(next, cluster, from, key, body.entries[key]!, out);
    refused ||= learned === undefined;
    next = learned ?? next;
  }
  for (const key of Object.keys(body.committed)) next = commitLocally(next, key, body.committed[key]!, false);

  let peer = next.peers[from]!;
  peer = { ...peer, heardSyncSeq: Math.max(peer.heardSyncSeq, body.seq), reportDue: peer.reportDue || refused };
  if (body.held !== null) peer = repair(next, cluster, peer, body.held, body.heard);
  return { ...next, peers: { ...next.peers, [from]: peer } };
};

/**
 * One key's run from `from`: the entries past what we hold join the pending
 * ones, and the floor is taken once we hold every entry it covers. Our own
 * floor rises above any offset we learn, and every peer is owed the news.
 * Undefined when the run is refused.
 */
const learn = (
  state: NodeState,
  cluster: Cluster,
  from: string,
  key: string,
  [start, pairs, floor]: readonly [number, readonly OffsetMessage[], number],
  out: Outbox,
): NodeState | undefined => {
  const replica = replicaOf(state, key);
  const theirs = peerFloor(cluster, replica, from);
  if (start > theirs.count) {
    out.log(`refusing ${from}'s entries of '${key}' from #${start}: we hold only ${theirs.count}, a sync was lost`);
    return undefined;
  }
  const fresh = pairs.slice(theirs.count - start);
  const stable = get(state.partitions, key)?.log.length ?? 0;
  let last = -1;
  for (const [offset] of fresh) {
    // Pair assertion with the sender's: only its class, ascending, and never
    // below the floor it promised us (which bounds our stable point).
    if (assignerOf(cluster.nodeIds, offset) !== from || offset <= last || offset < stable) {
      out.log(`refusing ${from}'s entries of '${key}': offset ${offset} is not one ${from} may assign now`);
      return undefined;
    }
    last = offset;
  }
  const count = Math.max(theirs.count, start + pairs.length);
  const learned: KeyReplica = {
    ...replica,
    maxKnown: Math.max(replica.maxKnown, last),
    pending: fresh.length === 0 ? replica.pending : mergeByOffset(replica.pending, fresh),
    peers: { ...replica.peers, [from]: { count, floor: Math.max(theirs.floor, floor) } },
  };
  const raised = ownFloor(cluster, learned) !== ownFloor(cluster, replica);
  return settle(raised ? owePeers(state, key) : state, cluster, key, learned);
};

/**
 * A full report says what the peer holds of our entries and floor of each
 * key. Where it lacks some and has heard the sync that carried them, that
 * sync was lost or refused: send again from what it holds. (An older report,
 * sent before our sync reached it, proves nothing.)
 */
const repair = (
  state: NodeState,
  cluster: Cluster,
  peer: PeerState,
  held: Readonly<Record<string, readonly [number, number]>>,
  heard: number,
): PeerState => {
  let sent = peer.sent;
  let unsentKeys = peer.unsentKeys;
  for (const [key, replica] of entries(state.replicas)) {
    const [count, floor] = held[key] ?? [0, initialFloor(cluster.nodeIds, cluster.self)];
    if (count >= replica.own.length && floor >= ownFloor(cluster, replica)) continue;
    const mark: SentMark | undefined = get(sent, key);
    if (mark !== undefined && heard < mark.seq) continue;
    if (mark !== undefined && count < mark.count) sent = set(sent, key, { count, seq: mark.seq });
    if (get(unsentKeys, key) === undefined) unsentKeys = set(unsentKeys, key, true);
  }
  return sent === peer.sent && unsentKeys === peer.unsentKeys ? peer : { ...peer, sent, unsentKeys };
};
