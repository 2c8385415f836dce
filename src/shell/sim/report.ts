/**
 * The summary printed when a simulation ends: the runner's summary (verdict,
 * anomalies, ops, latency, messages), under the simulator's name, with the
 * simulator's own lines: virtual and real time, why a run is not valid, the
 * start of the history when it is not, and the command that replays it.
 */
import { renderReport } from '../runner/report.js';
import { SHOWN_OPS, type SimResults } from './store.js';

/** `head`: the history's first SHOWN_OPS operations, as renderHistory shows them. */
export const renderSimReport = (results: SimResults, head: readonly string[], results_path: string): string => {
  const { sim } = results;
  const verdict = sim.verdict === 'failed' ? 'RUN FAILED' : results['valid?'] ? 'VALID' : 'INVALID';
  const nodes = results.run.nodes.length;
  const lines = renderReport(results, results_path)
    .split('\n')
    // The runner's wall-clock line means nothing here; ours follows.
    .filter((line) => !line.startsWith('  time: '));
  lines[0] = `kafka-sim: ${verdict}  (seed ${sim.seed}, ${nodes} node${nodes === 1 ? '' : 's'})`;
  const peak = sim['peak-rss-mb'] === undefined ? '' : `, peak memory ${sim['peak-rss-mb']} MB`;
  const speed = `${sim['virtual-time-s'].toFixed(1)} s virtual in ${sim['wall-time-s'].toFixed(2)} s real, ${sim.events} events, ${sim['ops-per-wall-s']} ops per real second${peak}`;
  // Our lines go before the runner's last three: where the results and plots are, and how to replay them.
  const at = lines.length - 3;
  const extra = [`  time: ${speed}`];
  if (sim['messages-dropped'] > 0) extra.push(`  network: ${sim['messages-dropped']} messages lost (partitions, --drop)`);
  if (sim.verdict !== 'valid' || !results['valid?']) extra.push(...sim.reasons.map((reason) => `  ${reason}`));
  lines.splice(at, 0, ...extra);
  if (sim.verdict !== 'valid' || !results['valid?']) {
    lines.push(`  history (first ${SHOWN_OPS} operations):`);
    for (const line of head) lines.push(`    ${line}`);
  }
  lines.push(`  replay: ${sim.replay}`);
  return lines.join('\n');
};
