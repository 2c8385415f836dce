/**
 * The replication tick: every `replicationIntervalMs`, for each neighbor,
 * send the sync that is due, then drop the news every neighbor holds. A tick
 * that arrives early (a timer may fire more than once) only re-arms the timer.
 */
import type { Outbox } from '../node/outbox.js';
import type { NodeState } from '../node/state.js';
import type { LinkState } from './link.js';
import { trimNews } from './news.js';
import { sendSync } from './sync.js';
import { tickOf } from './tick-interval.js';

export const onTick = (state: NodeState, now_ms: number, out: Outbox): NodeState => {
  if (state.nextTick_ms === Infinity) return state;
  if (now_ms < state.nextTick_ms) {
    out.timer(state.nextTick_ms);
    return state;
  }
  const links: LinkState[] = [];
  let needed = Infinity;
  for (let i = 0; i < state.links.length; i++) {
    const link = sendSync(state, i, state.links[i]!, now_ms, out);
    links.push(link);
    needed = Math.min(needed, link.acked);
  }
  const nextTick_ms = now_ms + tickOf(state);
  out.timer(nextTick_ms);
  return { ...state, links, news: trimNews(state.news, needed), nextTick_ms };
};
