/**
 * Who is who on a Maelstrom network. Clients are `c<number>`, the services
 * Maelstrom provides are named nodes (`lin-kv`...), and everything else that
 * the run started is a server node (`n0`...). Maelstrom's message statistics
 * split traffic the same way: a message "involves a client" when its source
 * or destination is one.
 */
import type { Message } from '../../core/machine.js';

/**
 * Whether `id` is `c` then one or more ASCII digits (what /^c\d+$/ matches),
 * written out: the network asks this several times for every message.
 */
export const isClientId = (id: string): boolean => {
  if (id.length < 2 || id.charCodeAt(0) !== 99) return false;
  for (let i = 1; i < id.length; i++) {
    const code = id.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
};

export const involvesClient = (message: Message): boolean => isClientId(message.src) || isClientId(message.dest);

export const clientId = (n: number): string => `c${n}`;

export const nodeIds = (count: number): string[] => Array.from({ length: count }, (_, i) => `n${i}`);
