/**
 * The services Maelstrom runs beside the nodes, as one pure machine. A node
 * talks to a service by sending to its name; the reply comes back from that
 * name with `in_reply_to` set, through the same network as any message.
 *
 *   lin-kv   linearizable kv: one map, every request applied in arrival order
 *   seq-kv   sequentially consistent kv (sequential.ts)
 *   lww-kv   eventually consistent last-write-wins kv (lww.ts)
 *   lin-tso  a linearizable timestamp oracle: `ts` -> `ts_ok {ts}`, 0, 1, 2...
 *
 * Input is a message addressed to one of SERVICE_IDS; effects are the reply.
 * As in Maelstrom's `service-thread`, every reply carries `in_reply_to`, null
 * when the request had no `msg_id`, and a request a service has no clause for
 * (an unknown or absent `type`) gets no reply at all: Maelstrom logs "Error in
 * service worker!" and its sender waits; ours logs why.
 */
import type { Body, Effect, Message, Step } from '../../core/machine.js';
import type { Rng } from '../workload/random.js';
import { emptyKv, handleKv, PERSISTENT_KV, type KvMap, type ReplyBody } from './kv.js';
import { emptyLww, handleLww } from './lww.js';
import { emptySequential, handleSequential, type SequentialKv } from './sequential.js';

export const SERVICE_IDS = ['lin-kv', 'seq-kv', 'lww-kv', 'lin-tso'] as const;
export type ServiceId = (typeof SERVICE_IDS)[number];

export const isServiceId = (id: string): id is ServiceId => (SERVICE_IDS as readonly string[]).includes(id);

export interface ServicesState {
  readonly rng: Rng;
  readonly lin: KvMap;
  readonly seq: SequentialKv;
  readonly lww: readonly KvMap[];
  /** The next timestamp lin-tso hands out. */
  readonly tso: number;
  /** Requests served, per service, for the run's statistics. */
  readonly served: Readonly<Record<ServiceId, number>>;
}

export type ServicesInput =
  | { readonly kind: 'message'; readonly now_ms: number; readonly message: Message }
  | { readonly kind: 'tick'; readonly now_ms: number };

export const initialServices = (rng: Rng): ServicesState => ({
  rng,
  lin: emptyKv(),
  seq: emptySequential(),
  lww: emptyLww(),
  tso: 0,
  served: { 'lin-kv': 0, 'seq-kv': 0, 'lww-kv': 0, 'lin-tso': 0 },
});

/** The new state and the answer, or a null answer where Maelstrom's service answers nothing. */
const serve = (state: ServicesState, service: ServiceId, src: string, body: Body): readonly [ServicesState, ReplyBody | null] => {
  switch (service) {
    case 'lin-kv': {
      const outcome = handleKv(state.lin, body, PERSISTENT_KV);
      return outcome === null ? [state, null] : [{ ...state, lin: outcome.map }, outcome.reply];
    }
    case 'seq-kv': {
      const [seq, reply, rng] = handleSequential(state.seq, src, body, state.rng);
      return [{ ...state, seq, rng }, reply];
    }
    case 'lww-kv': {
      const [lww, reply, rng] = handleLww(state.lww, body, state.rng);
      return [{ ...state, lww, rng }, reply];
    }
    case 'lin-tso':
      return body.type === 'ts' ? [{ ...state, tso: state.tso + 1 }, { type: 'ts_ok', ts: state.tso }] : [state, null];
  }
};

export const servicesStep: Step<ServicesState, ServicesInput> = (state, input) => {
  if (input.kind === 'tick') return [state, []];
  const { message } = input;
  const service = message.dest;
  if (!isServiceId(service)) return [state, [{ kind: 'log', text: `no service named ${service}` }]];
  const [served, reply] = serve(state, service, message.src, message.body);
  const next = { ...served, served: { ...served.served, [service]: served.served[service] + 1 } };
  if (reply === null) {
    const text = `${service} has no clause for a ${JSON.stringify(message.body.type) ?? 'missing'} type from ${message.src}: no reply, as in Maelstrom (its service worker throws)`;
    return [next, [{ kind: 'log', text }]];
  }
  // Maelstrom copies msg_id whatever it is, and null when absent; Body types it as a number, the wire does not.
  const body: Body = { ...reply, in_reply_to: (message.body.msg_id ?? null) as number };
  const effect: Effect = { kind: 'send', message: { src: service, dest: message.src, body } };
  return [next, [effect]];
};
