/**
 * What bin/kafka-sim reads back from the files it streamed: lines of any
 * length across read chunks, the whole history, and of the trace only the
 * prefix messages.svg draws, which must draw the very same picture as the
 * whole trace, however late the first anomaly.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/checker/index.js';
import { firstAnomaly, messagesPlot } from '../../src/checker/plots/index.js';
import { defaultNodeConfig } from '../../src/core/node/config.js';
import { step } from '../../src/core/node/step.js';
import { encodeJson } from '../../src/shell/json.js';
import { forEachLine, writeJsonLines } from '../../src/shell/runner/store.js';
import { readHistory, readTraceForMessages } from '../../src/shell/sim/read-back.js';
import { simConfigOf, type NodeStep } from '../../src/sim/config.js';
import { historyOf, traceOf } from '../../src/sim/outcome.js';
import { runSimulation } from '../../src/sim/simulation.js';
import { brokenReducers } from '../fixtures/reducers/index.mjs';

const temp = (): string => mkdtempSync(join(tmpdir(), 'read-back-'));

const linesOf = (text: string): string[] => {
  const path = join(temp(), 'lines');
  writeFileSync(path, text);
  const lines: string[] = [];
  forEachLine(path, (line) => void lines.push(line));
  return lines;
};

describe('forEachLine', () => {
  it('gives every line, across chunk boundaries and with no final newline', () => {
    const long = 'x'.repeat(2_500_000); // longer than two read chunks
    expect(linesOf(`a\n${long}\nb\n\nc`)).toEqual(['a', long, 'b', '', 'c']);
    expect(linesOf('a\nb\n')).toEqual(['a', 'b']);
    expect(linesOf('')).toEqual([]);
    expect(linesOf('é'.repeat(600_000) + '\nz\n')).toEqual(['é'.repeat(600_000), 'z']); // a character split by a chunk's end
  });

  it('stops when told', () => {
    const path = join(temp(), 'lines');
    writeFileSync(path, 'a\nb\nc\n');
    const seen: string[] = [];
    forEachLine(path, (line) => seen.push(line) < 2);
    expect(seen).toEqual(['a', 'b']);
  });
});

describe('a streamed run read back', () => {
  const options = { seed: 4, node_count: 2, concurrency: 4, rate_hz: 200, time_limit_s: 8, latency_ms: 5 };
  // Correct for 6 s, then acknowledging sends it forgets: an anomaly long after messages.svg's first window.
  const broken = brokenReducers.find((r) => r.name === 'drops-acked-send')!.wrap(step);
  const lateBreaker: NodeStep = (node, input) => (input.now_ms < 6000 ? step(node, input) : broken(node, input));
  const state = runSimulation(simConfigOf(options, { nodeStep: lateBreaker, check_invariants: false }));
  const dir = temp();
  writeJsonLines(join(dir, 'history.jsonl'), historyOf(state), encodeJson);
  writeJsonLines(join(dir, 'trace.jsonl'), traceOf(state), encodeJson);
  const result = check(historyOf(state));

  it('has its whole history', () => {
    expect(readHistory(join(dir, 'history.jsonl'))).toEqual(historyOf(state));
  });

  it('holds a pair polled again once, and a different one apart', () => {
    const path = join(temp(), 'history.jsonl');
    const poll = (index: number, msgs: object) => ({ index, time: index, type: 'ok', process: 0, f: 'poll', value: [['poll', msgs]] });
    writeJsonLines(path, [poll(0, { k: [[0, 5], [1, 6]] }), poll(1, { k: [[1, 6], [2, 7]], j: [[1, 6]] }), poll(2, { k: [[2, 8]] })], encodeJson);
    const [a, b, c] = readHistory(path).map((op) => (op.value as [[string, Record<string, unknown[]>]])[0][1]);
    expect(b!['k']![0]).toBe(a!['k']![1]);
    expect(b!['j']![0]).not.toBe(a!['k']![1]); // another key's offset 1
    expect(c!['k']![0]).toEqual([2, 8]); // a different msg at a known offset stays itself
    expect(c!['k']![0]).not.toBe(b!['k']![1]);
  });

  it('draws messages.svg from a prefix of its trace as from the whole', () => {
    const anomaly = firstAnomaly(result);
    // The case this guards: an anomaly seen only late in the run (by the final reads), long after the first window.
    expect(anomaly?.time_ms).toBeGreaterThan(5000);
    const prefix = readTraceForMessages(join(dir, 'trace.jsonl'), result);
    const whole = traceOf(state);
    expect(prefix.length).toBeLessThan(whole.length);
    expect(messagesPlot(prefix, defaultNodeConfig, result)).toBe(messagesPlot(whole, defaultNodeConfig, result));
    // A valid run's picture needs only its first moments.
    const early = readTraceForMessages(join(dir, 'trace.jsonl'), undefined);
    expect(early.length).toBeLessThan(prefix.length);
    expect(messagesPlot(early, defaultNodeConfig, undefined)).toBe(messagesPlot(whole, defaultNodeConfig, undefined));
  });
});
