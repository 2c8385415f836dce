/**
 * `npm run build` ends here: the node in one file, dist/node/maelstrom-kafka.cjs,
 * bundled by esbuild from the compiled dist/src/shell/node/main.js and its ~40
 * modules (io-ts and fp-ts included). Node 20 loads one file in a third of
 * the CPU time it spends resolving, format-detecting and lexing those modules,
 * and the simulator, the runner and the tests start many nodes (issue 13).
 *
 * fp-ts and io-ts come in as their ES module builds (`es6/`, the same code as
 * `lib/`): esbuild then keeps only what the node uses (half the file), and
 * skips the CommonJS interop that copied every export of every module at
 * startup, about 20 ms of CPU per process (issue 21's profile).
 *
 * A CommonJS file, which bin/maelstrom-kafka (CommonJS too) loads with
 * require: Node then never starts its ES module loader, some 20 ms of a
 * node's start (issue 21).
 *
 * It is only a faster way to load the same compiled code: bin/maelstrom-kafka
 * runs it only when it was built after the last compile, and the unbundled
 * main.js otherwise, so a stale bundle never runs.
 */
import { build, type Plugin } from 'esbuild';
import { fileURLToPath } from 'node:url';

/** `fp-ts/lib/X.js` (what the sources import, for tsc and the unbundled run) as `fp-ts/es6/X.js`. */
const fpTsEsModules: Plugin = {
  name: 'fp-ts-es6',
  setup(b) {
    b.onResolve({ filter: /^fp-ts\/lib\// }, (args) =>
      b.resolve(args.path.replace('/lib/', '/es6/'), { kind: args.kind, resolveDir: args.resolveDir }),
    );
  },
};

export const bundleNode = async (entry: string, outfile: string): Promise<void> => {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // ES module builds first (io-ts's `module` field), so that unused code is left out.
    mainFields: ['module', 'main'],
    plugins: [fpTsEsModules],
    logLevel: 'warning',
  });
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await bundleNode(fileURLToPath(new URL('main.js', import.meta.url)), fileURLToPath(new URL('../../../node/maelstrom-kafka.cjs', import.meta.url)));
}
