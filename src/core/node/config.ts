/** Settings a node is started with (flags of bin/maelstrom-kafka). */
export interface NodeConfig {
  /**
   * At most this many [offset, msg] pairs per key in one poll_ok. Bounds the
   * reply's size and the time one poll can hold the node; `npm run bench node`
   * shows the cost per pair is flat up to about a thousand and rises past it.
   */
  readonly pollMaxPerKey: number;
  /**
   * How often a node talks to its peers: its new entries, raised floors and
   * commits leave on this tick. Longer means fewer, larger messages, and
   * polls that show a send later (at every node, the sender included).
   */
  readonly replicationIntervalMs: number;
  /** How often a node sends each peer a full report (what it holds of the peer's entries and floors, every committed offset). */
  readonly fullReportIntervalMs: number;
  /** A peer silent this long is taken to be unreachable: news for it waits (full reports keep going) until it is heard again. */
  readonly suspectAfterMs: number;
  /** At most this many entries of one key in one sync message. */
  readonly maxEntriesPerSync: number;
}

export const defaultNodeConfig: NodeConfig = {
  pollMaxPerKey: 1024,
  replicationIntervalMs: 50,
  fullReportIntervalMs: 500,
  suspectAfterMs: 1500,
  maxEntriesPerSync: 1024,
};
