/**
 * Who is who on a Maelstrom network. Clients are `c<number>`, the services
 * Maelstrom provides are named nodes (`lin-kv`...), and everything else that
 * the run started is a server node (`n0`...). Maelstrom's message statistics
 * split traffic the same way: a message "involves a client" when its source
 * or destination is one.
 */
import type { Message } from '../machine.js';

const CLIENT_ID = /^c\d+$/;

export const isClientId = (id: string): boolean => CLIENT_ID.test(id);

export const involvesClient = (message: Message): boolean => isClientId(message.src) || isClientId(message.dest);

export const clientId = (n: number): string => `c${n}`;

export const nodeIds = (count: number): string[] => Array.from({ length: count }, (_, i) => `n${i}`);
