/**
 * The fuzz streams fed to a node process over pipes, as Maelstrom would:
 * one process per stream, its input written in chunks of random size (so
 * lines, and multi-byte characters, split across reads), its output read
 * back and held against what the oracle predicted for each line, in order
 * (one node answers its lines in the order it reads them). The process must
 * live to the end of its input and then exit 0.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { FuzzRandom } from '../../sim/fuzz/random.js';
import { clip, isMaybeError, mismatch, type SeenMessage } from '../../sim/fuzz/oracle.js';
import { streamsOf, type FuzzFailure, type FuzzResult, type FuzzRun } from '../../sim/fuzz/in-process.js';
import { fuzzStream, type FuzzLine } from '../../sim/fuzz/stream.js';

/** How long a node may take to exit once its input ended. */
const EXIT_TIMEOUT_MS = 60_000;

interface Exited {
  readonly code: number | null;
  readonly signal: string | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timed_out: boolean;
}

/** Resolves when the child's stdin can take more, or the child is gone. */
const drainedOrGone = (child: ChildProcessWithoutNullStreams): Promise<void> =>
  new Promise((resolve) => {
    const done = (): void => {
      child.stdin.off('drain', done).off('close', done).off('error', done);
      child.off('exit', done);
      resolve();
    };
    child.stdin.on('drain', done).on('close', done).on('error', done);
    child.on('exit', done);
    if (child.exitCode !== null || child.signalCode !== null) done();
  });

/** Runs `bin` on `input`, written in seeded chunks of 1 byte to 64 KiB. */
const runNode = async (bin: string, args: readonly string[], input: Buffer, r: FuzzRandom): Promise<Exited> => {
  const child = spawn(bin, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  // A node that died stops reading: its stdin errors (EPIPE), which is the exit's business to report.
  child.stdin.on('error', () => undefined);
  for (let at = 0; at < input.length && child.exitCode === null && child.signalCode === null; ) {
    const size = r.chance(0.1) ? r.between(1, 64) : r.between(1, 65_536);
    const chunk = input.subarray(at, at + size);
    at += chunk.length;
    if (!child.stdin.write(chunk)) await drainedOrGone(child);
  }
  child.stdin.end();
  let timed_out = false;
  const timer = setTimeout(() => {
    timed_out = true;
    child.kill('SIGKILL');
  }, EXIT_TIMEOUT_MS);
  const { code, signal } = await exited;
  clearTimeout(timer);
  return { code, signal, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8'), timed_out };
};

const parseOutput = (line: string): SeenMessage | null => {
  try {
    const value = JSON.parse(line) as { src?: unknown; dest?: unknown; body?: unknown };
    return typeof value === 'object' && value !== null && typeof value.body === 'object' && value.body !== null ? (value as SeenMessage) : null;
  } catch {
    return null;
  }
};

/** Holds the node's output against the predictions, line by line; stops at the first disagreement (what follows it is noise). */
const compare = (stream: number, lines: readonly FuzzLine[], stdout: string, fail: (f: FuzzFailure) => void): number => {
  const out = stdout.split('\n');
  if (out[out.length - 1] === '') out.pop();
  let next = 0;
  let replies = 0;
  let lastMsgId = -1;
  const take = (): SeenMessage | null | undefined => (next < out.length ? parseOutput(out[next]!) : undefined);
  for (const line of lines) {
    const failed = (problem: string): number => {
      fail({ stream, line: line.index, text: clip(line.seen, 300), problem });
      return replies;
    };
    const { expected } = line;
    if (expected.kind === 'none') continue;
    const reply = take();
    if (reply === null) return failed(`the node wrote a line that is not a message: ${clip(out[next]!)}`);
    const id = reply?.body['msg_id'];
    if (reply !== undefined && !(typeof id === 'number' && id > lastMsgId)) return failed(`msg_id ${String(id)} does not grow (the last was ${lastMsgId})`);
    if (expected.kind === 'maybe-error') {
      if (reply !== undefined && isMaybeError(expected, reply)) {
        next++;
        lastMsgId = id as number;
      }
      continue;
    }
    if (reply === undefined) return failed(`expected a reply (${expected.why}), the output ended`);
    const problem = mismatch(expected, reply);
    if (problem !== null) return failed(`${problem}; the node wrote: ${clip(out[next]!)}`);
    next++;
    lastMsgId = id as number;
    replies++;
  }
  if (next < out.length) fail({ stream, line: lines.length, text: '(end of input)', problem: `${out.length - next} message(s) nobody asked for, the first: ${clip(out[next]!)}` });
  return replies;
};

export interface ProcessFuzzOptions {
  readonly bin: string;
  /** Arguments for the node (our node's --poll-max, when the run sets one). */
  readonly args: readonly string[];
  /** Called after each stream, for progress. */
  readonly progress?: (lines: number) => void;
}

export const fuzzProcess = async (run: FuzzRun, options: ProcessFuzzOptions): Promise<FuzzResult> => {
  const failures: FuzzFailure[] = [];
  let lines = 0;
  let replies = 0;
  for (const { stream, lines: count } of streamsOf(run)) {
    const planned = [...fuzzStream({ ...run, stream, lines: count })];
    const input = Buffer.from(planned.map((line) => line.wire).join(''), 'utf8');
    const exited = await runNode(options.bin, options.args, input, new FuzzRandom(run.seed, 500_000 + stream));
    lines += count;
    const before = failures.length;
    replies += compare(stream, planned, exited.stdout, (f) => failures.push(f));
    const internal = /internal error[^\n]*/.exec(exited.stderr);
    if (internal !== null) failures.push({ stream, line: -1, text: '(stderr)', problem: `the node logged ${clip(internal[0])}` });
    if (exited.timed_out || exited.code !== 0) {
      const how = exited.timed_out ? `did not exit within ${EXIT_TIMEOUT_MS / 1000} s of the end of its input` : exited.signal !== null ? `was killed by ${exited.signal}` : `exited with ${exited.code}`;
      const tail = exited.stderr.trimEnd().split('\n').slice(-8).join('\n      ');
      // The first line left unanswered (reported just above) is the one that killed it, or a later one.
      const near = failures.length > before ? ` (near stream ${stream} line ${failures[before]!.line})` : '';
      failures.push({ stream, line: -1, text: '(exit)', problem: `the node ${how}${near}; its stderr ends:\n      ${clip(tail, 2000)}` });
    }
    options.progress?.(lines);
    if (failures.length >= 20) break;
  }
  return { lines, replies, failures };
};
