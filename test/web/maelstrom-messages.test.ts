/**
 * Maelstrom's own store folder opens in the demo, message diagram included:
 * its messages.svg is read back into arrows (web/src/run/maelstrom-messages.ts)
 * and its results.edn is not mistaken for a history. The fixture is a real
 * run of our node under Maelstrom 0.2.3 (test/fixtures/maelstrom-run/cmd.txt).
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { parseHistory } from '../../src/checker/index.js';
import { arrowsOfMaelstromSvg, messagesOfSvg } from '../../web/src/run/maelstrom-messages.js';
import { runOfTexts } from '../../web/src/run/open-files.js';

const FIXTURE = new URL('../fixtures/maelstrom-run/', import.meta.url);
const text = (name: string): string => {
  const bytes = readFileSync(new URL(name, FIXTURE));
  return (name.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
};
const svg = text('messages.svg.gz');
const history = E.getOrElseW(() => [])(parseHistory(text('history.edn.gz')));

describe("Maelstrom's messages.svg", () => {
  it('gives every message Maelstrom drew, with its sender, receiver and body', () => {
    const drawn = messagesOfSvg(svg);
    if (typeof drawn === 'string') throw new Error(drawn);
    // Maelstrom draws one <title> per message and stops at 5000.
    expect(drawn.length).toBe((svg.match(/<title >/g) ?? []).length);
    expect(drawn.length).toBe(5000);
    expect(drawn[0]!.message).toEqual({ src: 'c6', dest: 'n1', body: { key: '8', msg: 1, type: 'send', msg_id: 1 } });
    expect(drawn.some((d) => d.message.body.type === 'kafka_forward' && /^n\d$/.test(d.message.src) && /^n\d$/.test(d.message.dest))).toBe(true);
    for (const d of drawn) expect(d.y2).toBeGreaterThan(d.y1);
  });

  it("times its arrows by the history's invocations: the first request leaves at the first invocation, and every reply after its request", () => {
    const arrows = arrowsOfMaelstromSvg(svg, history);
    if (typeof arrows === 'string') throw new Error(arrows);
    const firstInvoke = history.find((op) => op.type === 'invoke' && op.process !== 'nemesis')!;
    expect(arrows.all[0]!.sent_ms).toBeCloseTo(firstInvoke.time / 1e6, 6);
    for (const a of arrows.all) expect(a.received_ms!).toBeGreaterThanOrEqual(a.sent_ms);
    const kinds = new Set(arrows.all.map((a) => a.kind));
    expect([...kinds].sort()).toEqual(['peer', 'reply', 'request']);
    // The 5000 messages cover the run's first seconds, not all of it.
    const last = arrows.all[arrows.size - 1]!.sent_ms;
    expect(last).toBeGreaterThan(500);
    expect(last).toBeLessThan(history[history.length - 1]!.time / 1e6);
  });

  it('refuses what is not one, saying so', () => {
    expect(messagesOfSvg('<svg xmlns="http://www.w3.org/2000/svg"></svg>')).toBe("not Maelstrom's messages.svg");
    expect(arrowsOfMaelstromSvg('not svg at all', history)).toBe("not Maelstrom's messages.svg");
  });
});

describe("Maelstrom's store folder", () => {
  const folder = ['messages.svg.gz', 'history.edn.gz', 'history.txt.gz', 'results.edn', 'cmd.txt'].map((name) => ({
    name: `3nodes-partition/${name}`,
    text: text(name),
  }));

  it('opens as the history, with the message diagram from messages.svg, whatever order the files come in', () => {
    for (const files of [folder, [...folder].reverse()]) {
      const run = runOfTexts(files);
      if (typeof run === 'string') throw new Error(run);
      expect(run.name).toBe('3nodes-partition');
      expect(run.history.length).toBe(history.length);
      expect(run.trace).toBeNull();
      expect(run.arrows?.size).toBe(5000);
      expect(run.notes.join(' ')).toContain('messages.svg');
    }
  });

  it('opens without its messages.svg too, with no diagram', () => {
    const run = runOfTexts(folder.filter((f) => !f.name.includes('messages')));
    if (typeof run === 'string') throw new Error(run);
    expect(run.arrows).toBeUndefined();
    expect(run.history.length).toBe(history.length);
  });
});
