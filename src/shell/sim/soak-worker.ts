/**
 * A soak worker thread: takes batches of seeds from the main thread
 * (soak.ts), runs each (soak-seed.ts), and posts back the results, one
 * message per batch. It holds no state between batches but the reducer.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runSoakSeed } from './soak-seed.js';
import { loadNodeVariant } from './variant.js';

export interface WorkerInput {
  readonly variant: string | null;
}

const { variant } = workerData as WorkerInput;
const nodeStep = variant === null ? undefined : await loadNodeVariant(variant);

parentPort!.on('message', (seeds: readonly number[]) => {
  parentPort!.postMessage(seeds.map((seed) => runSoakSeed(seed, nodeStep, variant)));
});
