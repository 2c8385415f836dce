/**
 * What a node knows about each of its peers. One record per peer, holding both
 * directions: what we owe it (our entries and floors, commits) and what we
 * have heard from it. What the peer promised about each key lives with the
 * key (replica.ts). Persistent like the rest of the state.
 */
import { keyedRecord } from '../protocol/keyed.js';
import { emptyMap, type PMap } from '../persistent/hamt.js';

/** How many of our own entries of a key we have sent a peer, and in which sync. */
export interface SentMark {
  readonly count: number;
  readonly seq: number;
}

export interface PeerState {
  /** When any message from this peer last reached us; silence past `suspectAfterMs` means unreachable: we stop sending it news, and keep it owed. */
  readonly lastHeard_ms: number;
  /** When we last sent it a full report (what we hold of its entries and floors, all committed offsets). */
  readonly lastFullReport_ms: number;
  /** We refused a run of its (a sync was lost): our next tick sends it a full report, early, so it resends. */
  readonly reportDue: boolean;
  /** The seq of our next sync to it. Invariant: from 1, increasing by one per sync sent. */
  readonly nextSyncSeq: number;
  /** The highest sync seq we have received from it (0: none). */
  readonly heardSyncSeq: number;
  /** Keys with news it has not been sent yet: entries we assigned, or a higher floor of ours. */
  readonly unsentKeys: PMap<true>;
  /** Per key: how many of our entries we have sent it. Set back by its full reports when a sync was lost. */
  readonly sent: PMap<SentMark>;
  /** Keys whose committed offset changed since our last sync to it. */
  readonly unsentCommits: PMap<true>;
}

export const newPeer = (now_ms: number): PeerState => ({
  lastHeard_ms: now_ms,
  lastFullReport_ms: now_ms,
  reportDue: false,
  nextSyncSeq: 1,
  heardSyncSeq: 0,
  unsentKeys: emptyMap(),
  sent: emptyMap(),
  unsentCommits: emptyMap(),
});

export type Peers = Readonly<Record<string, PeerState>>;

/** Peer records are keyed by node ids from `init`, so they have no prototype (see protocol/keyed.ts). */
export const updatePeer = (peers: Peers, id: string, change: (peer: PeerState) => PeerState): Peers => {
  const next = Object.assign(keyedRecord<PeerState>(), peers);
  next[id] = change(peers[id]!);
  return next;
};

/** Applies `change` to every peer. */
export const updateAllPeers = (peers: Peers, change: (peer: PeerState) => PeerState): Peers => {
  const ids = Object.keys(peers);
  if (ids.length === 0) return peers; // a single node: nothing to allocate on its hot path
  const next = keyedRecord<PeerState>();
  for (const id of ids) next[id] = change(peers[id]!);
  return next;
};
