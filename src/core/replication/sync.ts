/**
 * Replication of logs and committed offsets, on the tick, one message per
 * peer at most, and none when there is nothing to say.
 *
 * Invariant: a replica is always a prefix of its owner's log. Entries travel
 * as runs [from, msgs] and a replica only takes a run that starts at or
 * before its end; a run that would leave a gap (an earlier sync was lost or
 * overtaken) is refused. Losses are repaired by full reports: every
 * `fullReportIntervalMs` each node tells each peer how long its replicas of
 * that peer's keys are, and the owner rewinds what it believes it sent.
 */
import { slice } from '../persistent/append-log.js';
import { emptyMap, entries, get, set, type PMap } from '../persistent/hamt.js';
import type { Outbox } from '../node/outbox.js';
import { extendFrom } from '../node/partition.js';
import { partitionOf, type NodeState } from '../node/state.js';
import { commitLocally } from './owned-writes.js';
import { ownerOf } from './ownership.js';
import type { SyncMessage } from './protocol.js';
import type { PeerState, SentMark } from './state.js';
import { isSuspected } from './liveness.js';

/** Builds and sends this tick's sync to `id`, if there is anything to send; returns the peer's new record. */
export const sendSync = (state: NodeState, id: string, peer: PeerState, now_ms: number, out: Outbox): PeerState => {
  const { config } = state;
  const full = now_ms - peer.lastFullReport_ms >= config.fullReportIntervalMs;
  // Entries to a peer we cannot hear would most likely be lost: keep them
  // unsent, and let the full reports (which keep going) find it again.
  const reachable = !isSuspected(config, peer, now_ms);
  if (!full && (!reachable || (peer.unsentKeys.size === 0 && peer.unsentCommits.size === 0))) return peer;

  const seq = peer.nextSyncSeq;
  const syncEntries: Record<string, [number, unknown[]]> = {};
  let sent = peer.sent;
  let unsentKeys: PMap<true> = emptyMap();
  if (reachable) {
    for (const [key] of entries(peer.unsentKeys)) {
      const log = partitionOf(state, key).log;
      const from = get(sent, key)?.length ?? 0;
      const to = Math.min(log.length, from + config.maxEntriesPerSync);
      if (to > from) {
        syncEntries[key] = [from, slice(log, from, to)];
        sent = set(sent, key, { length: to, seq });
      }
      if (to < log.length) unsentKeys = set(unsentKeys, key, true);
    }
  } else {
    unsentKeys = peer.unsentKeys;
  }

  const committed: Record<string, number> = {};
  let lengths: Record<string, number> | null = null;
  if (full) {
    lengths = {};
    const nodeIds = state.cluster!.nodeIds;
    for (const [key, partition] of entries(state.partitions)) {
      if (partition.committed >= 0) committed[key] = partition.committed;
      if (ownerOf(nodeIds, key) === id && partition.log.length > 0) lengths[key] = partition.log.length;
    }
  } else {
    for (const [key] of entries(peer.unsentCommits)) committed[key] = partitionOf(state, key).committed;
  }

  out.send(id, { type: 'kafka_sync', seq, heard: peer.heardSyncSeq, entries: syncEntries, committed, lengths });
  return {
    ...peer,
    nextSyncSeq: seq + 1,
    sent,
    unsentKeys,
    unsentCommits: emptyMap(),
    lastFullReport_ms: full ? now_ms : peer.lastFullReport_ms,
  };
};

/** A peer's sync: take its entries and commits, and repair what its full report shows it lacks. */
export const onSync = (state: NodeState, from: string, body: SyncMessage, out: Outbox): NodeState => {
  const cluster = state.cluster!;
  let partitions = state.partitions;
  for (const key of Object.keys(body.entries)) {
    if (ownerOf(cluster.nodeIds, key) !== from) {
      out.log(`ignoring entries of '${key}' from ${from}, which does not own it`);
      continue;
    }
    const [start, msgs] = body.entries[key]!;
    const before = get(partitions, key) ?? partitionOf(state, key);
    const after = extendFrom(before, start, msgs);
    if (after !== before) partitions = set(partitions, key, after);
  }
  let next: NodeState = { ...state, partitions };
  for (const key of Object.keys(body.committed)) next = commitLocally(next, key, body.committed[key]!, false);

  let peer = next.peers[from]!;
  peer = { ...peer, heardSyncSeq: Math.max(peer.heardSyncSeq, body.seq) };
  if (body.lengths !== null) peer = repair(next, peer, body.lengths, body.heard);
  return { ...next, peers: { ...next.peers, [from]: peer } };
};

/**
 * A full report says how long the peer's replica of each of our keys is. Where
 * it is shorter than we believe we sent, and the peer has heard the sync that
 * carried those entries, that sync was lost or refused: send again from its
 * length. (An older report, sent before our sync reached it, proves nothing.)
 */
const repair = (state: NodeState, peer: PeerState, lengths: Readonly<Record<string, number>>, heard: number): PeerState => {
  const self = state.cluster!.self;
  const nodeIds = state.cluster!.nodeIds;
  let sent = peer.sent;
  let unsentKeys = peer.unsentKeys;
  for (const [key, partition] of entries(state.partitions)) {
    if (partition.log.length === 0 || ownerOf(nodeIds, key) !== self) continue;
    const theirs = lengths[key] ?? 0;
    const mark: SentMark | undefined = get(sent, key);
    if (theirs >= partition.log.length) continue;
    if (mark !== undefined && heard < mark.seq) continue;
    if (mark !== undefined && theirs < mark.length) sent = set(sent, key, { length: theirs, seq: mark.seq });
    if (get(unsentKeys, key) === undefined) unsentKeys = set(unsentKeys, key, true);
  }
  return sent === peer.sent && unsentKeys === peer.unsentKeys ? peer : { ...peer, sent, unsentKeys };
};
