/**
 * `npm run bench [name ...]`: every benchmark of the project, or the named
 * ones. Each prints ratios measured side by side in the same run.
 */
const benches: Readonly<Record<string, () => Promise<{ run: () => Promise<void> }>>> = {
  node: () => import('./node.js'),
  lines: () => import('./lines.js'),
  checker: () => import('./checker.js'),
  runner: () => import('./runner.js'),
  sim: () => import('./sim.js'),
  replication: () => import('./replication.js'),
};

// Flags (--jepsen) are the benchmarks' own; the other arguments name benchmarks.
const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const unknown = wanted.filter((name) => !(name in benches));
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(benches).join(', ')}`);
  process.exit(2);
}
for (const name of wanted.length > 0 ? wanted : Object.keys(benches)) {
  const bench = await benches[name]!();
  await bench.run();
  console.log('');
}
