/**
 * Who the cluster is, and how its nodes talk: the membership `init` gave, and
 * the overlay replication runs on.
 *
 * Small clusters talk as a mesh: every node sends its own news to every
 * other, so a send shows everywhere after two network hops. Larger ones talk
 * as a star around the first node, the hub: leaves talk only to the hub,
 * which relays every entry to every other leaf and aggregates their floors.
 * A mesh costs n(n-1) messages a tick, a star 2(n-1), and two hops more.
 */
export interface Cluster {
  readonly self: string;
  /** Every node of the cluster, self included, in the order `init` gave. */
  readonly nodeIds: readonly string[];
  /** The nodes this one exchanges replication messages with, in `nodeIds` order. */
  readonly neighbors: readonly string[];
  /**
   * Whether this node forwards what it learns from one neighbor to the others
   * (the hub of a star). Invariant: what a neighbor tells us covers the whole
   * part of the cluster behind it, and what we tell a neighbor covers
   * everything but that neighbor's part.
   */
  readonly relays: boolean;
}

/** The overlay for `self` among `nodeIds`: a mesh below `starFromNodes` nodes, else a star around `nodeIds[0]`. */
export const clusterOf = (self: string, nodeIds: readonly string[], starFromNodes: number): Cluster => {
  const others = nodeIds.filter((id) => id !== self);
  if (nodeIds.length < starFromNodes) return { self, nodeIds, neighbors: others, relays: false };
  const hub = nodeIds[0]!;
  return self === hub ? { self, nodeIds, neighbors: others, relays: true } : { self, nodeIds, neighbors: [hub], relays: false };
};

/** Whether this node is a leaf of a star: it talks to the hub alone. */
export const isLeaf = (cluster: Cluster): boolean => !cluster.relays && cluster.neighbors.length < cluster.nodeIds.length - 1;

/** Whether the cluster runs as a star (this node its hub or a leaf). */
export const isStar = (cluster: Cluster): boolean => cluster.relays || isLeaf(cluster);

/** The nodes whose news reaches `self` through `neighbor`: all but `self` behind a leaf's hub, else the neighbor alone. */
export const behindNeighbor = (cluster: Cluster, neighbor: string): readonly string[] =>
  isLeaf(cluster) ? cluster.nodeIds.filter((id) => id !== cluster.self) : [neighbor];
