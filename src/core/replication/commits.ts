/**
 * Committed offsets merge by max: each node moves a key's committed offset
 * forward on a client's commit or a peer's news, never back, so all nodes
 * converge on the highest commit any of them took.
 */
import { get, set } from '../persistent/hamt.js';
import { commitUpTo } from '../node/partition.js';
import { partitionOf, type NodeState } from '../node/state.js';
import { updateAllPeers } from './state.js';

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
