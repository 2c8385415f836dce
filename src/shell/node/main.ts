/**
 * The node's shell: stdin lines -> decode -> step -> stdout lines.
 *
 * Each chunk of stdin is folded through the reducer as one batch, and its
 * replies leave in writes of at most FLUSH_AT_REPLIES. The only timer is the
 * one for the earliest deadline the reducer asked for. Nothing here knows
 * about offsets.
 */
import { performance } from 'node:perf_hooks';
import type { NodeInput } from '../../core/node/input.js';
import { initialNodeState } from '../../core/node/state.js';
import { step } from '../../core/node/step.js';
import { decodeNodeInput } from '../../core/protocol/decode.js';
import { LineSplitter } from '../lines.js';
import { ReplyBytes } from './reply-bytes.js';
import { parseOptions, usage } from './options.js';
import { traceFromEnvironment } from './trace-writer.js';

const parsed = parseOptions(process.argv.slice(2), process.env);
if (parsed.kind === 'help') {
  process.stdout.write(usage);
  process.exit(0);
}
if (parsed.kind === 'error') {
  process.stderr.write(`maelstrom-kafka: ${parsed.message}\n${usage}`);
  process.exit(2);
}

const log = (text: string): void => {
  process.stderr.write(`${text}\n`);
};

const clip = (line: string): string => (line.length > 200 ? `${line.slice(0, 200)}... (${line.length} chars)` : line);

/**
 * The reducer's clock: milliseconds since the epoch, monotonic (the process's
 * time origin plus a monotonic offset), in steps of 1/1024 ms. Only
 * differences matter to the reducer; the epoch base lets a runner put several
 * nodes' traces on one timeline. The 1/1024 steps keep every value, every
 * `now + interval` and every shift by a run's start exact in a double (they
 * stay below 2^53 / 1024), so a trace shifted onto the run's clock replays
 * with the very same comparisons the node made.
 */
const now_ms = (): number => Math.floor((performance.timeOrigin + performance.now()) * 1024) / 1024;
const trace = traceFromEnvironment(process.env);

let state = initialNodeState(parsed.config);
/** Replies not yet written. */
const replies = new ReplyBytes();
let timer: NodeJS.Timeout | undefined;
let timerAt = Infinity;

/**
 * A step that throws broke one of the reducer's own invariants. The input is
 * dropped and the state kept as it was: the node goes on serving, and the
 * log says exactly what failed.
 *
 * The effects are carried out here, in an indexed loop: this runs once per
 * request, and a layer less on that path is less for V8 to compile again
 * into each caller it inlines into (issue 21).
 */
const apply = (input: NodeInput): void => {
  let result: ReturnType<typeof step>;
  try {
    result = step(state, input);
  } catch (error) {
    log(`internal error, input dropped (${input.kind}): ${(error as Error).stack ?? String(error)}`);
    return;
  }
  state = result[0];
  const effects = result[1];
  for (let i = 0; i < effects.length; i++) {
    const effect = effects[i]!;
    if (effect.kind === 'send') {
      replies.add(effect.message);
      if (replies.count >= FLUSH_AT_REPLIES) flush();
    } else if (effect.kind === 'log') log(effect.text);
    else arm(effect.at_ms);
  }
};

/** Keeps one timer, for the earliest deadline asked for. */
const arm = (at_ms: number): void => {
  if (at_ms >= timerAt) return;
  if (timer !== undefined) clearTimeout(timer);
  timerAt = at_ms;
  timer = setTimeout(() => {
    timer = undefined;
    timerAt = Infinity;
    const now = now_ms();
    if (state.cluster !== undefined) trace?.tick(state.cluster.self, now);
    apply({ kind: 'tick', now_ms: now });
    flush();
  }, Math.max(0, at_ms - now_ms()));
};

const handleLine = (line: string, now: number): void => {
  if (isBlank(line)) return;
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch (error) {
    log(`skipping a line that is not JSON (${(error as Error).message}): ${clip(line)}`);
    return;
  }
  if (trace !== undefined) trace.message(destOf(raw) ?? state.cluster?.self ?? '?', now, raw);
  let decoded: ReturnType<typeof decodeNodeInput>;
  try {
    decoded = decodeNodeInput(raw, now);
  } catch (error) {
    // The decoder is total by design; if a value still defeats it, skip the line, never die of it.
    log(`skipping a message the decoder could not read (${(error as Error).message}): ${clip(line)}`);
    return;
  }
  if (decoded._tag === 'Left') log(`skipping: ${decoded.left}: ${clip(line)}`);
  else apply(decoded.right);
};

/**
 * Whether trim() leaves nothing of `line`. Only a line that starts with
 * what trim() takes away (a code unit up to a space, or from U+00A0 on) is
 * trimmed: a message starts with '{', and this runs once per line.
 */
const isBlank = (line: string): boolean => {
  if (line.length === 0) return true;
  const first = line.charCodeAt(0);
  return (first <= 0x20 || first >= 0xa0) && line.trim() === '';
};

const destOf = (raw: unknown): string | undefined => {
  const dest = typeof raw === 'object' && raw !== null ? (raw as { dest?: unknown }).dest : undefined;
  return typeof dest === 'string' ? dest : undefined;
};

/**
 * A batch leaves once it holds this many replies, and at the end of every
 * chunk of input: the reader starts on the first replies of a 64 kB chunk
 * (about 700 requests) while we work on the rest. In the benchmark's stream,
 * about 7% less wall time than one write per chunk, for the same CPU time.
 */
const FLUSH_AT_REPLIES = 256;

/**
 * Input waits while more than this many bytes of replies are queued unsent
 * (the reader is slower than we are), so a slow reader cannot fill our memory.
 * Below it, input flows on: a batch's write (about 60 kB for a 64 kB chunk of
 * requests) is over the stream's 16 kB high-water mark but usually already in
 * the pipe, and pausing for it would cost a turn of the event loop per chunk.
 */
const PAUSE_INPUT_AT_BYTES = 1 << 20;

/** Writes the replies gathered so far in one write; pauses input while stdout is backed up. */
const flush = (): void => {
  trace?.flush();
  if (replies.count === 0) return;
  process.stdout.write(replies.take());
  if (process.stdout.writableLength > PAUSE_INPUT_AT_BYTES && !process.stdin.isPaused()) {
    process.stdin.pause();
    process.stdout.once('drain', () => process.stdin.resume());
  }
};

/** The clock reading every line of the current chunk carries. */
let chunkNow = 0;
const lines = new LineSplitter({
  onLine: (line) => handleLine(line, chunkNow),
  onTooLong: (head, chars) => log(`skipping a line longer than ${parsed.maxLineChars} characters (--max-line-mb), dropped unread after ${chars} characters: ${head}...`),
  maxLineChars: parsed.maxLineChars,
});
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk: string) => {
  chunkNow = now_ms();
  lines.push(chunk);
  flush();
});
process.stdin.on('end', () => {
  chunkNow = now_ms();
  lines.end();
  flush();
  if (timer !== undefined) clearTimeout(timer);
  trace?.close();
  // Exit once stdout has drained: replies written above must not be lost.
  process.stdout.write('', () => process.exit(0));
});
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  // Our reader went away (EPIPE): nobody is left to answer.
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
