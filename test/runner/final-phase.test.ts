/**
 * One thread's final phase, as Jepsen's final-polls runs it: crash, assign
 * every key from 0, poll until each key reaches its target; a client that
 * crashes on the way does not start over.
 */
import { describe, expect, it } from 'vitest';
import { afterFinalCompletion, finalInvocation, startFinalThread, type FinalThread } from '../../src/maelstrom/workload/final-phase.js';
import { seedRandom } from '../../src/maelstrom/workload/random.js';

const keys = ['1', '2'];
const after = (thread: FinalThread, f: string, type: string, value: unknown = null): FinalThread =>
  afterFinalCompletion(thread, { f, type, value }, 1000, seedRandom(1), 200)[0];

describe('the final phase of one thread', () => {
  it('crashes, assigns every key from offset 0, then polls until every key reached its target', () => {
    let thread = startFinalThread({ '1': 3, '2': 0 });
    expect(finalInvocation(thread, keys, 0)).toEqual({ f: 'crash' });
    thread = after(thread, 'crash', 'info');
    expect(finalInvocation(thread, keys, 0)).toEqual({ f: 'assign', keys, seek_to_beginning: true });
    thread = after(thread, 'assign', 'ok', keys);
    expect(finalInvocation(thread, keys, 1000)).toEqual({ f: 'poll' });
    thread = after(thread, 'poll', 'ok', [['poll', { '1': [[0, 1], [1, 2]], '2': [[0, 1]] }]]);
    expect(thread.waiting_for).toEqual({ '1': 3 });
    thread = after(thread, 'poll', 'ok', [['poll', { '1': [[2, 3], [3, 4]] }]]);
    expect(thread.stage).toBe('done');
  });

  it('after a poll that ends info (its client replaced) polls on without assigning again, as Jepsen does', () => {
    let thread = after(after(startFinalThread({ '1': 3 }), 'crash', 'info'), 'assign', 'ok', ['1']);
    thread = after(thread, 'poll', 'info', [['poll']]);
    expect(thread.stage).toBe('poll');
    expect(thread.waiting_for).toEqual({ '1': 3 });
  });
});
