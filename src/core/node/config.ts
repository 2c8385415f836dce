/** Settings a node is started with (flags of bin/maelstrom-kafka). */
export interface NodeConfig {
  /**
   * At most this many [offset, msg] pairs per key in one poll_ok. Bounds the
   * reply's size and the time one poll can hold the node; `npm run bench node`
   * shows the cost per pair is flat up to about a thousand and rises past it.
   */
  readonly pollMaxPerKey: number;
  /**
   * How often a node talks to its peers: queued forwards leave and new log
   * entries and commits are replicated on this tick. Longer means fewer,
   * larger messages and slower visibility at the other nodes.
   */
  readonly replicationIntervalMs: number;
  /** How often a node sends each peer a full report (its lengths of the peer's keys, every committed offset). */
  readonly fullReportIntervalMs: number;
  /** A forwarded send unanswered this long is answered with an indefinite error (the owner may have it). */
  readonly forwardTimeoutMs: number;
  /** A peer silent this long is taken to be unreachable: sends it owns are refused with 11 without forwarding. */
  readonly suspectAfterMs: number;
  /** At most this many entries of one key in one sync message. */
  readonly maxEntriesPerSync: number;
}

export const defaultNodeConfig: NodeConfig = {
  pollMaxPerKey: 1024,
  replicationIntervalMs: 50,
  fullReportIntervalMs: 500,
  forwardTimeoutMs: 1000,
  suspectAfterMs: 1500,
  maxEntriesPerSync: 1024,
};
