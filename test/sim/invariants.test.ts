/**
 * Each invariant the simulator asserts after every node step, shown to hold
 * on a correct step and to fire, with a sentence naming what broke, on a
 * step that breaks it. Two nodes: n0 assigns the even offsets, n1 the odd.
 */
import { describe, expect, it } from 'vitest';
import type { Effect } from '../../src/core/machine.js';
import { appendAll, emptyLog } from '../../src/core/persistent/append-log.js';
import { emptyMap, set } from '../../src/core/persistent/hamt.js';
import type { OffsetMessage } from '../../src/core/node/partition.js';
import { initialNodeState, type NodeState } from '../../src/core/node/state.js';
import { noPending } from '../../src/core/replication/replica.js';
import { decideUpTo, emptyShownLog } from '../../src/core/node/shown-log.js';
import { brokenInvariant, type InvariantContext, type WaitingRequest } from '../../src/sim/invariants.js';

const nodeIds = ['n0', 'n1'];
const key = 'k';

/**
 * A node that assigned `own` and shows `shown` (undefined: a hole) below its
 * stable point: its own entries at or above it are pending there.
 */
const node = (own: readonly OffsetMessage[], shown: readonly unknown[], committed = -1): NodeState => {
  const pending = own.filter(([offset]) => offset >= shown.length);
  return {
    ...initialNodeState(),
    partitions: set(emptyMap(), key, {
      log: decideUpTo(emptyShownLog, shown.flatMap((msg, offset) => (msg === undefined ? [] : [[offset, msg] as const])), shown.length),
      committed,
    }),
    replicas: set(emptyMap(), key, {
      maxKnown: own.at(-1)?.[0] ?? -1,
      pending: { ...noPending, log: appendAll(emptyLog(), pending) },
      behind: [0],
    }),
  };
};

const context = (states: Readonly<Record<string, NodeState>>, waiting: Readonly<Record<string, WaitingRequest>> = {}): InvariantContext => ({
  nodeIds,
  nodeState: (id) => states[id]!,
  waiting: (client, msg_id) => waiting[`${client}/${msg_id}`],
});

const reply = (body: Record<string, unknown>): Effect => ({ kind: 'send', message: { src: 'n0', dest: 'c9', body: { in_reply_to: 1, msg_id: 7, ...body, type: body['type'] as string } } });

describe('the invariants', () => {
  // n0 assigned 10 at 0 and 30 at 2; n1 assigned 20 at 1. Both show offsets 0-2.
  const n0 = node([[0, 10], [2, 30]], [10, 20, 30], 1);
  const n1 = node([[1, 20]], [10, 20, 30]);
  const ctx = context({ n0, n1 });

  it('hold for a log that grows and a commit that moves forward', () => {
    expect(brokenInvariant(ctx, 'n0', node([[0, 10], [2, 30]], [10, 20], 0), n0, [])).toBeNull();
    expect(brokenInvariant(ctx, 'n1', node([[1, 20]], [10]), n1, [])).toBeNull();
  });

  it('catch msg_ids going back', () => {
    expect(brokenInvariant(ctx, 'n0', { ...n0, nextMsgId: 5 }, { ...n0, nextMsgId: 4 }, [])).toMatch(/msg_id went back from 5 to 4/);
  });

  it('catch a log that shrinks, or an offset that changes', () => {
    expect(brokenInvariant(ctx, 'n0', n0, node([[0, 10], [2, 30]], [10, 20], 1), [])).toMatch(/shrank from 3 to 2/);
    expect(brokenInvariant(ctx, 'n0', n0, node([[0, 10], [2, 30]], [10, 99, 30], 1), [])).toMatch(/changed offset 1 .* from 20 to 99/);
  });

  it('catch a committed offset that goes back', () => {
    expect(brokenInvariant(ctx, 'n0', n0, node([[0, 10], [2, 30]], [10, 20, 30], 0), [])).toMatch(/committed offset .* went back from 1 to 0/);
  });

  it('catch a shown offset that is not what its assigner assigned, or a hole where it assigned something', () => {
    expect(brokenInvariant(ctx, 'n1', node([[1, 20]], [10]), node([[1, 20]], [10, 21]), [])).toMatch(/n1 shows 21 at offset 1 .* where n1 assigned 20/);
    expect(brokenInvariant(ctx, 'n1', node([[1, 20]], [10]), node([[1, 20]], [10, undefined]), [])).toMatch(/shows nothing at offset 1 .* where n1 assigned 20/);
    expect(brokenInvariant(ctx, 'n1', node([[1, 20]], [10, 20, 30]), node([[1, 20]], [10, 20, 30, 40]), [])).toMatch(/shows 40 at offset 3 .* where n1 assigned nothing/);
  });

  it('catch an assignment below a stable point, or out of class', () => {
    const before = node([[0, 10], [2, 30]], [10, 20, 30]);
    // n1 shows offsets 0-2 already: n0 may not take 2 again, nor any offset below 3.
    expect(brokenInvariant(context({ n0: before, n1 }), 'n0', node([[0, 10]], [10]), node([[0, 10], [2, 30]], [10]), [])).toMatch(/assigned offset 2 .* below n1's stable point 3/);
    const waiting = context({ n0: before, n1 }, { 'c9/1': { rpc: 'send', key, msg: 50 } });
    const after = node([[0, 10], [2, 30], [5, 50]], [10, 20, 30]);
    expect(brokenInvariant(waiting, 'n0', before, after, [reply({ type: 'send_ok', offset: 5 })])).toMatch(/offset 5, which only n1 may assign/);
    expect(brokenInvariant(ctx, 'n0', before, node([[0, 10], [2, 30], [4, 50]], [10, 20, 30]), [])).toBeNull();
  });

  it('catch an acknowledged send that its node did not assign at its offset', () => {
    const waiting = context({ n0, n1 }, { 'c9/1': { rpc: 'send', key, msg: 30 } });
    expect(brokenInvariant(waiting, 'n0', n0, n0, [reply({ type: 'send_ok', offset: 2 })])).toBeNull();
    expect(brokenInvariant(waiting, 'n0', n0, n0, [reply({ type: 'send_ok', offset: 4 })])).toMatch(/acknowledged c9's send of 30 .* at offset 4, where nothing was assigned/);
    expect(brokenInvariant(waiting, 'n0', n0, n0, [reply({ type: 'send_ok', offset: 1 })])).toMatch(/at offset 1, which only n1 may assign/);
  });

  it('catch a poll reply that skips, goes back, reads what nobody assigned, or lists a key with nothing', () => {
    const waiting = context({ n0, n1 }, { 'c9/1': { rpc: 'poll', offsets: { [key]: 1 } } });
    const poll = (pairs: unknown[][], k = key): Effect[] => [reply({ type: 'poll_ok', msgs: { [k]: pairs } })];
    expect(brokenInvariant(waiting, 'n0', n0, n0, poll([[1, 20], [2, 30]]))).toBeNull();
    expect(brokenInvariant(waiting, 'n0', n0, n0, poll([[2, 30]]))).toMatch(/from 1 with offset 2, leaving out 20 at offset 1/);
    expect(brokenInvariant(waiting, 'n0', n0, n0, poll([[1, 20], [1, 20]]))).toMatch(/offset 1 out of order/);
    expect(brokenInvariant(waiting, 'n0', n0, n0, poll([[1, 20], [2, 31]]))).toMatch(/with 31 at offset 2, where 30 was assigned/);
    expect(brokenInvariant(waiting, 'n0', n0, n0, poll([]))).toMatch(/with key "k" and no messages/);
    expect(brokenInvariant(waiting, 'n0', n0, n0, poll([[0, 1]], 'zz'))).toMatch(/with key "zz", which it did not ask for/);
  });

  it('leave alone replies nobody waits for (late ones)', () => {
    expect(brokenInvariant(ctx, 'n0', n0, n0, [reply({ type: 'send_ok', offset: 0 })])).toBeNull();
  });
});
