/**
 * Model-based test of the node reducer: fast-check runs random command
 * sequences against the reducer and against a model that is deliberately not
 * a copy of it: a Map from key to array, and a Map of committed offsets.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultNodeConfig } from '../src/core/node/config.js';
import { initialNodeState, type NodeState } from '../src/core/node/state.js';
import { feedLine, initLine, request } from '../test/support/feed.js';
import { keyArb, malformedBodyArb, msgArb } from './arbitraries.js';

interface Model {
  readonly logs: Map<string, unknown[]>;
  readonly committed: Map<string, number>;
  msgId: number;
}

interface Real {
  state: NodeState;
}

/** Feeds one request line, and returns the single reply body it produced. */
const call = (real: Real, body: Record<string, unknown>): Record<string, unknown> => {
  const fed = feedLine(real.state, request(body));
  real.state = fed.state;
  expect(fed.output).toHaveLength(1);
  const reply = JSON.parse(fed.output[0]!.slice(2)) as { body: Record<string, unknown> };
  return reply.body;
};

const POLL_MAX = 4;

class SendCommand implements fc.Command<Model, Real> {
  constructor(
    readonly key: string,
    readonly msg: unknown,
  ) {}
  check = (): boolean => true;
  run(model: Model, real: Real): void {
    const log = model.logs.get(this.key) ?? [];
    const reply = call(real, { type: 'send', msg_id: model.msgId++, key: this.key, msg: this.msg });
    expect(reply).toMatchObject({ type: 'send_ok', offset: log.length });
    log.push(this.msg);
    model.logs.set(this.key, log);
  }
  toString = (): string => `send(${JSON.stringify(this.key)}, ${JSON.stringify(this.msg)})`;
}

class PollCommand implements fc.Command<Model, Real> {
  constructor(readonly offsets: Readonly<Record<string, number>>) {}
  check = (): boolean => true;
  run(model: Model, real: Real): void {
    const reply = call(real, { type: 'poll', msg_id: model.msgId++, offsets: this.offsets });
    const expected: Record<string, [number, unknown][]> = {};
    for (const [key, from] of Object.entries(this.offsets)) {
      const pairs = (model.logs.get(key) ?? []).slice(from, from + POLL_MAX).map((msg, i): [number, unknown] => [from + i, msg]);
      if (pairs.length > 0) expected[key] = pairs;
    }
    expect(reply).toEqual({ type: 'poll_ok', msgs: expected, in_reply_to: model.msgId - 1, msg_id: expect.any(Number) });
  }
  toString = (): string => `poll(${JSON.stringify(this.offsets)})`;
}

class CommitCommand implements fc.Command<Model, Real> {
  constructor(readonly offsets: Readonly<Record<string, number>>) {}
  check = (): boolean => true;
  run(model: Model, real: Real): void {
    const reply = call(real, { type: 'commit_offsets', msg_id: model.msgId++, offsets: this.offsets });
    expect(reply['type']).toBe('commit_offsets_ok');
    for (const [key, offset] of Object.entries(this.offsets)) {
      model.committed.set(key, Math.max(model.committed.get(key) ?? -1, offset));
    }
  }
  toString = (): string => `commit(${JSON.stringify(this.offsets)})`;
}

class ListCommand implements fc.Command<Model, Real> {
  constructor(readonly keys: readonly string[]) {}
  check = (): boolean => true;
  run(model: Model, real: Real): void {
    const reply = call(real, { type: 'list_committed_offsets', msg_id: model.msgId++, keys: this.keys });
    const expected = Object.fromEntries(this.keys.filter((k) => model.committed.has(k)).map((k) => [k, model.committed.get(k)!]));
    expect(reply['offsets']).toEqual(expected);
  }
  toString = (): string => `list(${JSON.stringify(this.keys)})`;
}

/** A request broken in one of the ways a client can break it. */
class MalformedCommand implements fc.Command<Model, Real> {
  constructor(readonly body: Record<string, unknown>) {}
  check = (): boolean => true;
  run(model: Model, real: Real): void {
    const before = real.state;
    const reply = call(real, { ...this.body, msg_id: model.msgId++ });
    expect([10, 12]).toContain(reply['code']);
    expect(real.state.partitions).toBe(before.partitions);
  }
  toString = (): string => `malformed(${JSON.stringify(this.body)})`;
}

const offsetsArb = fc.dictionary(keyArb, fc.nat({ max: 8 }), { maxKeys: 3 });


const commands = [
  fc.tuple(keyArb, msgArb).map(([k, m]) => new SendCommand(k, m)),
  offsetsArb.map((o) => new PollCommand(o)),
  offsetsArb.map((o) => new CommitCommand(o)),
  fc.array(keyArb, { maxLength: 4 }).map((keys) => new ListCommand(keys)),
  malformedBodyArb.map((b) => new MalformedCommand(b)),
];

describe('node reducer against a map-of-arrays model', () => {
  it('agrees on every reply', () => {
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 80, size: 'large' }), (cmds) => {
        const start = feedLine(initialNodeState({ ...defaultNodeConfig, pollMaxPerKey: POLL_MAX }), initLine()).state;
        fc.modelRun(() => ({ model: { logs: new Map(), committed: new Map(), msgId: 1 }, real: { state: start } }), cmds);
      }),
      { numRuns: 200 },
    );
  });
});
