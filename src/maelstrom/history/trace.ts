/**
 * The trace: one line of `trace.jsonl` per input delivered to a node, in the
 * order that node received them. Replaying a node's entries through the
 * node reducer (decoding each message with the same decoder the shell uses)
 * rebuilds that node's state at any step; the demo does exactly that.
 *
 *   {"node": "n0", "time_ms": 12.5, "message": {"src": "c1", "dest": "n0", "body": {...}}}
 *   {"node": "n0", "time_ms": 40,   "tick": true}
 *
 * `time_ms` is milliseconds since the start of the run, the same clock the
 * node's inputs carry as `now_ms`.
 */
import type { Message } from '../../core/machine.js';

export type TraceEntry =
  | { readonly node: string; readonly time_ms: number; readonly message: Message }
  | { readonly node: string; readonly time_ms: number; readonly tick: true };
