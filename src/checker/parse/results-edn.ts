/**
 * Maelstrom's own verdict, from the `results.edn` it writes beside the
 * history: the overall `:valid?`, and from the kafka checker's `:workload`
 * map its `:valid?` (`:unknown` when that checker crashed, with `:error`),
 * `:error-types`, `:bad-error-types` and how many anomalies of each type.
 *
 * Only read to be shown next to our verdict: ours is always computed.
 *
 * Jepsen condenses each anomaly type to `{:count n, :errs [...]}`, except
 * `:unseen`, which is `{:unseen {key n ...}, :messages {...}}`; the count
 * of unseen messages is the sum of the per-key counts, as ours is.
 * Newer Jepsen checkers name their types `:anomaly-types`; read when present.
 */
import * as E from 'fp-ts/lib/Either.js';
import { parseEdnValue } from './edn.js';

/** `:valid?` as Jepsen gives it: true, false, or :unknown (the checker could not tell). */
export type Validity = boolean | 'unknown';

export interface MaelstromWorkloadVerdict {
  readonly 'valid?': Validity | null;
  readonly 'error-types': readonly string[];
  readonly 'bad-error-types': readonly string[];
  /** Anomalies of each type, for the types Jepsen gave a count of. */
  readonly counts: Readonly<Record<string, number>>;
  /** The first line of the checker's exception, when `valid?` is :unknown. */
  readonly error?: string;
}

export interface MaelstromVerdict {
  /** The overall verdict (every checker of the test). */
  readonly 'valid?': Validity | null;
  /** The kafka checker's verdict; null if results.edn has no :workload map. */
  readonly workload: MaelstromWorkloadVerdict | null;
  /** The other checkers (stats, availability, ...) whose :valid? is not true. */
  readonly 'failed-checkers': readonly string[];
}

/**
 * A results.edn as plain data. edn-data reads a whole map as null when it
 * meets ##NaN or ##Inf, which Clojure prints for such doubles (infinite lags);
 * those become nil first, as no verdict field or figure holds one.
 */
export function parseResultsTree(text: string): E.Either<string, unknown> {
  return parseEdnValue(text.replace(/##(?:-?Inf|NaN)\b/g, 'nil'));
}

export function parseMaelstromResults(text: string): E.Either<string, MaelstromVerdict> {
  const value = parseResultsTree(text);
  if (E.isLeft(value)) return value;
  const parsed = value.right;
  if (!isMap(parsed)) return E.left('not a map of results (expected {:valid? ..., :workload {...}, ...})');
  const failed = Object.entries(parsed)
    .filter(([name, sub]) => name !== 'workload' && isMap(sub) && 'valid?' in sub && sub['valid?'] !== true)
    .map(([name]) => name)
    .sort();
  const workload = parsed['workload'];
  return E.right({
    'valid?': validity(parsed['valid?']),
    workload: isMap(workload) ? workloadVerdict(workload) : null,
    'failed-checkers': failed,
  });
}

function workloadVerdict(w: Record<string, unknown>): MaelstromWorkloadVerdict {
  const errorTypes = keywords(w['error-types'] ?? w['anomaly-types']);
  const counts: Record<string, number> = {};
  for (const t of errorTypes) {
    const n = countOf(t, w[t]);
    if (n !== null) counts[t] = n;
  }
  const error = w['error'];
  return {
    'valid?': validity(w['valid?']),
    'error-types': errorTypes,
    'bad-error-types': keywords(w['bad-error-types']),
    counts,
    ...(typeof error === 'string' ? { error: error.split('\n')[0] as string } : {}),
  };
}

function countOf(type: string, condensed: unknown): number | null {
  if (!isMap(condensed)) return null;
  if (type === 'unseen') {
    const perKey = condensed['unseen'];
    if (!isMap(perKey)) return null;
    return Object.values(perKey).reduce<number>((sum, n) => sum + (typeof n === 'number' ? n : 0), 0);
  }
  return typeof condensed['count'] === 'number' ? condensed['count'] : null;
}

function validity(x: unknown): Validity | null {
  return x === true || x === false || x === 'unknown' ? x : null;
}

function keywords(x: unknown): string[] {
  return Array.isArray(x) ? x.filter((t): t is string => typeof t === 'string') : [];
}

function isMap(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}
