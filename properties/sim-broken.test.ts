/**
 * The properties can fail. Each broken reducer of test/fixtures/reducers (the
 * real `step` wrapped to drop an acknowledged message, append one twice,
 * reuse an offset, or skip an entry in a poll) must be found within a
 * bounded number of runs and shrunk to a short history; and the checker
 * alone, with the invariants off, must find the shrunk case invalid too.
 *
 * fast-check's seed is fixed here so the test is the same every time; the
 * bound is generous, the typical find is within the first few runs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { step } from '../src/core/node/step.js';
import { brokenReducers } from '../test/fixtures/reducers/index.mjs';
import { validity } from './sim/properties.js';

const MAX_RUNS = 100;
/** What "short" means for a shrunk history: a few operations and the final reads. */
const SHORT_HISTORY_OPS = 60;
const SEED = 5;

/** Shown when SIM_VERBOSE is set: what each variant shrank to. */
const verbose = process.env['SIM_VERBOSE'] !== undefined;

describe('each broken reducer is found and shrunk', () => {
  it('has the four variants the simulator issue names, and adds-run-length', () => {
    expect(brokenReducers.map((r) => r.name).sort()).toEqual(['adds-run-length', 'appends-twice', 'drops-acked-send', 'poll-skips', 'reuses-offset']);
  });

  for (const reducer of brokenReducers) {
    it(reducer.name, () => {
      const details = fc.check(validity({ node_counts: [1, 2, 3] }, reducer.wrap(step), reducer.name), { numRuns: MAX_RUNS, seed: SEED });
      expect(details.failed, `${reducer.name} was not found in ${MAX_RUNS} runs`).toBe(true);
      const [shrunk] = details.counterexample!;
      const outcome = shrunk.outcome;
      expect(outcome.ops, `shrunk to:\n${shrunk.toString()}`).toBeLessThanOrEqual(SHORT_HISTORY_OPS);
      // The invariants catch it at the step; the checker must catch it in the history as well.
      const checked = shrunk.withoutInvariants().outcome;
      expect(checked.verdict, `the checker alone passed:\n${shrunk.withoutInvariants().toString()}`).toBe('invalid');
      // What a failure prints: the seed and path to replay, and the case as a history.
      const report = fc.defaultReportMessage(details) ?? '';
      expect(report).toMatch(/seed: 5, path: "[\d:]+"/);
      expect(report).toContain('bin/kafka-sim --seed');
      if (verbose) console.log(`${reducer.name}: found after ${details.numRuns} run(s), shrunk ${details.numShrinks} time(s) to ${outcome.ops} ops\n${report}\n${checked.reasons.join('\n')}`);
    });
  }
});
