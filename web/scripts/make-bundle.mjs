#!/usr/bin/env node
// make-bundle.mjs STORE_RUN_DIR [OUT.json]: packs a store/<run>/ folder's
// history.jsonl, trace.jsonl and results.json into one run bundle, the
// single file the demo opens (format in docs/demo.md). Without OUT, prints it.
import { existsSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

const [dir, out] = process.argv.slice(2);
if (dir === undefined) {
  process.stderr.write('usage: make-bundle.mjs STORE_RUN_DIR [OUT.json]\n');
  process.exit(2);
}
const jsonLines = (path) =>
  existsSync(path)
    ? readFileSync(path, 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line))
    : null;
const results = existsSync(join(dir, 'results.json')) ? JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) : undefined;
const bundle = {
  format: 'maelstrom-kafka-run',
  version: 1,
  name: basename(realpathSync(dir)),
  history: jsonLines(join(dir, 'history.jsonl')),
  trace: jsonLines(join(dir, 'trace.jsonl')),
  ...(results === undefined ? {} : { results }),
};
const text = JSON.stringify(bundle) + '\n';
if (out === undefined) process.stdout.write(text);
else writeFileSync(out, text);
