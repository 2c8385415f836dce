/**
 * Who may assign which offset. Node i of n (its place in the membership
 * `init` gave) assigns only offsets congruent to i modulo n, so two nodes
 * never give the same offset to two messages, and a node needs nobody to
 * answer a send. Each new offset is the smallest of the node's class above
 * every offset it knows for the key, so a key's offsets stay near-dense:
 * at most n - 1 unused offsets lie between two sends that saw each other.
 */
import type { Cluster } from '../node/cluster.js';

/** The smallest offset congruent to `index` modulo `n` that is above `above`. */
export const nextInClass = (index: number, n: number, above: number): number => {
  const next = above + 1;
  return next + ((((index - next) % n) + n) % n);
};

/** The node that alone may assign `offset`. */
export const assignerOf = (nodeIds: readonly string[], offset: number): string => nodeIds[offset % nodeIds.length]!;

/** This node's place in the membership. */
export const selfIndex = (cluster: Cluster): number => cluster.nodeIds.indexOf(cluster.self);

/**
 * What a node promises before it has said anything about a key: it will
 * never assign below its own index (the smallest offset of its class).
 */
export const initialFloor = (nodeIds: readonly string[], id: string): number => nodeIds.indexOf(id);
