/**
 * The summary printed when a run ends: the verdict, anomaly counts, how much
 * was done and how fast, what went wrong with the nodes, and where to look.
 */
import { dirname } from 'node:path';
import { describeCommitIssue } from '../../maelstrom/workload/commits.js';
import { PLOTS } from './plots.js';
import { isCheckerFailure, type Results } from './results.js';

const ms = (x: number): string => (x < 10 ? x.toFixed(2) : x.toFixed(0));

export const renderReport = (results: Results, results_path: string): string => {
  const lines: string[] = [];
  const { workload, run } = results;
  const verdict = !run['valid?'] ? 'RUN FAILED' : results['valid?'] ? 'VALID' : 'INVALID';
  lines.push(`kafka-workload: ${verdict}  (seed ${run.seed}, ${run.nodes.length} node${run.nodes.length === 1 ? '' : 's'})`);
  if (isCheckerFailure(workload)) {
    lines.push(`  anomalies: unknown, the checker failed: ${workload.error.split('\n')[0] ?? ''}`);
  } else if (Object.keys(workload.counts).length > 0) {
    const counts = Object.entries(workload.counts);
    const bad = new Set<string>(workload['bad-error-types']);
    lines.push(`  anomalies: ${counts.map(([type, n]) => `${type} ${n}${bad.has(type) ? '' : ' (allowed)'}`).join(', ')}`);
  } else {
    lines.push('  anomalies: none');
  }
  const commits = results.commits;
  if (commits !== undefined && !commits['valid?']) {
    const first = commits['bad-committed-offset'][0];
    lines.push(`  strict: bad-committed-offset ${commits.count}${first === undefined ? '' : `, first: ${describeCommitIssue(first.node, first, first.reply)}`}`);
  }
  const byF = Object.entries(results.stats['by-f']).filter(([f]) => f !== 'crash');
  const total = byF.reduce((n, [, s]) => n + s.count, 0);
  const perF = byF.length === 0 ? '' : ` (${byF.map(([f, s]) => `${f} ${s.count}`).join(', ')})`;
  lines.push(`  ops: ${total}${perF}, ok-fraction ${results.availability['ok-fraction'].toFixed(3)}`);
  const invalidFs = byF.filter(([, s]) => !s['valid?']).map(([f]) => f);
  if (invalidFs.length > 0) lines.push(`  stats: no ok ${invalidFs.join(', ')} at all`);
  const latency = Object.entries(results.latency).filter(([, l]) => l.count > 0);
  if (latency.length > 0) lines.push(`  latency ms: ${latency.map(([f, l]) => `${f} p50 ${ms(l.p50)} p99 ${ms(l.p99)}`).join('; ')}`);
  lines.push(`  msgs/op: ${results.net.all['msgs-per-op']} (servers ${results.net.servers['msgs-per-op']})`);
  lines.push(`  time: ${run['wall-time-s'].toFixed(1)} s, ${run['beyond-time-limit-s'].toFixed(1)} s beyond the time limit`);
  if (run.interrupted !== null) lines.push(`  interrupted: ${run.interrupted}`);
  for (const problem of run.problems) lines.push(`  problem: ${problem.text}${problem.count > 1 ? ` (${problem.count} times)` : ''}`);
  for (const warning of run.warnings) lines.push(`  warning: ${warning.text}${warning.count > 1 ? ` (${warning.count} times)` : ''}`);
  lines.push(`  results: ${results_path}`);
  lines.push(`  plots: ${PLOTS.join(', ')} in ${dirname(results_path)}/`);
  lines.push(`  replay it step by step: kafka-workload serve --store ${dirname(dirname(results_path))}, then open it there`);
  return lines.join('\n');
};
