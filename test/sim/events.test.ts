/**
 * The event queue gives events in (time, seq) order, whichever of its two
 * parts holds them, and, being persistent, never changes a queue it was given.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyQueue, nextEvent, queuedCount, schedule, type EventQueue, type SimEvent } from '../../src/sim/events.js';

const wake = (at_ms: number, seq: number): SimEvent => ({ kind: 'wake', at_ms, seq, gen: 0 });

const drainAll = (queue: EventQueue): SimEvent[] => {
  const out: SimEvent[] = [];
  for (let next = nextEvent(queue); next !== undefined; next = nextEvent(next[1])) out.push(next[0]);
  return out;
};

describe('the event queue', () => {
  it('always gives the earliest (time, seq) of what it holds, as a sorted list would', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.boolean()), { maxLength: 60 }), (plan) => {
        // Schedule events from the current time on, and take the next one out now and then, as the simulator does.
        let queue = emptyQueue;
        let model: SimEvent[] = [];
        let now = 0;
        let seq = 0;
        const takeOne = (): void => {
          const [first, rest] = nextEvent(queue)!;
          model.sort((a, b) => a.at_ms - b.at_ms || a.seq - b.seq);
          expect(first).toBe(model[0]);
          model = model.slice(1);
          queue = rest;
          now = first.at_ms;
        };
        for (const [delay, take] of plan) {
          const event = wake(now + delay, seq++);
          model.push(event);
          queue = schedule(queue, event, now);
          expect(queuedCount(queue)).toBe(model.length);
          if (take) takeOne();
        }
        while (model.length > 0) takeOne();
        expect(nextEvent(queue)).toBeUndefined();
      }),
    );
  });

  it('puts events due now in a FIFO, and keeps earlier timers first', () => {
    let queue = schedule(emptyQueue, wake(10, 0), 0);
    queue = schedule(queue, wake(0, 1), 0);
    queue = schedule(queue, wake(0, 2), 0);
    expect(queue.now.length - queue.head).toBe(2);
    expect(queuedCount(queue)).toBe(3);
    expect(drainAll(queue).map((e) => e.seq)).toEqual([1, 2, 0]);
  });

  it('leaves an older queue as it was', () => {
    const before = schedule(schedule(emptyQueue, wake(0, 0), 0), wake(0, 1), 0);
    const [, after] = nextEvent(before)!;
    schedule(after, wake(0, 2), 0);
    schedule(before, wake(0, 3), 0);
    expect(drainAll(before).map((e) => e.seq)).toEqual([0, 1]);
  });
});
