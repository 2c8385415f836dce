/**
 * The two writes every node makes to its own state, with the bookkeeping that
 * makes them reach the peers: an append to a key this node owns, and a
 * committed offset moving forward.
 */
import { get, set } from '../persistent/hamt.js';
import { appendMessage, commitUpTo } from '../node/partition.js';
import { partitionOf, type NodeState } from '../node/state.js';
import { updateAllPeers } from './state.js';

/** Appends `msg` to a key this node owns; returns the new state and the offset assigned. */
export const appendOwned = (state: NodeState, key: string, msg: unknown): readonly [NodeState, number] => {
  const [partition, offset] = appendMessage(partitionOf(state, key), msg);
  const peers = updateAllPeers(state.peers, (peer) =>
    get(peer.unsentKeys, key) === undefined ? { ...peer, unsentKeys: set(peer.unsentKeys, key, true) } : peer,
  );
  return [{ ...state, partitions: set(state.partitions, key, partition), peers }, offset];
};

/**
 * Moves `key`'s committed offset forward to `offset` (a lower one changes
 * nothing). Only commits a client made here are gossiped: a commit learned
 * from a peer was already sent to everyone by the node that took it.
 */
export const commitLocally = (state: NodeState, key: string, offset: number, gossip: boolean): NodeState => {
  const before = partitionOf(state, key);
  const after = commitUpTo(before, offset);
  if (after === before) return state;
  const peers = gossip
    ? updateAllPeers(state.peers, (peer) =>
        get(peer.unsentCommits, key) === undefined ? { ...peer, unsentCommits: set(peer.unsentCommits, key, true) } : peer,
      )
    : state.peers;
  return { ...state, partitions: set(state.partitions, key, after), peers };
};
