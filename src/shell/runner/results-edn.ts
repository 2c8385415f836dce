/**
 * results.edn: our results in the shape of Maelstrom's own results.edn, for
 * a Maelstrom user's eyes and tools, written with edn-data's generator (the
 * EDN library the checker already reads histories with), never pasted as
 * strings.
 *
 *   {:workload     the checker's verdict: :valid?, :worst-realtime-lag,
 *                  :bad-error-types, :error-types, :info-txn-causes, and one
 *                  list per anomaly type found (ops as maps)
 *    :stats        :valid?, counts, and :by-f
 *    :availability :valid? and :ok-fraction
 *    :net          :all, :clients, :servers; :msgs-per-op on :all and
 *                  :servers only, as Maelstrom's net checker writes it
 *    :commits      with --strict only: the runner's commit check
 *    :valid?       the overall verdict}
 *
 * Left out, because we do not compute them as Maelstrom does: :perf (its
 * gnuplot graphs), :timeline (its HTML timeline), :exceptions (Jepsen's
 * Java exceptions; malformed replies are warnings in results.json instead).
 * Ours only, in results.json alone: latency percentiles, the checker's
 * counts and per-key lags, and the run's problems, warnings and timings.
 */
import { toEDNString, toKeyword, type EDNVal } from 'edn-data';
import type { Results } from './results.js';

/** Map keys that read as EDN keywords become keywords (Maelstrom's :valid?, :by-f...); log keys like "4" stay strings. */
const KEYWORD_KEY = /^[A-Za-z*+!_?<>=-][A-Za-z0-9*+!_?<>=.-]*$/;

/** Fields whose string values are keywords in Maelstrom's results: an op's :type and :f, a micro-op's name. */
const KEYWORD_FIELDS: ReadonlySet<string> = new Set(['type', 'f']);

const keyOf = (key: string): EDNVal => (KEYWORD_KEY.test(key) ? toKeyword(key) : key);

/** JSON as EDN: objects become maps (keyword keys where they read as keywords), arrays vectors. */
export const ednOf = (value: unknown, keywordValue = false): EDNVal => {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return keywordValue ? toKeyword(value) : value;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) {
    // A micro-op ([:poll {...}], [:send "k" [0 1]]) starts with its name, a keyword in Jepsen's histories.
    const isMop = (value[0] === 'poll' || value[0] === 'send') && value.length <= 3;
    return value.map((item, i) => ednOf(item, isMop && i === 0));
  }
  if (typeof value === 'object') {
    return { map: Object.entries(value as Record<string, unknown>).map(([k, v]): [EDNVal, EDNVal] => [keyOf(k), ednOf(v, KEYWORD_FIELDS.has(k))]) };
  }
  return String(value);
};

const keywords = (names: readonly string[]): EDNVal => ({ list: names.map((name) => toKeyword(name)) });

const entry = (key: string, value: EDNVal): [EDNVal, EDNVal] => [toKeyword(key), value];

/** The :workload map: Maelstrom's keys, in its order; anomaly lists after. */
const workloadEdn = (workload: Results['workload']): EDNVal => {
  if (workload['valid?'] === 'unknown') return { map: [entry('valid?', toKeyword('unknown')), entry('error', workload.error)] };
  const entries: [EDNVal, EDNVal][] = [
    entry('valid?', workload['valid?']),
    entry('worst-realtime-lag', ednOf(workload['worst-realtime-lag'])),
    entry('bad-error-types', keywords(workload['bad-error-types'])),
    entry('error-types', keywords(workload['error-types'])),
    entry('info-txn-causes', { list: workload['info-txn-causes'].map((cause) => ednOf(cause)) }),
  ];
  for (const type of workload['error-types']) entries.push(entry(type, ednOf(workload[type])));
  return { map: entries };
};

const netEdn = (net: Results['net']): EDNVal => {
  const side = (s: Results['net']['all'], withPerOp: boolean): EDNVal => ({
    map: [
      entry('send-count', s['send-count']),
      entry('recv-count', s['recv-count']),
      entry('msg-count', s['msg-count']),
      ...(withPerOp ? [entry('msgs-per-op', s['msgs-per-op'])] : []),
    ],
  });
  return { map: [entry('all', side(net.all, true)), entry('clients', side(net.clients, false)), entry('servers', side(net.servers, true)), entry('valid?', net['valid?'])] };
};

export const resultsEdn = (results: Results): string =>
  toEDNString({
    map: [
      entry('stats', ednOf(results.stats)),
      entry('availability', ednOf(results.availability)),
      entry('net', netEdn(results.net)),
      entry('workload', workloadEdn(results.workload)),
      ...(results.commits === undefined ? [] : [entry('commits', ednOf(results.commits))]),
      entry('valid?', results['valid?']),
    ],
  }) + '\n';
