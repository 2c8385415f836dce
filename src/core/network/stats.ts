/**
 * Message counts as Maelstrom's network journal keeps them, split three ways:
 * all messages, those that involve a client, and those between servers
 * (nodes and services). `msg_count` counts distinct message ids: a message
 * sent once and delivered twice is one message; one lost to a partition
 * still counts, as it was sent.
 */
import type { Message } from '../machine.js';
import { involvesClient } from './addresses.js';

export interface NetCounts {
  readonly send_count: number;
  readonly recv_count: number;
  readonly msg_count: number;
}

export interface NetStats {
  readonly all: NetCounts;
  readonly clients: NetCounts;
  readonly servers: NetCounts;
}

const ZERO: NetCounts = { send_count: 0, recv_count: 0, msg_count: 0 };

export const emptyNetStats: NetStats = { all: ZERO, clients: ZERO, servers: ZERO };

const bump = (counts: NetCounts, field: keyof NetCounts): NetCounts => ({ ...counts, [field]: counts[field] + 1 });

const record = (stats: NetStats, message: Message, fields: readonly (keyof NetCounts)[]): NetStats => {
  let all = stats.all;
  let side = involvesClient(message) ? stats.clients : stats.servers;
  for (const field of fields) {
    all = bump(all, field);
    side = bump(side, field);
  }
  return involvesClient(message) ? { ...stats, all, clients: side } : { ...stats, all, servers: side };
};

/** A fresh message entered the network (a new id). */
export const countSent = (stats: NetStats, message: Message): NetStats => record(stats, message, ['send_count', 'msg_count']);

/** A message reached its destination. */
export const countReceived = (stats: NetStats, message: Message): NetStats => record(stats, message, ['recv_count']);
