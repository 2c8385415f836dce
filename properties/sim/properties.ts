/**
 * The simulator's properties as values, so a test can assert them, check
 * that they fail (the broken reducers), or replay one failure by its fast-check
 * seed and path.
 */
import fc from 'fast-check';
import type { NodeStep } from '../../src/sim/config.js';
import { step } from '../../src/core/node/step.js';
import { simCaseArb, type CaseBounds, type SimCase } from './case.js';

const fail = (what: string, simCase: SimCase): never => {
  throw new Error(`${what}:\n  ${simCase.outcome.reasons.join('\n  ')}`);
};

/** No invariant breaks and the checker finds no anomaly (unseen aside). */
export const safety = (bounds: Partial<CaseBounds>, nodeStep: NodeStep = step, variant: string | null = null): fc.IPropertyWithHooks<[SimCase]> =>
  fc.property(simCaseArb(bounds, nodeStep, variant), (simCase) => {
    if (!simCase.outcome.safe) fail('unsafe', simCase);
  });

/** After the heal, the final reads see every acknowledged send, in time. */
export const liveness = (bounds: Partial<CaseBounds>, nodeStep: NodeStep = step, variant: string | null = null): fc.IPropertyWithHooks<[SimCase]> =>
  fc.property(simCaseArb(bounds, nodeStep, variant), (simCase) => {
    if (!simCase.outcome.live) fail('not live', simCase);
  });

/** Both: the run is valid. */
export const validity = (bounds: Partial<CaseBounds>, nodeStep: NodeStep = step, variant: string | null = null): fc.IPropertyWithHooks<[SimCase]> =>
  fc.property(simCaseArb(bounds, nodeStep, variant), (simCase) => {
    if (simCase.outcome.verdict !== 'valid') fail(simCase.outcome.verdict, simCase);
  });
