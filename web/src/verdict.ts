/**
 * The verdicts a run gets on opening: the checker's, always computed here
 * from the history, and, when a verdict file came with the run (Maelstrom's
 * results.edn), how that one compares with it.
 */
import { check, compareWithMaelstrom, type CheckResult, type MaelstromComparison } from '../../src/checker/index.js';
import type { Run } from './run/run.js';

export interface Verdicts {
  readonly check: CheckResult;
  readonly maelstrom: MaelstromComparison | undefined;
}

export const verdictsOf = (run: Run): Verdicts => {
  const result = check(run.history);
  return {
    check: result,
    maelstrom: run.verdictFile === undefined ? undefined : compareWithMaelstrom(result, run.verdictFile.verdict, run.verdictFile.source),
  };
};
