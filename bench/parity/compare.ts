/**
 * Where our runner's figures differ from Maelstrom's on one case, and the
 * table that shows both. Op mix and message counts are noisy run to run, so
 * they count as different only beyond a tolerance:
 *
 *   op mix        any f's share differs by more than MIX_POINTS percentage points
 *   msgs/op       all or servers differ by more than MSGS_RELATIVE (relative), or one is missing
 *                 (Maelstrom's own runs of one node vary by about 2%)
 *   ok-fraction   differs by more than OK_FRACTION_ABS
 *
 * Verdicts and anomaly types must be equal; so must our checker's, run on
 * Maelstrom's own store, and Maelstrom's `:workload` verdict.
 */
import type { CheckerView } from './check-store.js';
import type { Figures } from './figures.js';

export const MIX_POINTS = 3;
export const MSGS_RELATIVE = 0.05;
export const OK_FRACTION_ABS = 0.02;

const F = ['send', 'poll', 'assign'] as const;

export const mixOf = (figures: Figures): Record<(typeof F)[number], number> | null => {
  const total = F.reduce((sum, f) => sum + figures.ops[f], 0);
  if (total === 0) return null;
  return { send: (100 * figures.ops.send) / total, poll: (100 * figures.ops.poll) / total, assign: (100 * figures.ops.assign) / total };
};

const fixed = (x: number | null, digits: number): string => (x === null ? '-' : x.toFixed(digits));

const relativeGap = (a: number | null, b: number | null): number | null =>
  a === null && b === null ? null : a === null || b === null ? Infinity : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-9);

export const differences = (maelstrom: Figures, ours: Figures): string[] => {
  const out: string[] = [];
  if (maelstrom.valid !== ours.valid) out.push(`verdict (${maelstrom.valid} vs ${ours.valid})`);
  const a = maelstrom.anomalies.join(',');
  const b = ours.anomalies.join(',');
  if (a !== b) out.push(`anomalies (${a || 'none'} vs ${b || 'none'})`);
  const ma = mixOf(maelstrom);
  const mb = mixOf(ours);
  if (ma !== null && mb !== null) {
    const off = F.filter((f) => Math.abs(ma[f] - mb[f]) > MIX_POINTS);
    if (off.length > 0) out.push(`op mix (${off.map((f) => `${f} ${ma[f].toFixed(1)}% vs ${mb[f].toFixed(1)}%`).join(', ')})`);
  } else if (ma !== mb) out.push('op mix (one side has no ops)');
  const all = relativeGap(maelstrom.msgsPerOp, ours.msgsPerOp);
  if (all !== null && all > MSGS_RELATIVE) out.push(`msgs/op (${fixed(maelstrom.msgsPerOp, 2)} vs ${fixed(ours.msgsPerOp, 2)})`);
  const servers = relativeGap(maelstrom.serverMsgsPerOp, ours.serverMsgsPerOp);
  if (servers !== null && servers > MSGS_RELATIVE) out.push(`server msgs/op (${fixed(maelstrom.serverMsgsPerOp, 2)} vs ${fixed(ours.serverMsgsPerOp, 2)})`);
  if (maelstrom.okFraction !== null && ours.okFraction !== null && Math.abs(maelstrom.okFraction - ours.okFraction) > OK_FRACTION_ABS) {
    out.push(`ok-fraction (${fixed(maelstrom.okFraction, 3)} vs ${fixed(ours.okFraction, 3)})`);
  }
  return out;
};

/** Where our checker, on Maelstrom's own history, disagrees with Maelstrom's `:workload`. */
export const checkerDifferences = (maelstrom: Figures, checker: CheckerView | null): string[] => {
  if (checker === null) return [];
  const out: string[] = [];
  if (maelstrom.workloadValid !== checker.valid) out.push(`checker on its history: verdict (${maelstrom.workloadValid} vs ${checker.valid})`);
  const a = maelstrom.anomalies.join(',');
  const b = checker.anomalies.join(',');
  if (a !== b) out.push(`checker on its history: anomalies (${a || 'none'} vs ${b || 'none'})`);
  return out;
};

export interface Row {
  readonly name: string;
  readonly expect: string;
  readonly maelstrom: Figures;
  readonly ours: Figures;
  /** Our checker on Maelstrom's store; null when Maelstrom left no history. */
  readonly checker: CheckerView | null;
  /** Wall seconds of each side, and the load average when the case started. */
  readonly wall: { readonly maelstrom: number; readonly ours: number };
  readonly load: number;
  readonly notes: readonly string[];
}

const HEADER = ['case', 'side', 'valid?', 'anomalies', 'send%', 'poll%', 'assign%', 'ops', 'msgs/op', 'srv msgs/op', 'ok-frac', 'wall s'];

const cells = (name: string, side: string, f: Figures, wall: number): string[] => {
  const mix = mixOf(f);
  return [
    name,
    side,
    f.valid,
    f.anomalies.join(',') || '-',
    fixed(mix?.send ?? null, 1),
    fixed(mix?.poll ?? null, 1),
    fixed(mix?.assign ?? null, 1),
    String(f.ops.send + f.ops.poll + f.ops.assign),
    fixed(f.msgsPerOp, 2),
    fixed(f.serverMsgsPerOp, 2),
    fixed(f.okFraction, 4),
    wall.toFixed(0),
  ];
};

const checkerCells = (checker: CheckerView): string[] => ['', 'checker', checker.valid, checker.anomalies.join(',') || '-', ...HEADER.slice(4).map(() => '')];

const rowCells = (row: Row): string[][] => [
  cells(row.name, 'maelstrom', row.maelstrom, row.wall.maelstrom),
  cells('', 'ours', row.ours, row.wall.ours),
  ...(row.checker === null ? [] : [checkerCells(row.checker)]),
];

export const rowDifferences = (row: Row): string[] => [...differences(row.maelstrom, row.ours), ...checkerDifferences(row.maelstrom, row.checker)];

const verdictLine = (row: Row): string => {
  const diffs = rowDifferences(row);
  return diffs.length === 0 ? 'same' : diffs.join('; ');
};

/** A plain-text table, columns padded, one block per case with its differences under it. */
export const textTable = (rows: readonly Row[]): string => {
  const body = rows.flatMap(rowCells);
  const widths = HEADER.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]): string => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  const out = [line(HEADER)];
  for (const row of rows) {
    for (const r of rowCells(row)) out.push(line(r));
    out.push(`${' '.repeat((widths[0] ?? 0) + 2)}expected: ${row.expect}; differs: ${verdictLine(row)}`);
    for (const note of row.notes) out.push(`${' '.repeat((widths[0] ?? 0) + 2)}${note}`);
  }
  return out.join('\n');
};

/** The same as a Markdown table, for a report. */
export const markdownTable = (rows: readonly Row[]): string => {
  const head = [...HEADER, 'load', 'differs'];
  const out = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const row of rows) {
    const [m, o, c] = rowCells(row) as [string[], string[], string[] | undefined];
    out.push(`| ${[...m, row.load.toFixed(1), verdictLine(row)].join(' | ')} |`);
    out.push(`| ${[...o, '', row.notes.join('; ').replaceAll('|', '/')].join(' | ')} |`);
    if (c !== undefined) out.push(`| ${[...c, '', ''].join(' | ')} |`);
  }
  return out.join('\n');
};
