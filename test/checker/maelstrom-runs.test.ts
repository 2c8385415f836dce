/**
 * The checker on three real Maelstrom 0.2.3 store folders of our node
 * (test/fixtures/maelstrom-runs/, all valid for Maelstrom): it must reach
 * Maelstrom's verdict from history.edn + history.txt, from the folder, and
 * from history.edn alone (with one warning); refuse a history.txt that is not
 * history.edn's; show a results.edn that disagrees; and, on a real history
 * broken on purpose (messages dropped from the final polls' results), report
 * what went missing.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  check,
  compareWithMaelstrom,
  parseEdnHistory,
  parseEdnWithTrueValues,
  parseMaelstromResults,
} from '../../src/checker/index.js';
import type { Op } from '../../src/maelstrom/history/op.js';
import { runCli } from '../../src/shell/check/cli.js';

const RUNS = ['5a-1node', '5b-2nodes', '3nodes-partition'] as const;
const runDir = (run: string): string => fileURLToPath(new URL(`../fixtures/maelstrom-runs/${run}`, import.meta.url));
const gunzip = (path: string): string => gunzipSync(readFileSync(path)).toString('utf8');
const texts = new Map<string, string>();
const cachedGunzip = (path: string): string => texts.get(path) ?? (texts.set(path, gunzip(path)).get(path) as string);
const ednOf = (run: string): string => cachedGunzip(join(runDir(run), 'history.edn.gz'));
const txtOf = (run: string): string => cachedGunzip(join(runDir(run), 'history.txt.gz'));
const resultsOf = (run: string): string => readFileSync(join(runDir(run), 'results.edn'), 'utf8');
const NAMES = { edn: 'history.edn', txt: 'history.txt' };

/** The CLI in this process (test/checker/cli.test.ts runs the bin/ shim itself). */
function kafkaCheck(...args: string[]): { status: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const status = runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { status, stdout, stderr };
}

/** A fresh store folder holding the given files (name -> text, gzipped when the name ends in .gz). */
function storeWith(files: Readonly<Record<string, string>>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kafka-check-store-'));
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(join(dir, name), name.endsWith('.gz') ? gzipSync(text) : text);
  }
  return dir;
}

function right<T>(x: E.Either<string, T>): T {
  if (E.isLeft(x)) throw new Error(x.left);
  return x.right;
}

function trueHistory(run: string, txt = txtOf(run)): Op[] {
  return right(parseEdnWithTrueValues(ednOf(run), txt, NAMES));
}

describe.each(RUNS)('the real run %s', (run) => {
  it("reaches Maelstrom's verdict from history.edn and history.txt, with the final polls' results", () => {
    const history = trueHistory(run);
    const ednAlone = parseEdnHistory(ednOf(run));
    if (E.isLeft(ednAlone)) throw new Error(ednAlone.left.message);
    // The same ops, index for index; only the values of the final phase differ.
    expect(history.map((op) => [op.index, op.time, op.type, op.f])).toEqual(ednAlone.right.map((op) => [op.index, op.time, op.type, op.f]));
    const finalPolls = ednAlone.right.filter((op) => op.type === 'ok' && op.f === 'poll' && JSON.stringify(op.value) === '[["poll"]]');
    expect(finalPolls.length).toBeGreaterThan(0);
    for (const op of finalPolls) expect(JSON.stringify(history[op.index]?.value)).toMatch(/^\[\["poll",\{"/);

    const result = check(history);
    const maelstrom = right(parseMaelstromResults(resultsOf(run)));
    expect(maelstrom.workload?.['valid?']).toBe(true);
    expect(result['valid?']).toBe(true);
    expect(result['error-types']).toEqual([]);
    expect(result.warnings).toBeUndefined();
    expect(compareWithMaelstrom(result, maelstrom, 'Maelstrom').differences).toEqual([]);
  });

  it('reaches it from the store folder, and shows both verdicts', () => {
    const r = kafkaCheck(runDir(run));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^VALID: .*\nMaelstrom's verdict \(.*results\.edn\): VALID, no anomaly types\.\n {2}Same verdict and anomaly types as ours\.\n/);
    expect(r.stdout).not.toContain('warning');
  });

  it('with history.edn alone, warns once and reports no unseen write that the final polls may have read', () => {
    const dir = storeWith({});
    copyFileSync(join(runDir(run), 'history.edn.gz'), join(dir, 'history.edn.gz'));
    const r = kafkaCheck('--json', dir);
    expect(r.status).toBe(0);
    const result = JSON.parse(r.stdout) as { 'valid?': boolean; 'error-types': string[]; warnings?: string[] };
    expect(result['valid?']).toBe(true);
    expect(result['error-types']).toEqual([]);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings?.[0]).toMatch(/successful polls carry no results .* \d+ acknowledged sends? that no other poll read may have been read by them.*put history\.txt beside history\.edn/);
  });
});

describe('a history.txt that is not history.edn\'s', () => {
  const run = '3nodes-partition';

  it('is refused at the first line whose process, type or f differ, naming both files and lines', () => {
    const lines = txtOf(run).split('\n');
    lines[41] = (lines[41] as string).replace(/\t:(send|poll|assign)\t/, (_, f: string) => (f === 'send' ? '\t:poll\t' : '\t:send\t'));
    const dir = storeWith({ 'history.edn.gz': ednOf(run), 'history.txt': lines.join('\n') });
    const r = kafkaCheck(dir);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/history\.txt line 42 does not match .*history\.edn\.gz line 42 \(op 42 of each\): f is "(send|poll|assign)" in history\.edn but :(send|poll) in history\.txt/);
  });

  it('is refused when it has fewer or more ops', () => {
    const lines = txtOf(run).trimEnd().split('\n');
    const shorter = parseEdnWithTrueValues(ednOf(run), lines.slice(0, -1).join('\n'), NAMES);
    expect(shorter).toEqual(E.left(expect.stringMatching(/^history\.txt has 14977 ops but history\.edn has more: its line 14978 \(index 14977, /) as unknown));
    const longer = parseEdnWithTrueValues(ednOf(run), [...lines, lines[0]].join('\n'), NAMES);
    expect(longer).toEqual(E.left(expect.stringMatching(/^history\.txt has 14979 ops but history\.edn has 14978: history\.txt line 14979 /) as unknown));
  });
});

describe("Maelstrom's results.edn beside the history", () => {
  const run = '5b-2nodes';

  it('is shown as a difference when it disagrees with our verdict', () => {
    const claimsUnseen = resultsOf(run)
      .replace(':workload {:valid? true,', ':workload {:valid? false, :unseen {:unseen {"7" 2}, :messages {"7" #{3 4}}},')
      .replace(':bad-error-types (),', ':bad-error-types (:unseen),')
      .replace(':error-types (),', ':error-types (:unseen),')
      .replace(/ :valid\? true\}\s*$/, ' :valid? false}\n');
    const dir = storeWith({ 'history.edn.gz': ednOf(run), 'history.txt.gz': txtOf(run), 'results.edn': claimsUnseen });
    const r = kafkaCheck(dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Maelstrom's verdict");
    expect(r.stdout).toContain(': INVALID, anomaly types: unseen (2).\n  DIFFERS from ours in 2 ways:\n  - verdict: ours is VALID, Maelstrom\'s is INVALID\n  - unseen: Maelstrom found 2, we none\n');
    const json = JSON.parse(kafkaCheck('--json', dir).stdout) as { maelstrom: { differences: string[] } };
    expect(json.maelstrom.differences).toEqual(["verdict: ours is VALID, Maelstrom's is INVALID", 'unseen: Maelstrom found 2, we none']);
  });

  it('is shown as no verdict when its checker crashed (:valid? :unknown)', () => {
    const crashed = resultsOf(run).replace(
      /:workload \{[^]*?:info-txn-causes \(\)\}/,
      ':workload {:valid? :unknown, :error "java.lang.IndexOutOfBoundsException\\n\\tat clojure.lang.PersistentVector.arrayFor"}',
    );
    expect(crashed).not.toBe(resultsOf(run));
    const dir = storeWith({ 'history.edn.gz': ednOf(run), 'history.txt.gz': txtOf(run), 'results.edn': crashed.replace(/ :valid\? true\}\s*$/, ' :valid? :unknown}\n') });
    const r = kafkaCheck(dir);
    expect(r.stdout).toContain(
      "UNKNOWN (:valid? :unknown).\n  DIFFERS from ours in 1 way:\n  - verdict: ours is VALID; Maelstrom reached none (:valid? :unknown, its checker crashed: java.lang.IndexOutOfBoundsException)\n",
    );
  });
});

describe('a real history broken on purpose: messages dropped from the final polls in history.txt', () => {
  const run = '3nodes-partition';
  const edn = parseEdnHistory(ednOf(run));
  if (E.isLeft(edn)) throw new Error(edn.left.message);
  const finalPolls = new Set(edn.right.filter((op) => op.type === 'ok' && op.f === 'poll' && JSON.stringify(op.value) === '[["poll"]]').map((op) => op.index));
  const history = trueHistory(run);

  /** Per key, the messages that some ok poll other than the final ones read. */
  const readBefore = new Map<string, Set<unknown>>();
  for (const op of history) {
    if (op.type !== 'ok' || op.f !== 'poll' || finalPolls.has(op.index)) continue;
    const msgs = (op.value as [[string, Record<string, [number, unknown][]>]])[0][1];
    for (const [k, pairs] of Object.entries(msgs)) for (const [, v] of pairs) (readBefore.get(k) ?? readBefore.set(k, new Set()).get(k))?.add(v);
  }
  const lastPoll = history[Math.max(...finalPolls)] as Op;
  const lastRead = (lastPoll.value as [[string, Record<string, [number, number][]>]])[0][1];
  /** A key whose last two messages only the final polls read. */
  const [key, pairs] = Object.entries(lastRead).find(
    ([k, ps]) => ps.length >= 3 && ps.slice(-2).every(([, v]) => readBefore.get(k)?.has(v) !== true),
  ) as [string, [number, number][]];
  const [middle, last] = [pairs[pairs.length - 2] as [number, number], pairs[pairs.length - 1] as [number, number]];

  /** history.txt with `drop` removed from `key` in every final poll, printed as Clojure prints it. */
  function txtWithout(drop: readonly [number, number]): string {
    return txtOf(run)
      .split('\n')
      .map((line, i) => {
        if (!finalPolls.has(i)) return line;
        const msgs = (history[i]?.value as [[string, Record<string, [number, number][]>]])[0][1];
        const entries = Object.entries(msgs).map(
          ([k, ps]) => `${JSON.stringify(k)} [${ps.filter(([o]) => k !== key || o !== drop[0]).map(([o, v]) => `[${o} ${v}]`).join(' ')}]`,
        );
        return line.replace(/\t\[\[:poll \{.*\}\]\]$/, `\t[[:poll {${entries.join(', ')}}]]`);
      })
      .join('\n');
  }

  it('rewrites exactly the final polls (the untouched rewrite reads as the original)', () => {
    expect(trueHistory(run, txtWithout([-1, -1]))).toEqual(history);
  });

  it('reports the last message of a key, dropped, as unseen', () => {
    const r = check(trueHistory(run, txtWithout(last)));
    expect(r['valid?']).toBe(false);
    expect(r['error-types']).toEqual(['unseen']);
    expect(r.unseen).toEqual([expect.objectContaining({ key, value: last[1], offset: last[0] })]);
  });

  it('reports an earlier message, dropped below one that was read, as a lost write (and unseen, and the hole it leaves in each final poll)', () => {
    const r = check(trueHistory(run, txtWithout(middle)));
    expect(r['error-types']).toEqual(['int-poll-skip', 'lost-write', 'unseen']);
    expect(new Set(r['int-poll-skip']?.map((e) => [e.key, ...e.skipped].join()))).toEqual(new Set([`${key},${middle[1]}`]));
    expect(r['lost-write']).toEqual([expect.objectContaining({ key, value: middle[1], offset: middle[0], 'max-read-offset': last[0] })]);
    expect(r.unseen).toEqual([expect.objectContaining({ key, value: middle[1] })]);
  });

  it('and through the CLI, beside the true results.edn, says where the verdicts differ', () => {
    const dir = storeWith({ 'history.edn.gz': ednOf(run), 'history.txt.gz': txtWithout(last), 'results.edn': resultsOf(run) });
    const r = kafkaCheck(dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`\n  - verdict: ours is INVALID, Maelstrom's is VALID\n  - unseen: we found 1, Maelstrom none\n`);
    expect(r.stdout).toContain(`key ${JSON.stringify(key)}: ${last[1]} (offset ${last[0]}) was acknowledged but never seen by any poll.`);
  });
});
