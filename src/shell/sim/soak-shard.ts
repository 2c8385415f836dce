/**
 * How the soak splits its seeds, with no coordination beyond two numbers:
 * shard I of N runs exactly the seeds s of [from, from + seeds) with
 * s mod N = I. The N shards cover the range once between them, and each
 * shard's seeds stay spread over the range (their cases are as mixed).
 */
export function* shardSeeds(from: number, seeds: number, shard: number, shards: number): Generator<number> {
  const first = from + ((((shard - from) % shards) + shards) % shards);
  for (let seed = first; seed < from + seeds; seed += shards) yield seed;
}
