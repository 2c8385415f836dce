/**
 * Committed offsets merge by max: each node moves a key's committed offset
 * forward on a client's commit or a neighbor's news, never back, so all
 * nodes converge on the highest commit any of them took.
 */
import { set } from '../persistent/hamt.js';
import { commitUpTo } from '../node/partition.js';
import { partitionOf, type NodeState } from '../node/state.js';
import { addNews } from './news.js';

/** A client's commit here: moves the key's committed offset forward, and every neighbor hears of it. */
export const commitLocally = (state: NodeState, key: string, offset: number): NodeState => commit(state, key, offset, state.links.length > 0);

/** A neighbor's committed offset: taken by max, and passed on only by a hub (in a mesh its taker told everyone). */
export const commitLearned = (state: NodeState, key: string, offset: number): NodeState => commit(state, key, offset, state.cluster!.relays);

const commit = (state: NodeState, key: string, offset: number, tell: boolean): NodeState => {
  const before = partitionOf(state, key);
  const after = commitUpTo(before, offset);
  if (after === before) return state;
  return { ...state, partitions: set(state.partitions, key, after), news: tell ? addNews(state.news, [key]) : state.news };
};
