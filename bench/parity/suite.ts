/**
 * What the parity script runs: cases of one node binary and the flags both
 * sides get. The default suite is our node at the challenge's settings (the
 * runs in ../shared/maelstrom-runs/) and every fixture node at the settings its
 * test runs it with (test/runner/anomalies.test.ts, misbehaviour.test.ts).
 */
import { fileURLToPath } from 'node:url';

export interface ParityCase {
  readonly name: string;
  /** Absolute path of the node binary. */
  readonly bin: string;
  /** Flags both Maelstrom and our runner take. */
  readonly shared: readonly string[];
  /** Flags only our runner takes (runner-only options, and anything the parity script does not know). */
  readonly oursOnly: readonly string[];
  /** What the case is expected to show, for the reader. */
  readonly expect: string;
}

const repo = (path: string): string => fileURLToPath(new URL(`../../../${path}`, import.meta.url));
export const OUR_NODE = repo('bin/maelstrom-kafka');
export const RUNNER = repo('bin/kafka-workload');
export const CHECKER = repo('bin/kafka-check');
export const DEFAULT_JAR = repo('../shared/maelstrom/maelstrom.jar');
const fixture = (name: string): string => repo(`test/fixtures/nodes/${name}.mjs`);
const probe = (file: string): string => repo(`bench/parity/probe/${file}`);

const ONE_NODE = ['--node-count', '1', '--concurrency', '2n', '--rate', '100'];

const anomaly = (name: string, expect: string): ParityCase => ({ name, bin: fixture(name), shared: ONE_NODE, oursOnly: [], expect });

export const defaultSuite = (): readonly ParityCase[] => [
  { name: 'ours-1node', bin: OUR_NODE, shared: ['--node-count', '1', '--concurrency', '2n', '--rate', '1000'], oursOnly: [], expect: 'valid (5a)' },
  { name: 'ours-2nodes', bin: OUR_NODE, shared: ['--node-count', '2', '--concurrency', '2n', '--rate', '1000'], oursOnly: [], expect: 'valid (5b)' },
  {
    name: 'ours-3nodes-partition',
    bin: OUR_NODE,
    shared: ['--node-count', '3', '--concurrency', '2n', '--rate', '500', '--nemesis', 'partition', '--nemesis-interval', '3'],
    oursOnly: [],
    expect: 'valid',
  },
  anomaly('correct', 'valid'),
  anomaly('lagging-commits', 'valid'),
  anomaly('lost-write', 'lost-write'),
  anomaly('duplicate-send', 'duplicate'),
  anomaly('stale-offset', 'inconsistent-offsets'),
  anomaly('poll-drops-middle', 'int-poll-skip'),
  anomaly('poll-reversed', 'int-nonmonotonic-poll'),
  anomaly('poll-past-offset', 'poll-skip'),
  anomaly('hides-key', 'unseen'),
  {
    name: 'kv-node',
    bin: fixture('kv-node'),
    shared: ['--node-count', '3', '--concurrency', '2n', '--rate', '100', '--latency', '5', '--latency-dist', 'exponential', '--nemesis', 'partition', '--nemesis-interval', '1'],
    oursOnly: [],
    expect: 'valid (over lin-kv)',
  },
  { name: 'crashes', bin: fixture('crashes'), shared: ONE_NODE, oursOnly: [], expect: 'the run fails: node crashed' },
  { name: 'garbage-output', bin: fixture('garbage-output'), shared: ONE_NODE, oursOnly: [], expect: 'the run fails: not a message' },
  { name: 'hangs', bin: fixture('hangs'), shared: ONE_NODE, oursOnly: ['--client-timeout', '1000'], expect: 'the run fails: node hung' },
  { name: 'late-reply', bin: fixture('late-reply'), shared: ONE_NODE, oursOnly: ['--client-timeout', '1000'], expect: 'valid, a warning' },
  { name: 'phantom-reply', bin: fixture('phantom-reply'), shared: ONE_NODE, oursOnly: [], expect: 'valid, a warning (stray reply)' },
  { name: 'silent-init', bin: fixture('silent-init'), shared: ONE_NODE, oursOnly: ['--init-timeout', '1'], expect: 'the run fails: no init_ok' },
];

const TWO_NODES = ['--node-count', '2', '--concurrency', '2n', '--rate', '100'];

/**
 * Optional cases, run only when named with --only: nodes written the way
 * public Gossip Glomers solutions are (bench/parity/probe/), not by our
 * design, to see the verdicts agree on code we did not shape to the checker.
 * The Python ones need python3.
 */
export const optionalSuite = (): readonly ParityCase[] => [
  { name: 'probe-py-linkv', bin: probe('kafka_kv.py'), shared: TWO_NODES, oursOnly: [], expect: 'valid (5b-style Python, CAS offsets in lin-kv)' },
  { name: 'probe-py-seqkv', bin: probe('kafka_seqkv.sh'), shared: TWO_NODES, oursOnly: [], expect: 'valid (the same over seq-kv)' },
  {
    name: 'probe-js-leader',
    bin: probe('kafka_leader.mjs'),
    shared: ['--node-count', '2', '--concurrency', '2n', '--rate', '1000'],
    oursOnly: [],
    expect: 'valid (5c-style JavaScript, a leader per key, node-to-node forwarding)',
  },
];
