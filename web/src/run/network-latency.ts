/**
 * The latency of messages between nodes, when the run says it was constant
 * (results.json run.options: the runner's --latency with --latency-dist
 * constant, the default). Inferred ticks happened this long before their
 * messages arrived; otherwise the replay assumes no latency, which only
 * makes its estimates of when a tick happened a little late.
 */
const isRecord = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);

export const constantPeerLatency = (results: unknown): number | undefined => {
  if (!isRecord(results) || !isRecord(results['run']) || !isRecord(results['run']['options'])) return undefined;
  const options = results['run']['options'];
  const latency = options['latency_ms'];
  const dist = options['latency_dist'] ?? 'constant';
  return typeof latency === 'number' && Number.isFinite(latency) && latency >= 0 && dist === 'constant' ? latency : undefined;
};
