/**
 * Loads a variant of the node reducer: an ES module exporting
 * `wrap(step) -> step`, like the broken reducers in test/fixtures/reducers/.
 * The variant receives the real `step` and returns the one to simulate.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { step } from '../../core/node/step.js';
import type { NodeStep } from '../../sim/config.js';

export const loadNodeVariant = async (file: string): Promise<NodeStep> => {
  let module: { wrap?: unknown };
  try {
    module = (await import(pathToFileURL(resolve(file)).href)) as { wrap?: unknown };
  } catch (error) {
    throw new Error(`--node-variant ${file}: could not load it: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof module.wrap !== 'function') throw new Error(`--node-variant ${file}: it must export a function wrap(step) returning a step`);
  const wrapped: unknown = module.wrap(step);
  if (typeof wrapped !== 'function') throw new Error(`--node-variant ${file}: wrap(step) returned ${typeof wrapped}, not a step function`);
  return wrapped as NodeStep;
};
