/**
 * `bin/kafka-sim exhaustive [options]`: every delivery order of a tiny
 * cluster (src/sim/exhaustive/), with the number of distinct states and
 * the time it took. Exit 0 when no order breaks anything, 1 when one does
 * (printed with the events that lead to it), 2 for bad flags or a search
 * stopped by --max-states.
 */
import { performance } from 'node:perf_hooks';
import { explore, EXPLORE_DEFAULTS, type ExploreOptions } from '../../sim/exhaustive/explore.js';
import { renderHistory } from '../../sim/render.js';
import { loadNodeVariant } from './variant.js';

export const EXHAUSTIVE_USAGE = `Usage: kafka-sim exhaustive [options]

Explores every order in which the messages of a tiny cluster can be
delivered: 2 or 3 nodes, one client per node, each sending to its node's
key and to the previous node's, then polling, with each node's timer firing
a bounded number of times. Asserts the invariants at every step; settles,
reads and checks the history at every end state. Prints the number of
distinct states and the time; a violation with the events that lead to it,
and that schedule shrunk.

  --nodes N            nodes (and clients), 2 or 3                          [${EXPLORE_DEFAULTS.nodes}]
  --ops N              operations per client, 1 to 4                        [${EXPLORE_DEFAULTS.ops_per_client}]
  --ticks N            timer firings per node while exploring               [${EXPLORE_DEFAULTS.ticks_per_node}]
  --drops N            messages between nodes the network may lose          [${EXPLORE_DEFAULTS.drops}]
  --duplicates N       messages between nodes it may deliver twice          [${EXPLORE_DEFAULTS.duplicates}]
  --max-states N       give up (exit 2) after this many distinct states  [${EXPLORE_DEFAULTS.max_states}]
  --no-reduce          take every transition (no sleep sets), to compare
  --node-variant FILE  explore a variant of the node reducer (wrap(step))`;

const FLAGS: Readonly<Record<string, keyof ExploreOptions>> = {
  '--nodes': 'nodes',
  '--ops': 'ops_per_client',
  '--ticks': 'ticks_per_node',
  '--drops': 'drops',
  '--duplicates': 'duplicates',
  '--max-states': 'max_states',
};

export const runExhaustive = async (argv: readonly string[]): Promise<number> => {
  const options: Record<string, unknown> = {};
  let variant: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    if (flag === '-h' || flag === '--help') {
      process.stdout.write(EXHAUSTIVE_USAGE + '\n');
      return 0;
    }
    if (flag === '--no-reduce') {
      options['reduce'] = false;
      continue;
    }
    const text = argv[++i];
    if (text === undefined) return bad(`${flag} needs a value`);
    if (flag === '--node-variant') {
      variant = text;
      continue;
    }
    const field = FLAGS[flag];
    if (field === undefined) return bad(`unknown option ${flag}`);
    const n = Number(text);
    if (!Number.isSafeInteger(n) || n < 0) return bad(`${flag} needs a non-negative integer, got ${JSON.stringify(text)}`);
    if (field === 'ops_per_client' && (n < 1 || n > 4)) return bad(`--ops must be 1 to 4, got ${n}`);
    if (field === 'nodes' && (n < 2 || n > 3)) return bad(`--nodes must be 2 or 3, got ${n}`);
    options[field] = n;
  }
  if (variant !== null) options['nodeStep'] = await loadNodeVariant(variant);
  const o = { ...EXPLORE_DEFAULTS, ...(options as Partial<ExploreOptions>) };
  const scope = `${o.nodes} nodes, ${o.nodes} clients, ${o.ops_per_client} op(s) each, ${o.ticks_per_node} tick(s) per node, ${o.drops} drop(s), ${o.duplicates} duplicate(s)`;
  process.stderr.write(`kafka-sim exhaustive: ${scope}${o.reduce ? '' : ', unreduced'}\n`);
  const started = performance.now();
  const result = explore(o);
  const seconds = (performance.now() - started) / 1000;
  const counts = `${result.states} distinct states, ${result.transitions} transitions, ${result.leaves} end states checked, ${seconds.toFixed(1)} s`;
  if (result.violation !== null) {
    const v = result.violation;
    process.stdout.write(`kafka-sim exhaustive: VIOLATION after ${counts}\n  ${v.text}\n  path (${v.path.length} events):\n`);
    for (const event of v.path) process.stdout.write(`    ${event}\n`);
    process.stdout.write('  history:\n');
    for (const line of renderHistory(v.history)) process.stdout.write(`    ${line}\n`);
    process.stdout.write(`  shrunk to ${v.shrunk.path.length} event(s), then the fixed settling schedule and the final reads:\n    ${v.shrunk.text}\n`);
    for (const event of v.shrunk.path) process.stdout.write(`    ${event}\n`);
    return 1;
  }
  if (!result.complete) {
    process.stdout.write(`kafka-sim exhaustive: INCOMPLETE, stopped at --max-states ${o.max_states}: ${counts}, no violation so far\n`);
    return 2;
  }
  process.stdout.write(`kafka-sim exhaustive: no violation in every order: ${counts}\n`);
  return 0;
};

const bad = (message: string): number => {
  process.stderr.write(`kafka-sim exhaustive: ${message}\n(run kafka-sim exhaustive --help for the options)\n`);
  return 2;
};
