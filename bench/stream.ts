/**
 * The request stream of `npm run bench node` (issue 13): `requests` generated
 * client requests after an init, 60% send, 30% poll of the last few offsets of
 * three keys, 5% commit_offsets, 5% list_committed_offsets, over 10 keys.
 * Deterministic: the same arguments always give the same text.
 *
 * With `malformed`, about one request in 50 is replaced by a broken variant
 * (a bad field, an unknown type, no msg_id, not JSON...), so a golden run of
 * the stream also pins the node's error replies and log lines.
 */
export const KEYS: readonly string[] = Array.from({ length: 10 }, (_, i) => `k${i}`);

/** A tiny deterministic generator, so every run benchmarks the same stream. */
export const lcg = (seed: number) => () => {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed / 2 ** 32;
};

const BROKEN: readonly ((i: number) => string)[] = [
  (i) => JSON.stringify({ src: 'c1', dest: 'n0', body: { type: 'send', msg_id: i, key: 7, msg: i } }),
  (i) => JSON.stringify({ src: 'c1', dest: 'n0', body: { type: 'send', msg_id: i, key: 'k1' } }),
  (i) => JSON.stringify({ src: 'c1', dest: 'n0', body: { type: 'poll', msg_id: i, offsets: { k1: -1 } } }),
  (i) => JSON.stringify({ src: 'c1', dest: 'n0', body: { type: 'poll', msg_id: i, offsets: { k1: 1.5, k2: 0 } } }),
  (i) => JSON.stringify({ src: 'c1', dest: 'n0', body: { type: 'poll', msg_id: i, offsets: ['k1'] } }),
  (i) => JSON.stringify({ src: 'c1', dest: 'n0', body: { type: 'commit_offsets', msg_id: i, offsets: { k1: '3' } } }),
  (i) => JSON.stringify({ src: 'c1', dest: 'n0', body: { type: 'list_committed_offsets', msg_id: i, keys: ['k1', 3] } }),
  (i) => JSON.stringify({ src: 'c1', dest: 'n0', body: { type: 'frobnicate', msg_id: i } }),
  (i) => JSON.stringify({ src: 'c1', dest: 'n0', body: { type: 'send', key: 'k1', msg: i } }),
  (i) => JSON.stringify({ src: 'c1', dest: 'n0', body: { msg_id: i, key: 'k1' } }),
  (i) => JSON.stringify({ src: 'c1', body: { type: 'send', msg_id: i, key: 'k1', msg: i } }),
  (i) => `{"src":"c1","dest":"n0","body":{"type":"send","msg_id":${i},"key":"k1","msg":`,
  (i) => JSON.stringify({ src: 'c1', dest: 'n0', body: { type: 'send', msg_id: i, key: 'k1', msg: { nested: [i, null, 'x'] }, extra: true } }),
  (i) => JSON.stringify({ src: 'c1', dest: 'n0', body: { type: 'poll', msg_id: i, offsets: {} } }),
  (i) => JSON.stringify({ src: 'c1', dest: 'n0', body: { type: 'fetch_committed_offsets', msg_id: i, keys: ['k1', 'k2'] } }),
  (i) => JSON.stringify({ src: 'c1', dest: 'n0', body: { type: 'init', msg_id: i, node_id: 'n0', node_ids: ['n0'] } }),
  (i) => JSON.stringify({ src: 'c1', dest: 'n0', body: { type: 'send', msg_id: i + 0.5, key: 'k1', msg: 1 } }),
  (i) => JSON.stringify({ src: 'c1', dest: 'n0', body: { type: 'send_ok', in_reply_to: i, offset: 3 } }),
  () => '',
  () => '  ',
];

export const generateStream = (requests: number, options: { readonly malformed?: boolean } = {}): string => {
  const rand = lcg(42);
  const noise = lcg(7);
  const lengths = new Map<string, number>();
  const lines: string[] = [JSON.stringify({ src: 'c0', dest: 'n0', body: { type: 'init', msg_id: 0, node_id: 'n0', node_ids: ['n0'] } })];
  for (let i = 1; i <= requests; i++) {
    if (options.malformed === true && noise() < 0.02) {
      lines.push(BROKEN[Math.floor(noise() * BROKEN.length)]!(i));
      continue;
    }
    const key = KEYS[Math.floor(rand() * KEYS.length)]!;
    const length = lengths.get(key) ?? 0;
    const r = rand();
    let body: Record<string, unknown>;
    if (r < 0.6) {
      body = { type: 'send', msg_id: i, key, msg: i };
      lengths.set(key, length + 1);
    } else if (r < 0.9) {
      const offsets = Object.fromEntries(KEYS.slice(0, 3).map((k) => [k, Math.max(0, (lengths.get(k) ?? 0) - 1 - Math.floor(rand() * 8))]));
      body = { type: 'poll', msg_id: i, offsets };
    } else if (r < 0.95) body = { type: 'commit_offsets', msg_id: i, offsets: { [key]: Math.max(0, length - 1) } };
    else body = { type: 'list_committed_offsets', msg_id: i, keys: KEYS.slice(0, 3) };
    lines.push(JSON.stringify({ src: `c${1 + (i % 10)}`, dest: 'n0', body }));
  }
  return lines.join('\n') + '\n';
};
