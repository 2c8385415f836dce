/**
 * Judging the committed offsets a node reports, which Maelstrom 0.2.3 asks
 * for on every assign and then never reads (client.ts). A committed offset
 * says "every offset up to here was processed", so a sound one is an integer
 * between 0 and the highest offset known to exist for its key (acknowledged
 * by a send or returned by a poll, by the time the reply arrives). Anything
 * else is what a real consumer resuming from it would trip over: a warning by
 * default (the verdict stays Maelstrom's), an anomaly with --strict.
 */
import type { Body } from '../../core/machine.js';

export interface CommitIssue {
  readonly key: string;
  /** What the node said, as it said it. */
  readonly committed: unknown;
  /** The highest offset known to exist for the key when the reply came; null if none. */
  readonly highest_known: number | null;
  readonly why: 'not-an-integer' | 'negative' | 'above-anything-sent';
}

const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> => typeof u === 'object' && u !== null && !Array.isArray(u);

/** The unsound committed offsets of a `list_committed_offsets_ok` body (none for any other body). */
export const commitIssuesOf = (body: Body, highestKnown: (key: string) => number | undefined): CommitIssue[] => {
  if (body.type !== 'list_committed_offsets_ok' || !isRecord(body.offsets)) return [];
  const issues: CommitIssue[] = [];
  for (const [key, committed] of Object.entries(body.offsets)) {
    const highest = highestKnown(key) ?? null;
    const issue = (why: CommitIssue['why']): void => void issues.push({ key, committed, highest_known: highest, why });
    if (typeof committed !== 'number' || !Number.isInteger(committed)) issue('not-an-integer');
    else if (committed < 0) issue('negative');
    else if (committed > (highest ?? -1)) issue('above-anything-sent');
  }
  return issues;
};

/** One issue in words, naming the key and the node's reply. */
export const describeCommitIssue = (node: string, issue: CommitIssue, reply: Body): string => {
  const value = JSON.stringify(issue.committed) ?? String(issue.committed);
  const bound = issue.highest_known === null ? 'nothing was ever sent to it' : `the highest offset sent to it is ${issue.highest_known}`;
  const what =
    issue.why === 'not-an-integer'
      ? 'which is not an integer'
      : issue.why === 'negative'
        ? 'which is negative'
        : `but ${bound}`;
  const shown = JSON.stringify(reply.offsets);
  return `${node} answered list_committed_offsets with offsets ${shown.length > 120 ? `${shown.slice(0, 117)}...` : shown}: key ${issue.key} committed at ${value}, ${what}`;
};
