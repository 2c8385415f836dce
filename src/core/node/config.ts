/** Settings a node is started with (flags of bin/maelstrom-kafka). */
export interface NodeConfig {
  /**
   * At most this many [offset, msg] pairs per key in one poll_ok. Bounds the
   * reply's size and the time one poll can hold the node; see `npm run bench`
   * for the cost per pair at several caps.
   */
  readonly pollMaxPerKey: number;
}

export const defaultNodeConfig: NodeConfig = {
  pollMaxPerKey: 1024,
};
