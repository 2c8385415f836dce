/**
 * The figures the parity table compares, read the same way from Maelstrom's
 * results.edn (parsed with edn-data, keywords as strings) and from our
 * runner's results.json (same shape, kebab-case keys): verdict, anomaly
 * types, op mix, msgs/op, ok-fraction.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { parseResultsTree } from '../../src/checker/parse/results-edn.js';

export interface Figures {
  /** `:valid?`: true, false, "unknown", or why there is none. */
  readonly valid: string;
  /** `:workload :valid?`: the checker's verdict alone (the top-level one also asks that every op kind succeeded once). */
  readonly workloadValid: string;
  /** `:workload :error-types`, sorted. */
  readonly anomalies: readonly string[];
  /** Completed ops per f (ok + fail + info), crashes aside. */
  readonly ops: Readonly<Record<'send' | 'poll' | 'assign', number>>;
  readonly msgsPerOp: number | null;
  readonly serverMsgsPerOp: number | null;
  readonly okFraction: number | null;
  /** What our runner itself saw (`run.problems`, `run.warnings` kinds); Maelstrom has none here. */
  readonly runNotes: readonly string[];
}

type Tree = Readonly<Record<string, unknown>>;

const at = (tree: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((node, key) => (typeof node === 'object' && node !== null ? (node as Tree)[key] : undefined), tree);

const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);

/** A results.edn as plain data, read as the checker reads Maelstrom's verdict (src/checker/parse/results-edn.ts). */
export const parseResultsEdn = (text: string): unknown => {
  const tree = parseResultsTree(text);
  if (E.isLeft(tree)) throw new Error(`results.edn: ${tree.left}`);
  return tree.right;
};

const kinds = (reports: unknown, what: string): string[] =>
  Array.isArray(reports) ? reports.map((r) => `${what} ${String(at(r, 'kind'))} (${String(at(r, 'node'))})`) : [];

export const figuresOf = (results: unknown): Figures => {
  const byF = (f: string): number => num(at(results, 'stats', 'by-f', f, 'count')) ?? 0;
  const types = at(results, 'workload', 'error-types');
  return {
    valid: String(at(results, 'valid?') ?? 'absent'),
    workloadValid: String(at(results, 'workload', 'valid?') ?? 'absent'),
    anomalies: Array.isArray(types) ? types.map(String).sort() : [],
    ops: { send: byF('send'), poll: byF('poll'), assign: byF('assign') },
    msgsPerOp: num(at(results, 'net', 'all', 'msgs-per-op')),
    serverMsgsPerOp: num(at(results, 'net', 'servers', 'msgs-per-op')),
    okFraction: num(at(results, 'availability', 'ok-fraction')),
    runNotes: [...kinds(at(results, 'run', 'problems'), 'problem'), ...kinds(at(results, 'run', 'warnings'), 'warning')],
  };
};

/** Figures for a side that left no results: only why. */
export const noFigures = (why: string): Figures => ({
  valid: why,
  workloadValid: why,
  anomalies: [],
  ops: { send: 0, poll: 0, assign: 0 },
  msgsPerOp: null,
  serverMsgsPerOp: null,
  okFraction: null,
  runNotes: [],
});

/** Maelstrom's store/latest/results.edn, or our store/latest/results.json (results.edn if that is all there is). */
export const readFigures = (latest: string, prefer: 'edn' | 'json'): Figures => {
  const edn = join(latest, 'results.edn');
  const json = join(latest, 'results.json');
  const order = prefer === 'edn' ? [edn, json] : [json, edn];
  const path = order.find((p) => existsSync(p));
  if (path === undefined) return noFigures('no results');
  const text = readFileSync(path, 'utf8');
  try {
    const results: unknown = path.endsWith('.edn') ? parseResultsEdn(text) : JSON.parse(text);
    return typeof results === 'object' && results !== null ? figuresOf(results) : noFigures(`unreadable ${path}`);
  } catch (error) {
    return noFigures(`unreadable ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
};
