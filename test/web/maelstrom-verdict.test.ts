/**
 * Maelstrom's store folder in the demo gives the verdict kafka-check gives
 * it: history.edn's ops with history.txt's values (the checker's own merge),
 * the checker's warning when history.txt is missing, and Maelstrom's verdict
 * from results.edn beside ours. The fixture is a real run of our node under
 * Maelstrom 0.2.3 that Maelstrom found valid (test/fixtures/maelstrom-run/).
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { isRunFile, runOfTexts, type NamedText } from '../../web/src/run/open-files.js';
import type { Run } from '../../web/src/run/run.js';
import { verdictsOf } from '../../web/src/verdict.js';

const FIXTURES = new URL('../fixtures/', import.meta.url);
const text = (path: string): string => {
  const bytes = readFileSync(new URL(path, FIXTURES));
  return (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
};
const file = (name: string, body = text(`maelstrom-run/${name}`)): NamedText => ({ name: `3nodes-partition/${name}`, text: body });

const folder = ['history.edn.gz', 'history.txt.gz', 'results.edn', 'messages.svg.gz', 'cmd.txt'].map((name) => file(name));
const without = (name: string): NamedText[] => folder.filter((f) => !f.name.endsWith(`/${name}`));
const replacing = (name: string, body: string): NamedText[] => [...without(name), file(name, body)];

const open = (files: readonly NamedText[]): Run => {
  const run = runOfTexts(files);
  if (typeof run === 'string') throw new Error(run);
  return run;
};

/** Successful polls whose results the history does not hold: Maelstrom's final polls as history.edn writes them. */
const resultlessPolls = (run: Run): number => run.history.filter((op) => op.type === 'ok' && op.f === 'poll' && JSON.stringify(op.value) === '[["poll"]]').length;

describe("Maelstrom's store folder", () => {
  it('with history.txt: every final poll has its results, and the verdict is VALID, as Maelstrom says, with no warning', () => {
    for (const files of [folder, [...folder].reverse()]) {
      const run = open(files);
      expect(resultlessPolls(run)).toBe(0);
      expect(run.notes.join(' ')).toContain('history.txt');
      const { check, maelstrom } = verdictsOf(run);
      expect(check['valid?']).toBe(true);
      expect(check.warnings).toBeUndefined();
      expect(maelstrom?.source).toBe("Maelstrom's verdict (results.edn)");
      expect(maelstrom?.maelstrom.workload?.['valid?']).toBe(true);
      expect(maelstrom?.differences).toEqual([]);
    }
  });

  it("without history.txt: the final polls have no results and the checker's warning says so", () => {
    const run = open(without('history.txt.gz'));
    expect(resultlessPolls(run)).toBe(6);
    expect(run.history.length).toBe(open(folder).history.length);
    const { check } = verdictsOf(run);
    expect(check.warnings).toHaveLength(1);
    expect(check.warnings![0]).toMatch(/^6 successful polls carry no results .*history\.txt/);
  });

  it("takes the verdict from history.txt's values: final polls emptied there make sends unseen, and the page says Maelstrom disagrees", () => {
    const lines = text('maelstrom-run/history.txt.gz').trimEnd().split('\n');
    const finalPolls = lines.slice(-6);
    for (const line of finalPolls) expect(line).toMatch(/^\d+\t:ok\t:poll\t\[\[:poll \{/);
    const emptied = [...lines.slice(0, -6), ...finalPolls.map((line) => line.replace(/\t\[\[:poll .*$/, '\t[[:poll {}]]'))].join('\n');
    const { check, maelstrom } = verdictsOf(open(replacing('history.txt.gz', emptied)));
    expect(check['valid?']).toBe(false);
    expect(check['error-types']).toContain('unseen');
    expect(maelstrom?.differences).toContain("verdict: ours is INVALID, Maelstrom's is VALID");
    expect(maelstrom?.differences.some((d) => d.startsWith('unseen: we found'))).toBe(true);
  });

  it("refuses a history.txt of another run, naming both files, as kafka-check does", () => {
    const other = text('maelstrom-runs/5a-1node/history.txt.gz');
    const run = runOfTexts(replacing('history.txt.gz', other));
    expect(typeof run).toBe('string');
    expect(run).toMatch(/history\.txt.*history\.edn.*not from the same run/);
  });

  it('uses history.txt only beside a history.edn, and says so', () => {
    const ops = open(folder).history;
    const jsonl = ops.map((op) => JSON.stringify(op)).join('\n');
    const run = open([{ name: 'run/history.jsonl', text: jsonl }, file('history.txt.gz')]);
    expect(run.history).toEqual(ops);
    expect(run.notes.join(' ')).toContain('history.txt was not used');
  });

  it('shows an unreadable results.edn as a note and opens the run all the same', () => {
    const run = open(replacing('results.edn', '{:valid? true'));
    expect(run.verdictFile).toBeUndefined();
    expect(verdictsOf(run).maelstrom).toBeUndefined();
    expect(run.notes.join(' ')).toMatch(/results\.edn: .*not compared with our verdict/);
    expect(verdictsOf(run).check['valid?']).toBe(true);
  });

  it("reports Maelstrom's own verdict as read, differences and all", () => {
    const invalid = text('maelstrom-run/results.edn').replace(':workload {:valid? true', ':workload {:valid? false, :unseen {:unseen {"8" 2}}').replace(':error-types ()', ':error-types (:unseen)');
    const { maelstrom } = verdictsOf(open(replacing('results.edn', invalid)));
    expect(maelstrom?.maelstrom.workload?.['error-types']).toEqual(['unseen']);
    expect(maelstrom?.differences).toEqual(["verdict: ours is VALID, Maelstrom's is INVALID", 'unseen: Maelstrom found 2, we none']);
  });

  it("ignores the rest of a real Maelstrom store (test.jepsen, logs, PNGs): test.jepsen never passes for the history", () => {
    const store = [...folder, file('test.jepsen', 'binary Fressian, not a history'), file('jepsen.log', ''), file('latency-raw.png', '')];
    for (const files of [store, [...store].reverse()]) expect(resultlessPolls(open(files))).toBe(0);
    expect(store.filter((f) => isRunFile(f.name)).map((f) => f.name.split('/')[1])).toEqual(['history.edn.gz', 'history.txt.gz', 'results.edn', 'messages.svg.gz']);
  });
});
