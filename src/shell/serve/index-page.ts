/**
 * The index page: one table row per run, each opening the replay page on
 * it. Plain HTML with no script (its CSP allows none); every value from the
 * store goes through `escape`. While a run is being written the page
 * reloads itself every few seconds.
 */
import type { RunSummary } from './runs.js';

export const INDEX_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";
const RELOAD_S = 5;

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** The replay page's address for a run: its store-relative path in the query (web/src/run/fetch-run.ts reads it). */
export const replayHref = (path: string): string => `replay/?run=${encodeURIComponent(path)}`;

const time = (ms: number): string => (ms > 0 ? new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC') : '?');

const verdictCell = (run: RunSummary): string => {
  if (run.state !== 'done') return `<td class="${run.state}">${run.state}</td>`;
  const ours = run.verdict === null ? 'unreadable' : run.verdict;
  const theirs = run.maelstrom_verdict === undefined ? '' : ` <span class="muted">(Maelstrom: ${run.maelstrom_verdict})</span>`;
  return `<td class="${escape(ours)}">${escape(ours)}${theirs}</td>`;
};

const row = (run: RunSummary): string => {
  const name = escape(run.path);
  const link = run.state === 'done' && run.verdict !== null ? `<a href="${escape(replayHref(run.path))}">${name}</a>` : name;
  const source = run.source === 'maelstrom' ? ' <span class="muted">Maelstrom</span>' : '';
  return [
    `<tr data-run="${name}" data-state="${run.state}">`,
    `<td class="time">${escape(time(run.started_ms))}</td>`,
    `<td>${link}${source}</td>`,
    `<td class="n">${run.nodes ?? '–'}</td>`,
    verdictCell(run),
    `<td class="n">${run.ops ?? '–'}</td>`,
    `<td class="n">${run.msgs_per_op === null ? '–' : run.msgs_per_op.toFixed(3)}</td>`,
    `<td class="problem">${escape(run.problem ?? '')}</td>`,
    '</tr>',
  ].join('');
};

export const indexPage = (store: string, runs: readonly RunSummary[]): string => {
  const running = runs.some((run) => run.state === 'running');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${running ? `<meta http-equiv="refresh" content="${RELOAD_S}">\n` : ''}<title>maelstrom-kafka · ${escape(store)}</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #222; }
table { border-collapse: collapse; }
th, td { text-align: left; padding: .3em .8em; border-bottom: 1px solid #ddd; vertical-align: top; }
td.time { white-space: nowrap; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.valid { color: #176f2c; } .invalid, .unknown, .unreadable { color: #b3261e; font-weight: 600; }
.running { color: #8a5a00; } .unfinished { color: #777; } .muted { color: #777; font-weight: normal; }
.problem { max-width: 40em; }
</style>
</head>
<body>
<h1>maelstrom-kafka <span class="muted">runs in ${escape(store)}</span></h1>
${
  runs.length === 0
    ? `<p id="no-runs">No runs here yet. Make one with <code>kafka-workload test -w kafka --bin YOUR-NODE --store ${escape(store)}</code>.</p>`
    : `<table id="runs">
<thead><tr><th>time</th><th>run</th><th>nodes</th><th>verdict</th><th>ops</th><th>msgs/op</th><th>problem</th></tr></thead>
<tbody>
${runs.map(row).join('\n')}
</tbody>
</table>`
}
<p class="muted">${running ? `A run is being written: this page reloads every ${RELOAD_S} s. ` : ''}Verdicts are our checker's; for a Maelstrom folder, on history.edn with history.txt's values, Maelstrom's own beside it.</p>
</body>
</html>
`;
};
