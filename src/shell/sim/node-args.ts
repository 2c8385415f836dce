/** A node configuration back as bin/maelstrom-kafka's flags (those that differ from the defaults), for replay commands. */
import { defaultNodeConfig, type NodeConfig } from '../../core/node/config.js';

const FLAGS: readonly (readonly [keyof NodeConfig, string])[] = [
  ['pollMaxPerKey', '--poll-max'],
  ['replicationIntervalMs', '--replication-interval-ms'],
  ['starIntervalMs', '--star-interval-ms'],
  ['ackDelayMs', '--ack-delay-ms'],
  ['retryAfterMs', '--retry-after-ms'],
  ['retryMaxMs', '--retry-max-ms'],
  ['starFromNodes', '--star-from-nodes'],
];

export const nodeArgsOf = (config: NodeConfig): string[] =>
  FLAGS.flatMap(([field, flag]) => (config[field] === defaultNodeConfig[field] ? [] : [flag, String(config[field])]));
