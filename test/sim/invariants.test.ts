/**
 * Each invariant the simulator asserts after every node step, shown to hold
 * on a correct step and to fire, with a sentence naming what broke, on a
 * step that breaks it.
 */
import { describe, expect, it } from 'vitest';
import type { Effect } from '../../src/core/machine.js';
import { appendAll, emptyLog } from '../../src/core/persistent/append-log.js';
import { emptyMap, set } from '../../src/core/persistent/hamt.js';
import { initialNodeState, type NodeState } from '../../src/core/node/state.js';
import { ownerOf } from '../../src/core/replication/ownership.js';
import { brokenInvariant, type InvariantContext, type WaitingRequest } from '../../src/sim/invariants.js';

const nodeIds = ['n0', 'n1'];
const key = ['a', 'b', 'c', 'd', 'e'].find((k) => ownerOf(nodeIds, k) === 'n0')!;

const withLog = (msgs: readonly unknown[], committed = -1, base: NodeState = initialNodeState()): NodeState => ({
  ...base,
  partitions: set(emptyMap(), key, { log: appendAll(emptyLog(), msgs), committed }),
});

const context = (states: Readonly<Record<string, NodeState>>, waiting: Readonly<Record<string, WaitingRequest>> = {}): InvariantContext => ({
  nodeIds,
  nodeState: (id) => states[id]!,
  waiting: (client, msg_id) => waiting[`${client}/${msg_id}`],
});

const reply = (body: Record<string, unknown>): Effect => ({ kind: 'send', message: { src: 'n0', dest: 'c9', body: { in_reply_to: 1, msg_id: 7, ...body, type: body['type'] as string } } });

describe('the invariants', () => {
  const owner = withLog([10, 20, 30], 1);
  const ctx = context({ n0: owner, n1: withLog([10, 20]) });

  it('hold for a log that grows and a commit that moves forward', () => {
    expect(brokenInvariant(ctx, 'n0', withLog([10, 20], 0), owner, [])).toBeNull();
    expect(brokenInvariant(ctx, 'n1', withLog([10]), withLog([10, 20]), [])).toBeNull();
  });

  it('catch msg_ids going back', () => {
    expect(brokenInvariant(ctx, 'n0', { ...owner, nextMsgId: 5 }, { ...owner, nextMsgId: 4 }, [])).toMatch(/msg_id went back from 5 to 4/);
  });

  it('catch a log that shrinks, or an offset that changes', () => {
    expect(brokenInvariant(ctx, 'n0', owner, withLog([10, 20], 1), [])).toMatch(/shrank from 3 to 2/);
    expect(brokenInvariant(ctx, 'n0', owner, withLog([10, 99, 30, 40], 1), [])).toMatch(/changed offset 1 .* from 20 to 99/);
  });

  it('catch a committed offset that goes back', () => {
    expect(brokenInvariant(ctx, 'n0', owner, withLog([10, 20, 30], 0), [])).toMatch(/committed offset .* went back from 1 to 0/);
  });

  it('catch a replica that is not a prefix of its owner', () => {
    expect(brokenInvariant(ctx, 'n1', withLog([10]), withLog([10, 21]), [])).toMatch(/replica .* holds 21 at offset 1, where its owner n0 holds 20/);
    expect(brokenInvariant(ctx, 'n1', withLog([10]), withLog([10, 20, 30, 40]), [])).toMatch(/has 4 entries, more than its owner n0's 3/);
  });

  it('catch an acknowledged send that is not in its owner log at its offset', () => {
    const waiting = context({ n0: owner, n1: withLog([]) }, { 'c9/1': { rpc: 'send', key, msg: 30 } });
    expect(brokenInvariant(waiting, 'n0', owner, owner, [reply({ type: 'send_ok', offset: 2 })])).toBeNull();
    expect(brokenInvariant(waiting, 'n0', owner, owner, [reply({ type: 'send_ok', offset: 1 })])).toMatch(/acknowledged c9's send of 30 .* at offset 1, where its owner n0 holds 20/);
  });

  it('catch a poll reply that skips, starts elsewhere, or reads what the owner does not hold', () => {
    const waiting = context({ n0: owner, n1: withLog([]) }, { 'c9/1': { rpc: 'poll', offsets: { [key]: 1 } } });
    const poll = (pairs: unknown[][], k = key): Effect[] => [reply({ type: 'poll_ok', msgs: { [k]: pairs } })];
    expect(brokenInvariant(waiting, 'n0', owner, owner, poll([[1, 20], [2, 30]]))).toBeNull();
    expect(brokenInvariant(waiting, 'n0', owner, owner, poll([[2, 30]]))).toMatch(/from 1 with offset 2 in position 0: not a contiguous run/);
    expect(brokenInvariant(waiting, 'n0', owner, owner, poll([[1, 20], [2, 31]]))).toMatch(/with 31 at offset 2, where its owner n0 holds 30/);
    expect(brokenInvariant(waiting, 'n0', owner, owner, poll([[0, 1]], 'zz'))).toMatch(/with key "zz", which it did not ask for/);
  });

  it('leave alone replies nobody waits for (late ones)', () => {
    expect(brokenInvariant(ctx, 'n0', owner, owner, [reply({ type: 'send_ok', offset: 0 })])).toBeNull();
  });
});
