/**
 * The figures results.json carries beside the verdict (stats, availability,
 * latency percentiles, msgs-per-op's denominator, the achieved rate), from
 * a history small enough to count by hand. They are gathered one op at a
 * time (Completions, HistoryFigures), as kafka-sim gathers them from the
 * file it streamed.
 */
import { describe, expect, it } from 'vitest';
import type { Op } from '../../src/maelstrom/history/op.js';
import { availabilityOf, completedOps, latencyOf, statsOf } from '../../src/maelstrom/workload/summary.js';
import { figuresOf } from '../../src/shell/runner/results.js';

const ms = 1e6;

// Process 0 sends (ok after 4 ms), polls (ok after 1 ms), sends (fail after 2 ms);
// process 1 crashes and is replaced by process 2, which polls (ok after 10 ms, then info after 3 ms);
// the nemesis comes and goes; process 3 sends past the main phase's end (ok after 1 ms).
// Each op: its time in ms, process, type and f; ops apart by ';' or a new line.
const history: Op[] = `
  0 0 invoke send;  0 1 invoke crash;  0 1 info crash;  1 nemesis info start-partition
  2 2 invoke poll;  4 0 ok send;  5 0 invoke poll;  6 0 ok poll;  7 0 invoke send;  9 0 fail send
  9 nemesis info stop-partition;  12 2 ok poll;  13 2 invoke poll;  16 2 info poll
  25 3 invoke send;  26 3 ok send`
  .split(/[;\n]/)
  .filter((text) => text.trim() !== '')
  .map((text, index) => {
    const [time_ms, process, type, f] = text.trim().split(/\s+/) as [string, string, Op['type'], string];
    return { index, time: Number(time_ms) * ms, type, process: process === 'nemesis' ? 'nemesis' : Number(process), f, value: null };
  });

describe("a history's figures", () => {
  const figures = figuresOf(history, 20);
  const { completions } = figures;

  it('pair each completion with its invocation, in history order, the nemesis aside', () => {
    expect(completedOps(history)).toEqual([
      { f: 'crash', type: 'info', invoked_ns: 0, completed_ns: 0 },
      { f: 'send', type: 'ok', invoked_ns: 0, completed_ns: 4 * ms },
      { f: 'poll', type: 'ok', invoked_ns: 5 * ms, completed_ns: 6 * ms },
      { f: 'send', type: 'fail', invoked_ns: 7 * ms, completed_ns: 9 * ms },
      { f: 'poll', type: 'ok', invoked_ns: 2 * ms, completed_ns: 12 * ms },
      { f: 'poll', type: 'info', invoked_ns: 13 * ms, completed_ns: 16 * ms },
      { f: 'send', type: 'ok', invoked_ns: 25 * ms, completed_ns: 26 * ms },
    ]);
    expect(completions.invocations).toBe(7);
    expect(completions.operations).toBe(6);
  });

  it('count outcomes per f, in the order of their names, and forgive a crash that was never ok', () => {
    expect(statsOf(completions)).toEqual({
      'valid?': true,
      count: 7,
      'ok-count': 4,
      'fail-count': 1,
      'info-count': 2,
      'by-f': {
        crash: { 'valid?': false, count: 1, 'ok-count': 0, 'fail-count': 0, 'info-count': 1 },
        poll: { 'valid?': true, count: 3, 'ok-count': 2, 'fail-count': 0, 'info-count': 1 },
        send: { 'valid?': true, count: 3, 'ok-count': 2, 'fail-count': 1, 'info-count': 0 },
      },
    });
    expect(Object.keys(statsOf(completions)['by-f'])).toEqual(['crash', 'poll', 'send']);
    expect(availabilityOf(completions)).toEqual({ 'valid?': true, 'ok-fraction': 4 / 7 });
  });

  it("give nearest-rank percentiles of the ok operations' latencies, crashes aside", () => {
    expect(latencyOf(completions)).toEqual({
      poll: { count: 2, p50: 1, p95: 10, p99: 10, max: 10 },
      send: { count: 2, p50: 1, p95: 4, p99: 4, max: 4 },
    });
  });

  it('rate the main phase by the client invocations (crashes aside) within its time limit of the first', () => {
    // Five of the six operations were invoked within 20 ms of the first invocation (the crash's, at 0).
    expect(figures.achievedRate()).toBe(5 / 0.02);
    expect(figuresOf([], 20).achievedRate()).toBe(0);
  });
});
