/**
 * The harness on virtual time, with nodes as plain in-process functions: the
 * smallest simulator, enough to test the workload end to end without
 * processes. A node gets each message the harness delivers and returns its
 * replies, which reach the harness `node_delay_ms` later.
 */
import type { Effect, Message } from '../../../src/core/machine.js';
import { harnessDone, harnessStep, initialHarness, type HarnessConfig, type HarnessInput, type HarnessState } from '../../../src/maelstrom/workload/harness.js';

export type FakeNode = (message: Message, now_ms: number) => readonly { readonly message: Message; readonly delay_ms?: number }[];

export interface Simulated {
  readonly state: HarnessState;
  readonly deliveries: number;
  readonly end_ms: number;
}

interface Scheduled {
  readonly at_ms: number;
  readonly seq: number;
  readonly input: HarnessInput;
}

export const simulate = (
  config: HarnessConfig,
  nodes: Readonly<Record<string, FakeNode>>,
  options: { readonly node_delay_ms?: number; readonly events?: readonly HarnessInput[]; readonly max_steps?: number } = {},
): Simulated => {
  const delay = options.node_delay_ms ?? 0.05;
  let state = initialHarness(config);
  let wake: number | undefined = 0;
  let seq = 0;
  const queue: Scheduled[] = (options.events ?? []).map((input) => ({ at_ms: input.now_ms, seq: seq++, input }));
  let deliveries = 0;
  let now = 0;
  for (let steps = 0; !harnessDone(state); steps++) {
    if (steps > (options.max_steps ?? 2_000_000)) throw new Error('simulation did not finish');
    queue.sort((a, b) => a.at_ms - b.at_ms || a.seq - b.seq);
    const next = queue[0];
    let input: HarnessInput;
    if (next !== undefined && (wake === undefined || next.at_ms <= wake)) {
      queue.shift();
      input = next.input;
    } else if (wake !== undefined) {
      input = { kind: 'tick', now_ms: wake };
    } else {
      throw new Error(`stalled at ${now} ms in phase ${state.workload.phase}`);
    }
    now = input.now_ms;
    const [after, effects] = harnessStep(state, input);
    state = after;
    wake = undefined;
    for (const effect of effects as readonly Effect[]) {
      if (effect.kind === 'timer') wake = effect.at_ms;
      if (effect.kind !== 'send') continue;
      deliveries++;
      const node = nodes[effect.message.dest];
      if (node === undefined) continue;
      for (const out of node(effect.message, now)) {
        const at_ms = now + (out.delay_ms ?? delay);
        queue.push({ at_ms, seq: seq++, input: { kind: 'node-output', now_ms: at_ms, node: effect.message.dest, message: out.message } });
      }
    }
  }
  return { state, deliveries, end_ms: now };
};

/** Nodes that all share one perfect log: correct for any node count and any partition. */
export const sharedLogCluster = (
  ids: readonly string[],
  tweak: { readonly loseEvery?: number; readonly silent?: ReadonlySet<string>; readonly mute_after_ms?: number } = {},
): Record<string, FakeNode> => {
  const logs = new Map<string, unknown[]>();
  const committed = new Map<string, number>();
  let sends = 0;
  const nodes: Record<string, FakeNode> = {};
  for (const id of ids) {
    let next_msg_id = 0;
    nodes[id] = (message, now_ms) => {
      if (tweak.silent?.has(id)) return [];
      if (tweak.mute_after_ms !== undefined && now_ms > tweak.mute_after_ms && message.body.type !== 'init') return [];
      const body = message.body;
      const answer = (fields: Record<string, unknown>) => [
        { message: { src: id, dest: message.src, body: { ...fields, type: fields.type as string, msg_id: next_msg_id++, in_reply_to: body.msg_id } } },
      ];
      switch (body.type) {
        case 'init':
          return answer({ type: 'init_ok' });
        case 'send': {
          const key = body.key as string;
          const log = logs.get(key) ?? [];
          logs.set(key, log);
          sends++;
          log.push(tweak.loseEvery !== undefined && sends % tweak.loseEvery === 0 ? undefined : body.msg);
          return answer({ type: 'send_ok', offset: log.length - 1 });
        }
        case 'poll': {
          const msgs: Record<string, [number, unknown][]> = {};
          for (const [key, from] of Object.entries(body.offsets as Record<string, number>)) {
            const pairs = (logs.get(key) ?? []).flatMap((msg, offset): [number, unknown][] => (offset >= from && msg !== undefined ? [[offset, msg]] : []));
            if (pairs.length > 0) msgs[key] = pairs;
          }
          return answer({ type: 'poll_ok', msgs });
        }
        case 'commit_offsets':
          for (const [key, offset] of Object.entries(body.offsets as Record<string, number>)) committed.set(key, Math.max(committed.get(key) ?? 0, offset));
          return answer({ type: 'commit_offsets_ok' });
        case 'list_committed_offsets': {
          const offsets: Record<string, number> = {};
          for (const key of body.keys as string[]) if (committed.has(key)) offsets[key] = committed.get(key)!;
          return answer({ type: 'list_committed_offsets_ok', offsets });
        }
        default:
          return answer({ type: 'error', code: 10, text: 'unsupported' });
      }
    };
  }
  return nodes;
};
