/**
 * The history: one Jepsen-shaped operation per line of `history.jsonl`.
 *
 * This is the contract between everything that produces a history (the
 * runner, the simulator, Maelstrom's own `history.edn` once parsed) and
 * everything that reads one (the checker, the demo). Field names and value
 * shapes follow Maelstrom 0.2.3's kafka workload exactly, with EDN keywords
 * written as plain strings (`:send` -> "send") and `nil` as null.
 *
 *   invoke send:   value [["send", key, msg]]
 *   ok send:       value [["send", key, [offset, msg]]]
 *   info send:     value [["send", key, msg]]                 (offset unknown)
 *   invoke poll:   value [["poll"]]
 *   ok poll:       value [["poll", {key: [[offset, msg], ...], ...}]]
 *   assign:        value [key, ...]; "seek-to-beginning?": true on the final
 *                  phase's rewinds
 *   crash:         an `info` op (type info, f crash) after which the process
 *                  is replaced by a fresh one with a new number
 *   nemesis:       process "nemesis", f "start-partition" / "stop-partition",
 *                  value describing the grudge; ignored by the checker
 *
 * `time` is nanoseconds since the start of the test, as in Jepsen.
 * `index` is the position in the history, from 0, dense.
 */

export type OpType = 'invoke' | 'ok' | 'fail' | 'info';

/** Client processes are integers; the nemesis is the string "nemesis". */
export type Process = number | 'nemesis';

export type OffsetMessage = readonly [offset: number, msg: unknown];

/** A completed poll's result: per key, contiguous [offset, msg] pairs. */
export type PollResult = Readonly<Record<string, readonly OffsetMessage[]>>;

export type SendInvokeMop = readonly ['send', key: string, msg: unknown];
export type SendDoneMop = readonly ['send', key: string, sent: readonly [offset: number | null, msg: unknown]];
export type PollInvokeMop = readonly ['poll'];
export type PollDoneMop = readonly ['poll', msgs: PollResult];
export type MicroOp = SendInvokeMop | SendDoneMop | PollInvokeMop | PollDoneMop;

export interface Op {
  readonly index: number;
  readonly time: number;
  readonly type: OpType;
  readonly process: Process;
  readonly f: string;
  readonly value: unknown;
  /** The error a failed or indefinite op ended with, e.g. [11, "temporarily unavailable"] or "timeout". */
  readonly error?: unknown;
  /** Set on the final phase's assigns, which rewind every key to offset 0. */
  readonly 'seek-to-beginning?'?: boolean;
  /** The node the client process talks to (informational). */
  readonly node?: string;
}
