/**
 * Our verdict beside Maelstrom's (from its results.edn): where they differ,
 * in words a user can act on. Ours is computed, never copied; this only
 * compares.
 *
 * Compared: the kafka checker's verdict (`:workload :valid?`, which is what
 * ours is), the anomaly types each found, and, for a type both found, how
 * many. Maelstrom's overall `:valid?` also folds in other checkers (stats,
 * availability, ...); when those make it differ, it is said, not counted as
 * a difference of ours.
 */
import type { MaelstromVerdict, Validity } from './parse/results-edn.js';
import type { CheckResult } from './types.js';

export interface MaelstromComparison {
  /** Where the results.edn came from, as shown to the user, e.g. "Maelstrom (results.edn)". */
  readonly source: string;
  readonly maelstrom: MaelstromVerdict;
  /** Each difference between our verdict and Maelstrom's, one sentence each; empty when they agree. */
  readonly differences: readonly string[];
}

export function compareWithMaelstrom(ours: CheckResult, theirs: MaelstromVerdict, source: string): MaelstromComparison {
  const differences: string[] = [];
  const w = theirs.workload;
  const theirValid = w?.['valid?'] ?? theirs['valid?'];
  if (theirValid === 'unknown') {
    differences.push(`verdict: ours is ${verdictWord(ours['valid?'])}; Maelstrom reached none (:valid? :unknown, its checker crashed${w?.error === undefined ? '' : `: ${w.error}`})`);
  } else if (theirValid === null) {
    differences.push(`verdict: ours is ${verdictWord(ours['valid?'])}; results.edn gives none we could read`);
  } else if (theirValid !== ours['valid?']) {
    differences.push(`verdict: ours is ${verdictWord(ours['valid?'])}, Maelstrom's is ${verdictWord(theirValid)}`);
  }
  if (w !== null && w['valid?'] !== 'unknown') {
    const ourTypes = new Set<string>(ours['error-types']);
    const theirTypes = new Set(w['error-types']);
    for (const t of ours['error-types']) {
      if (!theirTypes.has(t)) differences.push(`${t}: we found ${ours.counts[t] ?? 0}, Maelstrom none`);
    }
    for (const t of w['error-types']) {
      if (!ourTypes.has(t)) differences.push(`${t}: Maelstrom found ${w.counts[t] ?? 'some'}, we none`);
      else {
        const mine = ours.counts[t as keyof CheckResult['counts']];
        const its = w.counts[t];
        if (its !== undefined && mine !== undefined && its !== mine) differences.push(`${t}: we found ${mine}, Maelstrom ${its}`);
      }
    }
  }
  return { source, maelstrom: theirs, differences };
}

/** The lines the readable summary shows for a comparison. */
export function renderComparison(c: MaelstromComparison): string[] {
  const m = c.maelstrom;
  const w = m.workload;
  const valid = w?.['valid?'] ?? m['valid?'];
  const types = w === null || w['valid?'] === 'unknown' ? '' : w['error-types'].length === 0 ? ', no anomaly types' : `, anomaly types: ${w['error-types'].map((t) => countedType(t, w.counts[t])).join(', ')}`;
  const overall =
    m['valid?'] === valid || m['valid?'] === null
      ? ''
      : `; overall :valid? ${String(m['valid?'])}${m['failed-checkers'].length > 0 ? ` (because of ${m['failed-checkers'].map((n) => ':' + n).join(', ')})` : ''}`;
  const lines = [`${c.source}: ${verdictWord(valid)}${types}${overall}.`];
  if (c.differences.length === 0) {
    lines.push('  Same verdict and anomaly types as ours.');
  } else {
    lines.push(`  DIFFERS from ours in ${c.differences.length} way${c.differences.length === 1 ? '' : 's'}:`);
    for (const d of c.differences) lines.push(`  - ${d}`);
  }
  return lines;
}

function countedType(t: string, n: number | undefined): string {
  return n === undefined ? t : `${t} (${n})`;
}

function verdictWord(v: Validity | null): string {
  return v === true ? 'VALID' : v === false ? 'INVALID' : v === 'unknown' ? 'UNKNOWN (:valid? :unknown)' : 'no verdict';
}
