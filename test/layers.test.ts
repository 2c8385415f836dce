/**
 * The source folders are layers that only look down:
 *
 *   core (the log) <- maelstrom (Maelstrom's model) <- checker <- sim <- shell
 *
 * A file may import from its own layer or from any layer below it, never from
 * one above: the log knows nothing of the harness that tests it, as etcd's
 * raft knows nothing of rafttest. The page (web/) sits on top, beside shell.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { typeScriptFiles } from './support/source-files.js';

const root = join(import.meta.dirname, '..');
const LAYERS = ['core', 'maelstrom', 'checker', 'sim', 'shell'] as const;

/** The layer a path lies in, or undefined outside src/. */
const layerOf = (path: string): number | undefined => {
  const match = /^src\/([^/]+)\//.exec(relative(root, path).split('\\').join('/'));
  if (match === null) return undefined;
  const index = LAYERS.indexOf(match[1] as (typeof LAYERS)[number]);
  if (index < 0) throw new Error(`src/${match[1]} is not a known layer: add it to LAYERS in its place`);
  return index;
};

/** Relative module specifiers of a file's static and dynamic imports and re-exports. */
const importsOf = (source: string): string[] =>
  [...source.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)'(\.{1,2}\/[^']*)'/g)].map((match) => match[1]!);

describe('imports run one way: core <- maelstrom <- checker <- sim <- shell', () => {
  const sources = LAYERS.flatMap((layer) => typeScriptFiles(join(root, 'src', layer)));
  it('has files in every layer', () => {
    for (const layer of LAYERS) expect(sources.some((path) => layerOf(path) === LAYERS.indexOf(layer))).toBe(true);
  });
  for (const layer of LAYERS) {
    it(`src/${layer} imports nothing above it, nor outside src/`, () => {
      const own = LAYERS.indexOf(layer);
      const upward = sources
        .filter((path) => layerOf(path) === own)
        .flatMap((path) =>
          importsOf(readFileSync(path, 'utf8'))
            .filter((specifier) => {
              const target = layerOf(resolve(dirname(path), specifier));
              return target === undefined || target > own;
            })
            .map((specifier) => `${relative(root, path)} imports ${specifier}`),
        );
      expect(upward).toEqual([]);
    });
  }
});
