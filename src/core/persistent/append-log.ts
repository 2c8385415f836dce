/**
 * A persistent append-only sequence, shared the way Go shares slices.
 *
 * Every version is a window `[0, length)` onto a backing array that versions
 * share. Invariant: an element below a version's `length` is never written
 * again, so an old version stays valid and unchanged forever. Appending to the
 * newest version pushes onto the shared array (O(1) amortised); appending to an
 * older version, whose slot is already taken by a newer one, copies its own
 * window first (the full-slice-expression `a[lo:hi:hi]` trick of etcd's raft).
 */
export interface AppendLog<T> {
  readonly length: number;
  /** Shared backing store. Only indices below `length` belong to this version. */
  readonly backing: T[];
}

export const emptyLog = <T>(): AppendLog<T> => ({ length: 0, backing: [] });

export const append = <T>(log: AppendLog<T>, item: T): AppendLog<T> => {
  const backing = log.backing.length === log.length ? log.backing : log.backing.slice(0, log.length);
  backing.push(item);
  return { length: log.length + 1, backing };
};

export const appendAll = <T>(log: AppendLog<T>, items: readonly T[]): AppendLog<T> => {
  if (items.length === 0) return log;
  const backing = log.backing.length === log.length ? log.backing : log.backing.slice(0, log.length);
  for (const item of items) backing.push(item);
  return { length: log.length + items.length, backing };
};

/** The element at `index`, or undefined past this version's end. */
export const at = <T>(log: AppendLog<T>, index: number): T | undefined =>
  index >= 0 && index < log.length ? log.backing[index] : undefined;

/** A copy of `[from, min(to, length))`; empty when `from` is at or past the end. */
export const slice = <T>(log: AppendLog<T>, from: number, to: number): T[] =>
  from >= log.length ? [] : log.backing.slice(from, Math.min(to, log.length));
