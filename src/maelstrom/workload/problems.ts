/**
 * What a node did wrong at the level of the protocol, as opposed to the log
 * anomalies the checker finds: it never answered init, died, stopped
 * answering, printed something that is not a message or a line too long to
 * read, or replied to a
 * client that is gone or never existed, for a request that client never
 * sent. Any problem means the run itself failed (exit 2). Warnings (late replies to requests that already timed out, messages to
 * nobody) are survived and reported.
 *
 * Each kind is kept once per node, with the first occurrence's text and a count.
 */

export type ProblemKind =
  | 'init-timeout'
  | 'init-error'
  | 'exited'
  | 'hung'
  | 'non-json'
  | 'line-too-long'
  | 'unknown-reply';

/**
 * Survived, and reported. A malformed reply ends its operation `info` and
 * nothing more, as in Maelstrom (its worker catches the schema error); a
 * stray reply (to a live client, for a msg_id it never sent or with no
 * in_reply_to) is dropped, as Maelstrom's client drops what it is not
 * waiting for; a committed offset no consumer could resume from is
 * Maelstrom's blind spot (commits.ts).
 */
export type WarningKind = 'late-reply' | 'unknown-destination' | 'wrong-source' | 'malformed-reply' | 'stray-reply' | 'committed-offset';

export interface Report<K extends string> {
  readonly kind: K;
  readonly node: string;
  /** The first occurrence, in words. */
  readonly text: string;
  readonly count: number;
  readonly first_ms: number;
}

export type Reports<K extends string> = Readonly<Record<string, Report<K>>>;

/** Adds one occurrence; returns the reports and whether it was the first of its kind for that node. */
export const note = <K extends string>(
  reports: Reports<K>,
  kind: K,
  node: string,
  text: string,
  now_ms: number,
): readonly [Reports<K>, boolean] => {
  const key = `${kind} ${node}`;
  const existing = reports[key];
  if (existing !== undefined) return [{ ...reports, [key]: { ...existing, count: existing.count + 1 } }, false];
  return [{ ...reports, [key]: { kind, node, text, count: 1, first_ms: now_ms } }, true];
};

export const listReports = <K extends string>(reports: Reports<K>): Report<K>[] =>
  Object.values(reports).sort((a, b) => a.first_ms - b.first_ms);

/** The reports a step's working copy (a harness or workload draft) collects, updated in place. */
export interface Reporting {
  problems: Reports<ProblemKind>;
  warnings: Reports<WarningKind>;
}

/** Records a problem in a draft, and logs it the first time it happens on that node. */
export const reportProblem = (s: Reporting, log: (text: string) => void, kind: ProblemKind, node: string, text: string, now_ms: number): void => {
  const [problems, first] = note(s.problems, kind, node, text, now_ms);
  s.problems = problems;
  if (first) log(`problem: ${text}`);
};

/** Records a warning in a draft, and logs it the first time it happens on that node. */
export const reportWarning = (s: Reporting, log: (text: string) => void, kind: WarningKind, node: string, text: string, now_ms: number): void => {
  const [warnings, first] = note(s.warnings, kind, node, text, now_ms);
  s.warnings = warnings;
  if (first) log(`warning: ${text}`);
};
