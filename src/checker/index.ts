/**
 * The kafka checker's public face. Everything here is pure and runs in the
 * browser as well as in Node:
 *
 *   check(history)            -> CheckResult (Maelstrom's :workload map, kebab-case keys)
 *   parseHistory(text)        -> Either<ParseError, Op[]> (JSON lines or history.edn, detected)
 *   parseOpLine(line, format) -> Either<string, Op>: one line, for a caller that streams
 *   new HistoryBuilder(), add(op), then analyse(builder.finish()) -> PendingResult: check a stream
 *   parseJsonlHistory(text)   -> Either<ParseError, Op[]>
 *   parseEdnHistory(text)     -> Either<ParseError, Op[]>
 *   renderSummary(result)     -> the readable report the CLI prints
 *   parseEdnWithTrueValues(edn, txt, names) -> Either<string, Op[]>: history.edn with history.txt's values
 *   parseMaelstromResults(text)             -> Either<string, MaelstromVerdict> (results.edn)
 *   compareWithMaelstrom(result, verdict)   -> where our verdict and Maelstrom's differ
 *
 * Gzip is the shell's business (src/shell/check), not this module's.
 */
export { check, analyse, type PendingResult } from './check.js';
export { HistoryBuilder, type HistoryIndex } from './history-index.js';
export type { OpLookup } from './citations.js';
export { renderSummary, type RenderOptions } from './render.js';
export { parseHistory, parseOpLine, detectFormat, type HistoryFormat } from './parse/history.js';
export { parseJsonlHistory } from './parse/jsonl.js';
export { parseEdnHistory } from './parse/edn.js';
export { formatParseError, type ParseError } from './parse/parse-error.js';
export { parseEdnWithTrueValues, type StoreFileNames } from './parse/true-values.js';
export { parseMaelstromResults, type MaelstromVerdict, type MaelstromWorkloadVerdict, type Validity } from './parse/results-edn.js';
export { compareWithMaelstrom, renderComparison, type MaelstromComparison } from './maelstrom-comparison.js';
export { WITNESS_LIMIT } from './log-shape.js';
export {
  ALLOWED_ANOMALY_TYPES,
  ANOMALY_TYPES,
  type Anomalies,
  type AnomalyOf,
  type AnomalyType,
  type CheckResult,
  type Duplicate,
  type FStats,
  type G1a,
  type InconsistentOffsets,
  type IntNonmonotonicPoll,
  type IntNonmonotonicSend,
  type IntPollSkip,
  type IntSendSkip,
  type LostWrite,
  type NonmonotonicPoll,
  type NonmonotonicSend,
  type PollSkip,
  type RealtimeLag,
  type Stats,
  type Unseen,
} from './types.js';
