/**
 * What a node knows about each of its peers. One record per peer, holding both
 * directions: what we owe it (entries, commits, forwarded sends) and what we
 * have heard from it. Persistent like the rest of the state.
 */
import { emptyMap, type PMap } from '../persistent/hamt.js';

/** A client's send waiting for the key's owner to assign its offset. */
export interface PendingSend {
  readonly client: string;
  readonly msg_id: number;
  readonly key: string;
  readonly msg: unknown;
}

export interface InFlightForward {
  readonly seq: number;
  readonly msg_id: number;
  readonly sent_ms: number;
  readonly sends: readonly PendingSend[];
}

/** How far we have replicated a key we own to a peer, and in which sync. */
export interface SentMark {
  readonly length: number;
  readonly seq: number;
}

export interface PeerState {
  /** When any message from this peer last reached us; silence past `suspectAfterMs` means unreachable. */
  readonly lastHeard_ms: number;
  /** When we last sent it a full report (our lengths of its keys, all committed offsets). */
  readonly lastFullReport_ms: number;
  /** The seq of our next sync to it. Invariant: from 1, increasing by one per sync sent. */
  readonly nextSyncSeq: number;
  /** The highest sync seq we have received from it (0: none). */
  readonly heardSyncSeq: number;
  /** Keys we own that have entries it has not been sent yet. */
  readonly unsentKeys: PMap<true>;
  /** Keys we own: how far we have sent it. Reset back by its full reports when a sync was lost. */
  readonly sent: PMap<SentMark>;
  /** Keys whose committed offset changed since our last sync to it. */
  readonly unsentCommits: PMap<true>;

  /** Our sends for keys it owns: the next batch's seq, the batch it has not answered, and those queued behind it. */
  readonly nextForwardSeq: number;
  readonly inFlight: InFlightForward | undefined;
  readonly queued: readonly PendingSend[];

  /** The last batch it forwarded to us and the offsets we gave, to answer a redelivery without appending twice. */
  readonly lastForwardIn: { readonly seq: number; readonly offsets: readonly number[] } | undefined;
}

export const newPeer = (now_ms: number): PeerState => ({
  lastHeard_ms: now_ms,
  lastFullReport_ms: now_ms,
  nextSyncSeq: 1,
  heardSyncSeq: 0,
  unsentKeys: emptyMap(),
  sent: emptyMap(),
  unsentCommits: emptyMap(),
  nextForwardSeq: 1,
  inFlight: undefined,
  queued: [],
  lastForwardIn: undefined,
});

export type Peers = Readonly<Record<string, PeerState>>;

export const updatePeer = (peers: Peers, id: string, change: (peer: PeerState) => PeerState): Peers => ({
  ...peers,
  [id]: change(peers[id]!),
});

/** Applies `change` to every peer. */
export const updateAllPeers = (peers: Peers, change: (peer: PeerState) => PeerState): Peers => {
  const ids = Object.keys(peers);
  if (ids.length === 0) return peers; // a single node: nothing to allocate on its hot path
  const next: Record<string, PeerState> = {};
  for (const id of ids) next[id] = change(peers[id]!);
  return next;
};
