/**
 * Partitions as Jepsen expresses them: a grudge maps each node to the nodes
 * whose messages it drops. A clean split into groups is a "complete" grudge
 * (every node drops everything from outside its group); an overlapping one,
 * like the majorities ring, is not a set of groups at all, which is why the
 * grudge, not the groups, is the data.
 */
import { shuffle, type Rng } from '../workload/random.js';

/** dest -> the sources whose messages dest drops. Nodes absent from it drop nothing. */
export type Grudge = Readonly<Record<string, readonly string[]>>;

/** The partition shapes Jepsen's partition nemesis picks from for a database without primaries. */
export const PARTITION_SPECS = ['one', 'minority-third', 'majority', 'majorities-ring'] as const;
export type PartitionSpec = (typeof PARTITION_SPECS)[number];

export const drops = (grudge: Grudge | null, src: string, dest: string): boolean =>
  grudge !== null && (grudge[dest]?.includes(src) ?? false);

/** Every node drops messages from every node outside its own component. */
export const completeGrudge = (components: readonly (readonly string[])[]): Grudge => {
  const all = components.flat();
  const grudge: Record<string, readonly string[]> = {};
  for (const component of components) {
    const outside = all.filter((node) => !component.includes(node));
    for (const node of component) if (outside.length > 0) grudge[node] = outside;
  }
  return grudge;
};

/** The components of a grudge read back as groups, for display; null if it is not a clean split. */
export const componentsOf = (grudge: Grudge, nodes: readonly string[]): string[][] | null => {
  const groups: string[][] = [];
  for (const node of nodes) {
    const seen = nodes.filter((other) => !drops(grudge, other, node));
    if (!groups.some((group) => group.includes(node))) groups.push(seen);
  }
  const covered = groups.flat();
  return covered.length === nodes.length && new Set(covered).size === nodes.length ? groups : null;
};

/** Up to, not including, a third of n: the size Jepsen's `minority-third` splits away. */
const minorityThird = (n: number): number => Math.max(0, Math.ceil(n / 3) - 1);

/**
 * Each node sees a majority: itself and its neighbours on a shuffled ring;
 * no two nodes see the same majority, so no node can be sure of a quorum.
 */
const majoritiesRing = (ring: readonly string[]): Grudge => {
  const n = ring.length;
  const majority = Math.floor(n / 2) + 1;
  const before = Math.floor((majority - 1) / 2);
  const grudge: Record<string, readonly string[]> = {};
  ring.forEach((node, i) => {
    const seen = new Set<string>();
    for (let k = 0; k < majority; k++) seen.add(ring[(((i - before + k) % n) + n) % n] as string);
    const dropped = ring.filter((other) => !seen.has(other));
    if (dropped.length > 0) grudge[node] = dropped;
  });
  return grudge;
};

export const grudgeFor = (spec: PartitionSpec, nodes: readonly string[], rng: Rng): readonly [Grudge, Rng] => {
  const [shuffled, next] = shuffle(rng, nodes);
  switch (spec) {
    case 'one':
      return [completeGrudge([shuffled.slice(0, 1), shuffled.slice(1)]), next];
    case 'minority-third': {
      const cut = minorityThird(nodes.length);
      return [completeGrudge([shuffled.slice(0, cut), shuffled.slice(cut)]), next];
    }
    case 'majority': {
      const half = Math.floor(nodes.length / 2);
      return [completeGrudge([shuffled.slice(0, half), shuffled.slice(half)]), next];
    }
    case 'majorities-ring':
      return [majoritiesRing(shuffled), next];
  }
};
