/**
 * One fuzz stream, line by line: what goes on the wire, the line as the node
 * will see it once split, and what a correct node must answer. Streams are
 * numbered; stream s of seed S is the same everywhere, so `--seed S` replays
 * a whole run and (stream, line) names one line of it.
 */
import { FuzzOracle, parseLine, type Expected, type OracleOptions, type Parsed } from './oracle.js';
import { INIT_LINE, TrafficGenerator } from './traffic.js';
import type { FuzzScope } from './values.js';

export interface FuzzLine {
  /** Its number in the stream, from 0. */
  readonly index: number;
  /** The bytes written, terminator included ('\n' or '\r\n'). */
  readonly wire: string;
  /** The line as the node's splitter hands it over: no '\n', one trailing '\r' less. */
  readonly seen: string;
  readonly parsed: Parsed;
  readonly expected: Expected;
}

export interface StreamOptions extends OracleOptions, FuzzScope {
  readonly seed: number;
  readonly stream: number;
  readonly lines: number;
}

/** The node's splitter, for one line and its terminator. */
const asSeen = (text: string, terminator: string): string => {
  const line = terminator === '\r\n' ? `${text}\r` : text;
  return line.endsWith('\r') ? line.slice(0, -1) : line;
};

/** The stream's lines, generated on demand (a million need not sit in memory at once). */
export function* fuzzStream(options: StreamOptions): Generator<FuzzLine> {
  const oracle = new FuzzOracle(options);
  const traffic = new TrafficGenerator(options.seed, 1000 + options.stream, options);
  // A few requests before init: refused with 11 (or 12, or nothing), and they change nothing.
  const beforeInit = Math.min(options.lines, options.stream % 3 === 0 ? 0 : 1 + ((options.seed + options.stream) % 12));
  for (let index = 0; index < options.lines; index++) {
    const { text, terminator } = index === beforeInit ? { text: INIT_LINE, terminator: '\n' } : traffic.next(oracle, oracle.initialised);
    const seen = asSeen(text, terminator);
    const parsed = parseLine(seen);
    yield { index, wire: text + terminator, seen, parsed, expected: oracle.expect(parsed) };
  }
}
