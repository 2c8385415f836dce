/**
 * Message counts as Maelstrom's network journal keeps them, split three ways:
 * all messages, those that involve a client, and those between servers
 * (nodes and services). `msg_count` counts distinct message ids: a message
 * sent once and delivered twice is one message; one lost to a partition
 * still counts, as it was sent.
 */
import type { Message } from '../../core/machine.js';
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

// Written out field by field: this runs for every message, and a spread with a
// computed key costs several times more.
const sent = (c: NetCounts): NetCounts => ({ send_count: c.send_count + 1, recv_count: c.recv_count, msg_count: c.msg_count + 1 });
const received = (c: NetCounts): NetCounts => ({ send_count: c.send_count, recv_count: c.recv_count + 1, msg_count: c.msg_count });

const record = (stats: NetStats, message: Message, bump: (c: NetCounts) => NetCounts): NetStats =>
  involvesClient(message)
    ? { all: bump(stats.all), clients: bump(stats.clients), servers: stats.servers }
    : { all: bump(stats.all), clients: stats.clients, servers: bump(stats.servers) };

/** A fresh message entered the network (a new id). */
export const countSent = (stats: NetStats, message: Message): NetStats => record(stats, message, sent);

/** A message reached its destination. */
export const countReceived = (stats: NetStats, message: Message): NetStats => record(stats, message, received);
