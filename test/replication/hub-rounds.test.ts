/**
 * A star's hub sends its round early once every leaf has answered an earlier
 * one (replication/hub-rounds.ts): the bookkeeping, and the hub itself, fed
 * its leaves' answers by hand.
 */
import { describe, expect, it } from 'vitest';
import type { Effect } from '../../src/core/machine.js';
import * as E from 'fp-ts/lib/Either.js';
import { decodeNodeInput } from '../../src/core/protocol/decode.js';
import { initialNodeState, type NodeState } from '../../src/core/node/state.js';
import { step } from '../../src/core/node/step.js';
import { awaitRound, EARLY_SHARE, MAX_ROUNDS_AWAITED, roundEarly, roundsAnswered } from '../../src/core/replication/hub-rounds.js';

describe("the hub's rounds awaiting answers", () => {
  it('remembers each round that ended its news further, oldest first, and only the latest few', () => {
    let rounds = awaitRound([], 10);
    rounds = awaitRound(rounds, 10);
    rounds = awaitRound(rounds, 25);
    expect(rounds).toEqual([10, 25]);
    for (let end = 30; end < 30 + 2 * MAX_ROUNDS_AWAITED; end++) rounds = awaitRound(rounds, end);
    expect(rounds).toHaveLength(MAX_ROUNDS_AWAITED);
    expect(rounds[rounds.length - 1]).toBe(29 + 2 * MAX_ROUNDS_AWAITED);
  });

  it('completes the rounds every leaf holds, and only those', () => {
    expect(roundsAnswered([10, 25, 40], 9)).toEqual([[10, 25, 40], false]);
    expect(roundsAnswered([10, 25, 40], 25)).toEqual([[40], true]);
    expect(roundsAnswered([10, 25, 40], 100)).toEqual([[], true]);
    expect(roundsAnswered([], 100)).toEqual([[], false]);
  });

  it('goes early only when the tick is a good part of an interval away', () => {
    expect(roundEarly(1000, 1100, 100)).toBe(true);
    expect(roundEarly(1000, 1000 + EARLY_SHARE * 100, 100)).toBe(true);
    expect(roundEarly(1000, 1000 + EARLY_SHARE * 100 - 1, 100)).toBe(false);
  });
});


const NODES = ['n0', 'n1', 'n2', 'n3', 'n4', 'n5'];
const LEAVES = NODES.slice(1);
const TICK = 100;

/** The hub n0 of a six-node star, and what it did on each input. */
class Hub {
  state: NodeState = initialNodeState();
  msgId = 0;

  deliver(now_ms: number, src: string, body: Record<string, unknown>): Effect[] {
    const input = decodeNodeInput({ src, dest: 'n0', body }, now_ms);
    if (E.isLeft(input)) throw new Error(input.left);
    const [next, effects] = step(this.state, input.right);
    this.state = next;
    return [...effects];
  }

  tick(now_ms: number): Effect[] {
    const [next, effects] = step(this.state, { kind: 'tick', now_ms });
    this.state = next;
    return [...effects];
  }

  /** A leaf's sync: a stretch [from, to) of its news with a floor for key a, acknowledging the hub's news below `ack`. */
  sync(now_ms: number, leaf: string, from: number, floor: number, ack: number, entries: [string, number, unknown][] = []): Effect[] {
    return this.deliver(now_ms, leaf, { type: 'kafka_sync', msg_id: this.msgId++, from, to: from + 1, entries, floors: { a: floor }, committed: {}, ack, refused: null });
  }
}

const syncsTo = (effects: readonly Effect[]): string[] => effects.flatMap((e) => (e.kind === 'send' && e.message.body.type === 'kafka_sync' ? [e.message.dest] : []));

/**
 * The hub learns an entry of n1's, relays it on its tick at 100 ms, and the
 * leaves answer with their raised floors at `answers_ms` (null: that leaf
 * does not answer). Returns the leaves the hub sent syncs to on each answer.
 */
const roundAnswered = (answers_ms: readonly (number | null)[]): { readonly end: number; readonly onAnswer: string[][] } => {
  const hub = new Hub();
  hub.deliver(0, 'c0', { type: 'init', msg_id: 0, node_id: 'n0', node_ids: NODES });
  hub.sync(10, 'n1', 0, 7, 0, [['a', 1, 'first']]);
  const round = hub.tick(TICK).flatMap((e) => (e.kind === 'send' && e.message.body.type === 'kafka_sync' ? [e.message.body] : []));
  expect(round).toHaveLength(LEAVES.length);
  const end = (round[0] as unknown as { to: number }).to;
  const onAnswer = LEAVES.flatMap((leaf, i) => {
    const at_ms = answers_ms[i];
    return at_ms === null || at_ms === undefined ? [] : [syncsTo(hub.sync(at_ms, leaf, leaf === 'n1' ? 1 : 0, 7 + i, end))];
  });
  return { end, onAnswer };
};

describe("a star's hub, when the last answer to a round comes in", () => {
  it('sends its next round at once when the tick is still a good part of an interval away', () => {
    const { onAnswer } = roundAnswered([120, 125, 130, 135, 140]);
    expect(onAnswer.slice(0, -1)).toEqual([[], [], [], []]);
    expect(onAnswer[onAnswer.length - 1]).toEqual(LEAVES);
  });

  it('leaves it to the tick when that is close', () => {
    const { onAnswer } = roundAnswered([120, 125, 130, 135, 100 + TICK - 10]);
    expect(onAnswer).toEqual([[], [], [], [], []]);
  });

  it('sends nothing early while a leaf has not answered', () => {
    const { onAnswer } = roundAnswered([120, 125, null, 135, 140]);
    expect(onAnswer).toEqual([[], [], [], []]);
  });
});
