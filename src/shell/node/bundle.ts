/**
 * `npm run build` ends here: the node in one file, dist/node/maelstrom-kafka.js,
 * bundled by esbuild from the compiled dist/src/shell/node/main.js and its ~40
 * modules (io-ts and fp-ts included). Node 20 loads one file in a third of
 * the CPU time it spends resolving, format-detecting and lexing those modules,
 * and the simulator, the runner and the tests start many nodes (issue 13).
 *
 * It is only a faster way to load the same compiled code: bin/maelstrom-kafka
 * runs it only when it was built after the last compile, and the unbundled
 * main.js otherwise, so a stale bundle never runs.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

export const bundleNode = async (entry: string, outfile: string): Promise<void> => {
  await build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning' });
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await bundleNode(fileURLToPath(new URL('main.js', import.meta.url)), fileURLToPath(new URL('../../../node/maelstrom-kafka.js', import.meta.url)));
}
