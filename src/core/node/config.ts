/** Settings a node is started with (flags of bin/maelstrom-kafka). */
export interface NodeConfig {
  /**
   * At most this many [offset, msg] pairs per key in one poll_ok. Bounds the
   * reply's size and the time one poll can hold the node; `npm run bench node`
   * shows the cost per pair is flat up to about a thousand and rises past it.
   */
  readonly pollMaxPerKey: number;
  /**
   * How often a node talks to its neighbors: its news (entries, raised floors,
   * commits) leaves on this tick. Longer means fewer, larger messages, and
   * polls that show a send later (at every node, the sender included).
   */
  readonly replicationIntervalMs: number;
  /** The tick of a star (see `starFromNodes`), longer than a mesh's: each tick costs the hub a message to every leaf. */
  readonly starIntervalMs: number;
  /**
   * A neighbor's news is acknowledged with our next message to it; if we have
   * none, with a message of its own once the acknowledgement has waited this
   * long, and at least a tick (by then, most of the time, news of ours
   * carried it).
   */
  readonly ackDelayMs: number;
  /**
   * Unacknowledged news is sent again after this long at first; the wait
   * adapts to the link's measured round trip (once it, plus a tick and the
   * acknowledgement's delay) and
   * doubles on each further try up to `retryMaxMs`.
   */
  readonly retryAfterMs: number;
  /** The longest wait between two tries: how soon after a partition heals the news gets through. */
  readonly retryMaxMs: number;
  /** From this many nodes on, replication runs as a star around the first node instead of a mesh (node/cluster.ts). */
  readonly starFromNodes: number;
}

export const defaultNodeConfig: NodeConfig = {
  pollMaxPerKey: 1024,
  replicationIntervalMs: 50,
  starIntervalMs: 100,
  ackDelayMs: 50,
  retryAfterMs: 400,
  retryMaxMs: 1000,
  starFromNodes: 6,
};
