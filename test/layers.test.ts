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

/** An import circle among `files`, as the paths around it, or null: a depth-first search over their relative imports, type imports included. */
const importCircle = (files: readonly string[], extra: ReadonlyMap<string, readonly string[]> = new Map()): string[] | null => {
  const edges = new Map(
    files.map((path) => [path, [...importsOf(readFileSync(path, 'utf8')).map((specifier) => resolve(dirname(path), specifier).replace(/\.js$/, '.ts')), ...(extra.get(path) ?? [])]]),
  );
  const done = new Set<string>();
  const stack: string[] = [];
  const visit = (path: string): string[] | null => {
    const at = stack.indexOf(path);
    if (at >= 0) return [...stack.slice(at), path];
    if (done.has(path) || !edges.has(path)) return null;
    stack.push(path);
    for (const next of edges.get(path)!) {
      const circle = visit(next);
      if (circle !== null) return circle;
    }
    stack.pop();
    done.add(path);
    return null;
  };
  for (const path of files) {
    const circle = visit(path);
    if (circle !== null) return circle.map((p) => relative(root, p));
  }
  return null;
};

describe('src/core reads in one order', () => {
  it('has no import circle, type imports included', () => {
    expect(importCircle(typeScriptFiles(join(root, 'src', 'core')))).toBeNull();
  });

  it('would name a circle if there were one', () => {
    // Two files of the core that import each other, as node/state.ts and replication/replica.ts once did.
    const state = join(root, 'src', 'core', 'node', 'state.ts');
    const cluster = join(root, 'src', 'core', 'node', 'cluster.ts');
    expect(importsOf(readFileSync(state, 'utf8'))).toContain('./cluster.js');
    expect(importCircle([state, cluster], new Map([[cluster, [state]]]))).toEqual(['src/core/node/state.ts', 'src/core/node/cluster.ts', 'src/core/node/state.ts']);
  });
});
