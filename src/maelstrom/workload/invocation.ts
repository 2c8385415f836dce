/**
 * What the generator asks a client to do. These are the operations of
 * Jepsen's kafka workload as Maelstrom runs it (no transactions, assign
 * rather than subscribe): one send or one poll per operation, occasional
 * assigns, and crashes that replace a client with a fresh one.
 */
import type { SendInvokeMop } from '../history/op.js';

export type Invocation =
  | { readonly f: 'send'; readonly key: string; readonly msg: number }
  | { readonly f: 'poll' }
  /** Replace the client's keys; with seek_to_beginning, read them all from offset 0 without asking the node. */
  | { readonly f: 'assign'; readonly keys: readonly string[]; readonly seek_to_beginning: boolean }
  | { readonly f: 'crash' };

/** The `value` of the invoke op, in the history's shapes (see history/op.ts). */
export const invokeValue = (invocation: Invocation): unknown => {
  switch (invocation.f) {
    case 'send': {
      const mop: SendInvokeMop = ['send', invocation.key, invocation.msg];
      return [mop];
    }
    case 'poll':
      return [['poll']];
    case 'assign':
      return invocation.keys;
    case 'crash':
      return null;
  }
};
