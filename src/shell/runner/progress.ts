/**
 * The progress display on stderr: on a terminal, one line redrawn in place
 * (elapsed / limit, phase, ops, ok/fail/info); otherwise a plain line every
 * few seconds, so logs stay readable.
 */
import type { HarnessState } from '../../maelstrom/workload/harness.js';

const PLAIN_EVERY_MS = 5000;

export interface Progress {
  update(state: HarnessState, now_ms: number): void;
  /** Counts the ops recorded since the last look, without drawing: for a history about to be drained. */
  count(state: HarnessState): void;
  /** Clears the redrawn line before other output. */
  clear(): void;
}

interface Counts {
  seen: number;
  ops: number;
  ok: number;
  fail: number;
  info: number;
}

/**
 * Counts completions incrementally: the history only grows, so each op is looked at once.
 * A history drained as it goes (the simulator's) must be shown here before each drain.
 */
const countNew = (state: HarnessState, counts: Counts): void => {
  const { history } = state.workload;
  const end = history.first + history.length;
  for (let i = Math.max(counts.seen, history.first); i < end; i++) {
    const op = history.backing[i - history.first];
    if (op === undefined || op.process === 'nemesis' || op.type === 'invoke' || op.f === 'crash') continue;
    counts.ops++;
    if (op.type === 'ok') counts.ok++;
    else if (op.type === 'fail') counts.fail++;
    else counts.info++;
  }
  counts.seen = end;
};

export const createProgress = (stream: NodeJS.WriteStream, time_limit_s: number): Progress => {
  const tty = stream.isTTY === true;
  const counts: Counts = { seen: 0, ops: 0, ok: 0, fail: 0, info: 0 };
  let lastPlain_ms = 0;
  let drawn = false;
  const line = (state: HarnessState, now_ms: number): string => {
    const started = state.workload.main_started_ms;
    const elapsed_s = started === null ? 0 : Math.max(0, (now_ms - started) / 1000);
    return (
      `[${elapsed_s.toFixed(1).padStart(6)} s / ${time_limit_s} s] ${state.workload.phase.padEnd(8)} ` +
      `ops ${counts.ops}  ok ${counts.ok}  fail ${counts.fail}  info ${counts.info}`
    );
  };
  return {
    update(state, now_ms) {
      countNew(state, counts);
      if (tty) {
        stream.write(`\r\x1b[2K${line(state, now_ms)}`);
        drawn = true;
      } else if (now_ms - lastPlain_ms >= PLAIN_EVERY_MS) {
        lastPlain_ms = now_ms;
        stream.write(`${line(state, now_ms)}\n`);
      }
    },
    count(state) {
      countNew(state, counts);
    },
    clear() {
      if (tty && drawn) stream.write('\r\x1b[2K');
      drawn = false;
    },
  };
};
