/**
 * A node's news: everything it has to tell its neighbors, in the order it
 * happened, numbered from 0 for the node's whole life. Each link keeps a
 * cursor into it (how far it was sent, how far the neighbor acknowledged),
 * and the prefix every neighbor has acknowledged is dropped: the log holds
 * only news still in flight, however long the node runs.
 *
 * An item is an entry the node assigned or relays, `[key, offset, msg, via]`
 * (`via` the index of the neighbor it came from, -1 for our own), or a mark
 * `[key]`: the key's floor or committed offset changed, so a message covering
 * this position carries their current values.
 */
import { append, at, emptyLog, type AppendLog } from '../persistent/append-log.js';

export type NewsEntry = readonly [key: string, offset: number, msg: unknown, via: number];
export type NewsMark = readonly [key: string];
export type NewsItem = NewsEntry | NewsMark;

export interface NewsLog {
  /** The position of `items`' first element. Invariant: every link has acknowledged every position below it. */
  readonly base: number;
  readonly items: AppendLog<NewsItem>;
}

export const emptyNews: NewsLog = { base: 0, items: emptyLog() };

/** The position the next item gets. */
export const newsEnd = (news: NewsLog): number => news.base + news.items.length;

export const addNews = (news: NewsLog, item: NewsItem): NewsLog => ({ base: news.base, items: append(news.items, item) });

export const newsAt = (news: NewsLog, position: number): NewsItem => at(news.items, position - news.base)!;

export const isEntry = (item: NewsItem): item is NewsEntry => item.length === 4;

/**
 * Drops the items below `position` once that is worth a copy (at least half
 * the log): amortised O(1) per item, and old versions keep their own arrays.
 */
export const trimNews = (news: NewsLog, position: number): NewsLog => {
  const drop = position - news.base;
  if (drop < 64 || drop * 2 < news.items.length) return news;
  const kept = news.items.backing.slice(drop, news.items.length);
  return { base: position, items: { length: kept.length, backing: kept } };
};
