/**
 * Jepsen's own kafka analysis, timed, for `npm run bench checker -- --jepsen`:
 * a development comparison that needs Java and Maelstrom's jar, and is never
 * part of npm test.
 *
 * The history is written as Maelstrom's history.edn (`prn` of each op), read
 * back by the JVM with clojure.edn, and `jepsen.tests.kafka/analysis` is
 * timed alone (JVM start, Clojure loading and reading the EDN excluded), its
 * whole result forced by printing it.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Op } from '../src/maelstrom/history/op.js';

/** Jepsen took about 11 s on 31k ops: past this size the comparison would take minutes. */
export const JEPSEN_MAX_OPS = 100_000;

const SCRIPT = `
(require '[jepsen.history :as h] '[jepsen.tests.kafka :as k] '[clojure.edn :as edn] '[clojure.java.io :as io])
(let [ops (with-open [r (io/reader (first *command-line-args*))]
            (doall (map #(edn/read-string {:readers {'jepsen.history.Op identity}} %) (line-seq r))))
      hist (h/history ops)
      t0 (System/nanoTime)
      n (count (pr-str (dissoc (k/analysis hist) :history)))]
  (println "analysis-seconds" (/ (- (System/nanoTime) t0) 1e9) n))
`;

/** Seconds Jepsen's analysis took on the history.edn at `ednPath`. */
export function jepsenAnalysisSeconds(jar: string, ednPath: string): number {
  const dir = mkdtempSync(join(tmpdir(), 'jepsen-analysis-'));
  try {
    const script = join(dir, 'analysis.clj');
    writeFileSync(script, SCRIPT);
    const r = spawnSync('java', ['-Djava.awt.headless=true', '-cp', jar, 'clojure.main', script, ednPath], {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    const match = /analysis-seconds (\S+)/.exec(r.stdout ?? '');
    if (match === null) throw new Error(`Jepsen's analysis did not finish (exit ${r.status}): ${(r.stderr ?? '').slice(0, 2000)}`);
    return Number(match[1]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Writes the ops as Maelstrom's history.edn would hold them. */
export function writeEdnHistory(path: string, ops: Iterable<Op>): void {
  const fd = openSync(path, 'w');
  try {
    for (const op of ops) writeSync(fd, ednOp(op) + '\n');
  } finally {
    closeSync(fd);
  }
}

/** Fields whose string values are keywords in EDN. */
const KEYWORD_FIELDS: ReadonlySet<string> = new Set(['type', 'f']);

function ednOp(op: Op): string {
  const fields = Object.entries(op).map(([name, value]) => {
    let text: string;
    if (KEYWORD_FIELDS.has(name) || (name === 'process' && typeof value === 'string')) text = `:${String(value)}`;
    else if (name === 'value' && (op.f === 'send' || op.f === 'poll') && Array.isArray(value)) text = `[${value.map(ednMop).join(' ')}]`;
    else if (name === 'error' && Array.isArray(value) && typeof value[0] === 'string') text = `[:${value[0]} ${value.slice(1).map(edn).join(' ')}]`;
    else text = edn(value);
    return `:${name} ${text}`;
  });
  return `{${fields.join(', ')}}`;
}

/** A micro-op: its first element (send, poll) is a keyword. */
function ednMop(mop: unknown): string {
  if (!Array.isArray(mop) || typeof mop[0] !== 'string') return edn(mop);
  return `[:${mop[0]}${mop.slice(1).map((x) => ' ' + edn(x)).join('')}]`;
}

/** Plain data as EDN: JSON's strings and numbers are EDN's, maps keep their string keys. */
function edn(x: unknown): string {
  if (x === null || x === undefined) return 'nil';
  if (Array.isArray(x)) return `[${x.map(edn).join(' ')}]`;
  if (typeof x === 'object') {
    return `{${Object.entries(x as Record<string, unknown>)
      .map(([k, v]) => `${JSON.stringify(k)} ${edn(v)}`)
      .join(', ')}}`;
  }
  return JSON.stringify(x);
}
