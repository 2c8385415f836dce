/**
 * The runner takes lines between nodes at once and lines for clients in
 * slices (src/shell/runner/client-lines.ts): the order of a client's lines
 * is kept, the event loop gets its turn between slices, and a full queue
 * falls back to taking lines at once.
 */
import { describe, expect, it } from 'vitest';
import { ClientLineQueue, isForClient } from '../../src/shell/runner/client-lines.js';

const busyFor = (ms: number): void => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

describe('isForClient', () => {
  it('reads the destination from the head of the line', () => {
    expect(isForClient('{"src":"n1","dest":"c12","body":{"type":"poll_ok"}}')).toBe(true);
    expect(isForClient('{"src":"n1", "dest" : "c3","body":{}}')).toBe(true);
    expect(isForClient('{"src":"n1","dest":"n2","body":{"type":"kafka_sync"}}')).toBe(false);
    expect(isForClient('{"src":"n1","dest":"lin-kv","body":{"type":"read"}}')).toBe(false);
    expect(isForClient('not json at all')).toBe(false);
  });

  it('does not read past the head of a long line (a wrong guess only delays it)', () => {
    const body = `{"type":"x","pad":"${'a'.repeat(1000)}"}`;
    expect(isForClient(`{"src":"n1","body":${body},"dest":"c1"}`)).toBe(false);
    expect(isForClient(`{"src":"n1","dest":"c1","body":${body}}`)).toBe(true);
  });
});

describe('ClientLineQueue', () => {
  it('takes nothing at once, then every line in order', async () => {
    const taken: string[] = [];
    const queue = new ClientLineQueue((node, line) => taken.push(`${node}:${line}`));
    queue.push('n1', 'a');
    queue.push('n2', 'b');
    queue.push('n1', 'c');
    expect(taken).toEqual([]);
    expect(queue.size).toBe(3);
    await new Promise((resolve) => setImmediate(resolve));
    await expect.poll(() => taken).toEqual(['n1:a', 'n2:b', 'n1:c']);
    expect(queue.size).toBe(0);
  });

  it('lets a timer fire between slices of slow lines', async () => {
    const events: string[] = [];
    const queue = new ClientLineQueue((_node, line) => {
      // The first line taken sets a timer that is due at once.
      if (line === 'line0') setTimeout(() => events.push('timer'), 0);
      busyFor(3);
      events.push(line);
    }, 4);
    for (let i = 0; i < 20; i++) queue.push('n1', `line${i}`);
    await expect.poll(() => events.length, { timeout: 5000 }).toBe(21);
    const timerAt = events.indexOf('timer');
    // 20 lines of 3 ms take 60 ms; the timer fires after a slice (two lines) or so, not after all of them.
    expect(timerAt).toBeGreaterThan(0);
    expect(timerAt).toBeLessThan(10);
    expect(events.filter((e) => e !== 'timer')).toEqual(Array.from({ length: 20 }, (_, i) => `line${i}`));
  });

  it('flush takes every waiting line now', () => {
    const taken: string[] = [];
    const queue = new ClientLineQueue((_node, line) => taken.push(line));
    queue.push('n1', 'a');
    queue.push('n1', 'b');
    queue.flush();
    expect(taken).toEqual(['a', 'b']);
    expect(queue.size).toBe(0);
  });

  it('past its bound takes lines at once, after those waiting', () => {
    const taken: string[] = [];
    const queue = new ClientLineQueue((_node, line) => taken.push(line), 4, 2);
    queue.push('n1', 'a');
    queue.push('n1', 'b');
    expect(taken).toEqual([]);
    queue.push('n1', 'c');
    expect(taken).toEqual(['a', 'b', 'c']);
    expect(queue.size).toBe(0);
  });
});
