/**
 * Replication on the tick: at most one `kafka_sync` per neighbor, and none
 * when there is nothing to say. A sync carries a stretch of the sender's
 * news (replication/news.ts), from where the neighbor is (or where the
 * sender last sent) to its end: the entries routed to that neighbor, and
 * for every key the stretch touches, the floor the sender promises towards
 * it and the key's committed offset. It also acknowledges the neighbor's
 * news.
 *
 * Invariant: a node holds a prefix of each neighbor's news (link.ts), so a
 * floor, which covers every entry of the stretch and before, is taken only
 * with those entries: a sync that would leave a gap is refused whole, and
 * the refusal sends the sender back to where the receiver is.
 */
import { keyedRecord } from '../protocol/keyed.js';
import { get } from '../persistent/hamt.js';
import { isLeaf, type Cluster } from '../node/cluster.js';
import type { Outbox } from '../node/outbox.js';
import type { OffsetMessage } from '../node/partition.js';
import { partitionOf, type NodeState } from '../node/state.js';
import { messageAt } from '../node/shown-log.js';
import { commitLearned } from './commits.js';
import { ackDelay, goBack, onAcknowledged, retryWaitMs, type LinkState } from './link.js';
import { addNews, isEntry, newsAt, newsEnd, trimNews } from './news.js';
import { assignerOf } from './offsets.js';
import { tickOf } from './tick-interval.js';
import { hubInterval } from './hub-interval.js';
import type { SyncMessage } from './protocol.js';
import { holdsOffset, replicaOf, settle } from './key-replica.js';
import { addPending, floorTowards, ownFloor, type KeyReplica } from './replica.js';

/** The tick's work, now: each neighbor's due sync, the news every neighbor holds dropped, and the next tick a whole interval away. */
export const syncNow = (
  state: NodeState,
  now_ms: number,
  out: Outbox,
  nextIn_ms: number = state.cluster!.relays ? hubInterval(tickOf(state), state.links) : tickOf(state),
): NodeState => {
  const links: LinkState[] = [];
  let needed = Infinity;
  for (let i = 0; i < state.links.length; i++) {
    const link = sendSync(state, i, state.links[i]!, now_ms, out);
    links.push(link);
    needed = Math.min(needed, link.acked);
  }
  const nextTick_ms = now_ms + nextIn_ms;
  out.timer(nextTick_ms);
  return { ...state, links, news: trimNews(state.news, needed), nextTick_ms };
};

/** Builds and sends this tick's sync to the neighbor at `index`, if there is anything to say; returns its new link. */
export const sendSync = (state: NodeState, index: number, link: LinkState, now_ms: number, out: Outbox): LinkState => {
  const cluster = state.cluster!;
  const end = newsEnd(state.news);
  const retry = link.acked < link.sent && now_ms >= link.retryAt_ms;
  // The first try since we last heard from the neighbor: it is most likely alive, and this stretch was lost by chance.
  const firstTry = retry && link.tries === 0;
  if (retry) link = { ...goBack(link, end), tries: link.tries + 1 };
  const from = link.sent;
  const ackOnly = link.refused >= 0 || now_ms >= link.ackDueSince_ms + ackDelay(state.config, tickOf(state));
  if (from === end && !ackOnly) return link;

  const entries: [string, number, unknown][] = [];
  const touched = new Set<string>();
  for (let position = from; position < end; position++) {
    const item = newsAt(state.news, position);
    // An entry goes everywhere but back where it came from; every item touches its key.
    if (isEntry(item) && item[3] !== index) entries.push([item[0], item[1], item[2]]);
    touched.add(item[0]);
  }
  const floors = keyedRecord<number>();
  const committed = keyedRecord<number>();
  for (const key of touched) {
    floors[key] = floorTowards(cluster, replicaOf(state, key), index);
    const c = get(state.partitions, key)?.committed ?? -1;
    if (c >= 0) committed[key] = c;
  }
  const sync = { type: 'kafka_sync' as const, from, to: end, entries, floors, committed, ack: link.received, refused: link.refused < 0 ? null : link.refused };
  // A stretch timed out on a live neighbor goes twice, as QUIC sends two probes when its timer fires (RFC 9002,
  // 6.2.4): losing both copies is then as rare as losing two syncs in a row, which would cost a second wait. A
  // silent neighbor (cut off, or gone) gets one copy a try. The copy is its own object: the outbox takes
  // ownership of a body and stamps its msg_id on it.
  if (firstTry) out.send(link.id, { ...sync });
  out.send(link.id, sync);

  const fresh = end > from && !retry;
  return {
    ...link,
    sent: end,
    retryAt_ms: end > link.acked && (retry || link.retryAt_ms === Infinity) ? now_ms + retryWaitMs(state.config, link, tickOf(state)) : link.retryAt_ms,
    timed: fresh && link.timed === null ? [end, now_ms] : link.timed,
    ackDueSince_ms: Infinity,
    refused: -1,
  };
};

/** A neighbor's sync: its acknowledgement of our news, then its own news, if it follows on from what we hold. */
export const onSync = (state: NodeState, index: number, body: SyncMessage, now_ms: number, out: Outbox): NodeState => {
  const cluster = state.cluster!;
  let link = onAcknowledged(state.config, tickOf(state), state.links[index]!, body.ack, body.refused, newsEnd(state.news), now_ms);
  let next = state;
  if (body.from > link.received) {
    out.log(`refusing ${link.id}'s news from #${body.from}: we hold only up to #${link.received}, a sync was lost`);
    link = { ...link, refused: Math.max(link.refused, body.to) };
  } else if (body.to > link.received) {
    next = learn(next, cluster, index, body, out);
    link = { ...link, received: body.to, ackDueSince_ms: Math.min(link.ackDueSince_ms, now_ms) };
  } else if (body.to > body.from) {
    // A stretch we hold already: its sender is waiting for our acknowledgement, and has waited long.
    link = { ...link, ackDueSince_ms: -Infinity };
  }
  next = withLink(next, index, link);
  // A leaf answers the hub at once, instead of on its next tick: its floors are what every other leaf waits for
  // (the hub gathers them), and the hub's own tick then finds them in. Its own tick moves on by half as much
  // again as an interval, past the hub's next sync if the hub is busy, so a busy leaf sends one sync per hub sync.
  const answers = isLeaf(cluster) && (link.received > state.links[index]!.received || link.refused >= 0);
  return answers ? syncNow(next, now_ms, out, Math.ceil(1.5 * tickOf(state))) : next;
};

const withLink = (state: NodeState, index: number, link: LinkState): NodeState => {
  const links = state.links.slice();
  links[index] = link;
  return { ...state, links };
};

/**
 * Takes a stretch of a neighbor's news that follows on from what we hold:
 * its entries (those we hold already are skipped), then its floors and
 * committed offsets, which cover them. Whatever changes what we promise our
 * neighbors becomes news of ours.
 */
const learn = (state: NodeState, cluster: Cluster, index: number, body: SyncMessage, out: Outbox): NodeState => {
  const changed = new Map<string, KeyReplica>();
  let news = state.news;
  const replicaNow = (key: string): KeyReplica => changed.get(key) ?? replicaOf(state, key);

  for (const [key, offset, msg] of body.entries) {
    const replica = replicaNow(key);
    if (assignerOf(cluster.nodeIds, offset) === cluster.self || holdsOffset(state, key, replica, offset)) {
      // Pair assertion with the assigner's floor: nothing turns up below our stable point that we do not hold already.
      const { log } = partitionOf(state, key);
      if (offset < log.length && messageAt(log, offset) === undefined) {
        out.log(`ignoring ${state.links[index]!.id}'s entry ${offset} of '${key}': that offset is a hole here, below our stable point`);
      }
      continue;
    }
    const entry: OffsetMessage = [offset, msg];
    const learned: KeyReplica = { ...replica, maxKnown: Math.max(replica.maxKnown, offset), pending: addPending(replica.pending, entry) };
    changed.set(key, learned);
    if (cluster.relays) news = addNews(news, [key, offset, msg, index]);
    else if (ownFloor(cluster, learned) !== ownFloor(cluster, replica)) news = addNews(news, [key]);
  }
  for (const key of Object.keys(body.floors)) {
    const replica = replicaNow(key);
    const floor = body.floors[key]!;
    if (floor <= replica.behind[index]!) continue;
    const behind = replica.behind.slice();
    behind[index] = floor;
    changed.set(key, { ...replica, behind });
    if (cluster.relays) news = addNews(news, [key]);
  }
  let next: NodeState = { ...state, news };
  for (const key of Object.keys(body.committed)) next = commitLearned(next, key, body.committed[key]!);
  for (const [key, replica] of changed) next = settle(next, cluster, key, replica);
  return next;
};
