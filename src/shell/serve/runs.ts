/**
 * The runs in a store, as the index page lists them. A run is a folder
 * holding what the runner, the simulator or Maelstrom write into one:
 *
 * - ours (runner, simulator): results.json says it all (the checker's
 *   verdict, stats, net, problems), written once the run is over;
 * - Maelstrom's: history.edn (with history.txt's values, through
 *   kafka-check's own loadHistory) checked here by our checker, the
 *   messages per operation from its results.edn, whose verdict is shown
 *   beside ours.
 *
 * A folder with neither results file is still being written ("running")
 * while anything in it changed in the last minute, and "unfinished" after.
 * Folders are found up to three levels down (Maelstrom's store/kafka/<time>/),
 * never through a symlink (store/latest points at a run listed anyway).
 */
import { existsSync, lstatSync, readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import type { CheckResult } from '../../checker/index.js';
import { parseResultsTree } from '../../checker/parse/results-edn.js';
import { checkHistory, readText } from '../check/read-history.js';

export type RunState = 'done' | 'running' | 'unfinished';
export type Verdict = 'valid' | 'invalid' | 'unknown';

export interface RunSummary {
  /** Store-relative, '/'-separated: the run's address in URLs. */
  readonly path: string;
  readonly name: string;
  readonly source: 'ours' | 'maelstrom';
  /** When the run started: from its folder's name (the runner's and Jepsen's time stamps), else the folder's mtime. */
  readonly started_ms: number;
  readonly state: RunState;
  readonly nodes: number | null;
  readonly verdict: Verdict | null;
  readonly ops: number | null;
  readonly msgs_per_op: number | null;
  /** Why the run is not valid, in a line; or why it could not be read. */
  readonly problem: string | null;
  /** Maelstrom's own verdict, from its results.edn, when the run is Maelstrom's. */
  readonly maelstrom_verdict?: Verdict;
}

/** A run with no results file is shown as running while it changed this recently. */
export const RUNNING_WITHIN_MS = 60_000;
const MAX_DEPTH = 3;
const MARKERS = ['results.json', 'results.edn', 'history.jsonl', 'history.edn', 'history.edn.gz', 'runner.log', 'jepsen.log'];

const statOrNull = (path: string): Stats | null => statSync(path, { throwIfNoEntry: false }) ?? null;

/** Every run folder under `root`, as store-relative paths. */
export const findRuns = (root: string): string[] => {
  const found: string[] = [];
  const walk = (dir: string, relative: string, depth: number): void => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    if (relative !== '' && names.some((name) => MARKERS.includes(name))) {
      found.push(relative);
      return;
    }
    if (depth >= MAX_DEPTH) return;
    for (const name of names.sort()) {
      if (name.startsWith('.') || name === 'node-logs') continue;
      const path = join(dir, name);
      // lstat: a symlink (latest, current, or one leading out of the store) is never followed.
      if (lstatSync(path, { throwIfNoEntry: false })?.isDirectory() === true) walk(path, relative === '' ? name : `${relative}/${name}`, depth + 1);
    }
  };
  walk(root, '', 0);
  return found;
};

/** `20261207T054856.499Z` (ours) or `20231101T123456.789-0400` (Jepsen's): the moment, or NaN. */
export const timeOfName = (name: string): number => {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(?:\.(\d{1,3}))?(Z|[+-]\d{4})?/.exec(name);
  if (m === null) return NaN;
  const zone = m[8] === undefined || m[8] === 'Z' ? 'Z' : `${m[8].slice(0, 3)}:${m[8].slice(3)}`;
  return Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${(m[7] ?? '0').padEnd(3, '0')}${zone}`);
};

const newestChange = (dir: string): number => {
  let newest = statOrNull(dir)?.mtimeMs ?? 0;
  for (const sub of [dir, join(dir, 'node-logs')]) {
    let names: string[] = [];
    try {
      names = readdirSync(sub);
    } catch {
      continue;
    }
    for (const name of names) newest = Math.max(newest, statOrNull(join(sub, name))?.mtimeMs ?? 0);
  }
  return newest;
};

const nodeLogCount = (dir: string): number | null => {
  try {
    const logs = readdirSync(join(dir, 'node-logs')).filter((name) => /^n\d+\.log$/.test(name));
    return logs.length > 0 ? logs.length : null;
  } catch {
    return null;
  }
};

/** Maelstrom's command, when a cmd.txt beside the store keeps it (our fixtures do), names the node count. */
const nodeCountOfCmd = (dir: string): number | null => {
  const path = join(dir, 'cmd.txt');
  if (!existsSync(path)) return null;
  const m = /--node-count[ =](\d+)/.exec(readFileSync(path, 'utf8'));
  return m === null ? null : Number(m[1]);
};

type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const at = (value: unknown, ...keys: string[]): unknown => keys.reduce<unknown>((v, key) => (isRecord(v) ? v[key] : undefined), value);
const numberOrNull = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const verdictOf = (valid: unknown): Verdict => (valid === true ? 'valid' : valid === false ? 'invalid' : 'unknown');

/** The first reason results.json gives for an invalid run, in a line. */
export const problemOfResults = (results: Json): string | null => {
  if (results['valid?'] === true) return null;
  const run = at(results, 'run');
  const interrupted = at(run, 'interrupted');
  if (typeof interrupted === 'string') return `interrupted: ${interrupted}`;
  const problems = at(run, 'problems');
  if (Array.isArray(problems) && problems.length > 0) {
    const first = problems[0] as Json;
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    return `${String(first['kind'])} at ${String(first['node'])}: ${String(first['text'])}${more}`;
  }
  const workload = at(results, 'workload');
  if (at(workload, 'valid?') === 'unknown') return `the checker failed: ${String(at(workload, 'error'))}`;
  const types = at(workload, 'error-types');
  if (at(workload, 'valid?') === false && Array.isArray(types)) return `anomalies: ${types.join(', ')}`;
  const reasons = at(results, 'sim', 'reasons');
  if (Array.isArray(reasons) && reasons.length > 0) return String(reasons[0]);
  if (at(results, 'commits', 'valid?') === false) return `bad committed offsets: ${String(at(results, 'commits', 'count'))}`;
  const byF = at(results, 'stats', 'by-f');
  if (at(results, 'stats', 'valid?') === false && isRecord(byF)) {
    const never = Object.entries(byF).filter(([, s]) => at(s, 'ok-count') === 0).map(([f]) => f);
    return `no successful ${never.join(', ') || 'operation'}`;
  }
  const phase = at(run, 'phase-reached');
  return typeof phase === 'string' && phase !== 'done' ? `stopped in phase ${phase}` : 'not valid (see results.json)';
};

const summarizeOurs = (dir: string, base: Omit<RunSummary, 'state' | 'nodes' | 'verdict' | 'ops' | 'msgs_per_op' | 'problem'>, text: string): RunSummary | null => {
  let results: unknown;
  try {
    results = JSON.parse(text);
  } catch {
    return null; // half-written: still running
  }
  if (!isRecord(results)) return null;
  const nodes = at(results, 'run', 'nodes');
  return {
    ...base,
    state: 'done',
    nodes: Array.isArray(nodes) ? nodes.length : nodeLogCount(dir),
    verdict: verdictOf(results['valid?']),
    ops: numberOrNull(at(results, 'stats', 'count')),
    msgs_per_op: numberOrNull(at(results, 'net', 'all', 'msgs-per-op')),
    problem: problemOfResults(results),
  };
};

const anomalyLine = (result: CheckResult): string | null => (result['valid?'] === true ? null : `anomalies: ${result['error-types'].join(', ')}`);

const summarizeMaelstrom = (dir: string, base: Omit<RunSummary, 'state' | 'nodes' | 'verdict' | 'ops' | 'msgs_per_op' | 'problem'>): RunSummary => {
  const nodes = nodeLogCount(dir) ?? nodeCountOfCmd(dir);
  // kafka-check's own reading: one streamed pass, history.txt's values included.
  const checked = checkHistory(dir);
  if (E.isLeft(checked)) return { ...base, state: 'done', nodes, verdict: null, ops: null, msgs_per_op: null, problem: checked.left };
  const { result, results } = checked.right;
  let msgs_per_op: number | null = null;
  let maelstrom: Verdict | undefined;
  if (results !== null) {
    const tree = E.chain(parseResultsTree)(readText(results.path));
    if (E.isRight(tree)) msgs_per_op = numberOrNull(at(tree.right, 'net', 'all', 'msgs-per-op'));
    if (E.isRight(results.verdict)) maelstrom = verdictOf(results.verdict.right['valid?']);
  }
  return {
    ...base,
    state: 'done',
    nodes,
    verdict: verdictOf(result['valid?']),
    ops: result.stats.count,
    msgs_per_op,
    problem: anomalyLine(result),
    ...(maelstrom === undefined ? {} : { maelstrom_verdict: maelstrom }),
  };
};

/** What the files a summary depends on look like now: a summary is recomputed only when this changes. */
const fingerprint = (dir: string): string =>
  ['results.json', 'results.edn', 'history.edn', 'history.edn.gz', 'history.txt', 'history.txt.gz', 'history.jsonl']
    .map((name) => {
      const s = statOrNull(join(dir, name));
      return s === null ? '-' : `${s.size}@${s.mtimeMs}`;
    })
    .join(' ');

/**
 * Summaries of every run in the store, newest first. Finished runs are
 * summarized once and kept while their files stay the same (checking a
 * Maelstrom history takes a moment); running ones every time.
 */
export class RunIndex {
  private readonly cache = new Map<string, { readonly fingerprint: string; readonly summary: RunSummary }>();

  constructor(private readonly root: string) {}

  list(now_ms: number): RunSummary[] {
    const summaries = findRuns(this.root).map((path) => this.summary(path, now_ms));
    return summaries.sort((a, b) => b.started_ms - a.started_ms || (a.path < b.path ? -1 : 1));
  }

  private summary(path: string, now_ms: number): RunSummary {
    const dir = join(this.root, ...path.split('/'));
    const print = fingerprint(dir);
    const cached = this.cache.get(path);
    if (cached !== undefined && cached.fingerprint === print) return cached.summary;
    const name = path.split('/').pop() ?? path;
    const fromName = timeOfName(name);
    const maelstrom = !existsSync(join(dir, 'results.json')) && (existsSync(join(dir, 'history.edn')) || existsSync(join(dir, 'history.edn.gz')));
    const base = { path, name, source: maelstrom ? 'maelstrom' : 'ours', started_ms: Number.isNaN(fromName) ? (statOrNull(dir)?.mtimeMs ?? 0) : fromName } as const;
    let summary: RunSummary | null = null;
    if (maelstrom && existsSync(join(dir, 'results.edn'))) summary = summarizeMaelstrom(dir, base);
    else if (!maelstrom) {
      const results = join(dir, 'results.json');
      summary = existsSync(results) ? summarizeOurs(dir, base, readFileSync(results, 'utf8')) : null;
    }
    if (summary !== null) {
      this.cache.set(path, { fingerprint: print, summary });
      return summary;
    }
    const state: RunState = now_ms - newestChange(dir) <= RUNNING_WITHIN_MS ? 'running' : 'unfinished';
    return { ...base, state, nodes: nodeLogCount(dir), verdict: null, ops: null, msgs_per_op: null, problem: state === 'unfinished' ? 'no results: the run stopped before writing them' : null };
  }
}
