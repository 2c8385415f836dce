/**
 * The pure half (src/core, src/maelstrom, src/checker, src/sim) must run unchanged in the browser and
 * in the simulator. tsconfig.pure.json already refuses Node's types (so
 * `node:` imports, `process`, `setTimeout` and `console` do not compile);
 * this test also catches what ES2022's own lib allows: `Date` and
 * `Math.random`, the two ways to make a step depend on when or how often it
 * runs.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { typeScriptFiles } from './support/source-files.js';

const root = join(import.meta.dirname, '..');
const pureDirs = ['src/core', 'src/maelstrom', 'src/checker', 'src/sim'].map((d) => join(root, d));

const forbidden: readonly [RegExp, string][] = [
  [/\bDate\b/, 'Date (time must arrive as now_ms on an input)'],
  [/\bMath\.random\b/, 'Math.random (randomness must come from a seeded generator in the state)'],
  [/\bperformance\b/, 'performance (a clock)'],
  [/\bconsole\b/, 'console (emit a log effect instead)'],
  [/\b(setTimeout|setInterval|setImmediate|queueMicrotask)\b/, 'a timer (emit a timer effect instead)'],
  [/\bprocess\./, 'process'],
  [/from\s+['"]node:|require\(/, 'a Node module'],
  [/\b(fetch|XMLHttpRequest|WebSocket|localStorage|window|document)\b/, 'a browser API'],
];

/** Comments may name what they forbid; only code counts. */
const stripComments = (source: string): string => source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');

describe('the pure half touches nothing outside itself', () => {
  const sources = pureDirs.flatMap(typeScriptFiles);
  it('has files to check', () => expect(sources.length).toBeGreaterThan(10));
  for (const path of sources) {
    it(relative(root, path), () => {
      const code = stripComments(readFileSync(path, 'utf8'));
      const found = forbidden.filter(([pattern]) => pattern.test(code)).map(([, what]) => what);
      expect(found).toEqual([]);
    });
  }
});
