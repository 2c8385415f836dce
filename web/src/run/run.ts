/**
 * A run as the page holds it, whatever it was opened from: a store folder's
 * files, one bundle, Maelstrom's history.edn, or a simulation in the page.
 * Everything in it came from an untrusted file and has been validated
 * (history ops by the checker's own decoder, trace entries by parse-trace.ts).
 */
import type { Op } from '../../../src/maelstrom/history/op.js';
import type { TraceEntry } from '../../../src/maelstrom/history/trace.js';
import type { NodeConfig } from '../../../src/core/node/config.js';
import type { MessageArrows } from '../../../src/checker/plots/arrows.js';
import type { MaelstromVerdict } from '../../../src/checker/index.js';

export interface Run {
  /** What to call it in the header: the store folder's name, the file's, or "simulation, seed 7". */
  readonly name: string;
  /** The client operations; empty when only a trace was opened. */
  readonly history: readonly Op[];
  /** Every input delivered to each node; null when there is none (Maelstrom's history.edn). */
  readonly trace: readonly TraceEntry[] | null;
  /** results.json as the runner or simulator wrote it, if it came along. Untrusted: read defensively. */
  readonly results: unknown;
  /** The settings the nodes ran with, and where that came from (said on the page). */
  readonly nodeConfig: NodeConfig;
  readonly nodeConfigSource: string;
  /** Facts worth a warning, e.g. the run's nodes were not our reducer. */
  readonly notes: readonly string[];
  /** Messages read from a drawing of the run (Maelstrom's messages.svg) when there is no trace to replay. */
  readonly arrows?: MessageArrows;
  /** A verdict that came with the run (Maelstrom's results.edn), to be shown next to the checker's; never used as it. */
  readonly verdictFile?: { readonly source: string; readonly verdict: MaelstromVerdict };
  /** The store's plots when the folder held them (docs/plots.md), by file name. */
  readonly plots?: readonly { readonly name: string; readonly svg: string }[];
}
