/**
 * A history from disk, checked, as `kafka-check` is given it: a history
 * file, or a store folder holding one. Files are gunzipped when they start
 * with gzip's magic number (whatever they are called). The file name decides
 * the format when it says (`.edn`, `.jsonl`, optionally followed by `.gz`);
 * otherwise the content does.
 *
 * The history is streamed: read once, a line at a time, each op fed to the
 * checker's `HistoryBuilder` and dropped, so memory follows what the
 * analyses keep, not the file. The few ops the result cites are found again
 * by reading the file a second time, only when there are any (an anomaly).
 *
 * Beside a store's `history.edn` (so named) the files Maelstrom writes with
 * it are used when present: `history.txt` (or `.gz`) for each op's true value (see
 * src/checker/parse/true-values.ts), and `results.edn` for Maelstrom's own
 * verdict, to be shown next to ours. Such a store is read whole: the two
 * files are matched line by line, and Maelstrom's stores are small.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as E from 'fp-ts/lib/Either.js';
import type { Op } from '../../maelstrom/history/op.js';
import {
  HistoryBuilder,
  analyse,
  check,
  detectFormat,
  parseEdnWithTrueValues,
  parseMaelstromResults,
  parseOpLine,
  type CheckResult,
  type HistoryFormat,
  type MaelstromVerdict,
  type PendingResult,
} from '../../checker/index.js';
import { GzipError, forEachFileLine } from './file-lines.js';

const GZIP_MAGIC = [0x1f, 0x8b] as const;

/** Why the input could not be turned into a history, ready to print. */
export type ReadFailure = string;

/** The history files a store folder may hold, in the order they are looked for. */
const HISTORY_NAMES = ['history.edn', 'history.edn.gz', 'history.jsonl', 'history.jsonl.gz'] as const;

export interface CheckedHistory {
  readonly result: CheckResult;
  readonly historyPath: string;
  readonly format: HistoryFormat;
  /** The history.txt whose values the ops carry, if one was used. */
  readonly txtPath: string | null;
  /** results.edn beside the history: its verdict, or why it could not be read. */
  readonly results: { readonly path: string; readonly verdict: E.Either<string, MaelstromVerdict> } | null;
}

export function checkHistory(arg: string): E.Either<ReadFailure, CheckedHistory> {
  const historyPath = findHistory(arg);
  if (E.isLeft(historyPath)) return historyPath;
  const path = historyPath.right;
  const named = formatFromName(path);
  const format = named === undefined ? formatFromContent(path) : E.right(named);
  if (E.isLeft(format)) return format;
  const dir = dirname(path);
  // Only a store's own history file has companions: a renamed copy is on its own.
  const inStore = (HISTORY_NAMES as readonly string[]).includes(basename(path));
  const txtPath = format.right === 'edn' && inStore ? besides(dir, 'history.txt') : null;
  const result = txtPath === null ? checkStreamed(path, format.right) : checkWithTrueValues(path, txtPath);
  if (E.isLeft(result)) return result;
  const resultsPath = besides(dir, 'results.edn');
  const results =
    resultsPath === null || !inStore
      ? null
      : { path: resultsPath, verdict: E.chain(parseMaelstromResults)(readText(resultsPath)) };
  return E.right({ result: result.right, historyPath: path, format: format.right, txtPath, results });
}

/**
 * What reads a history beside the checker, in the same passes: `first` is
 * given every op of the first pass; `second`, if given, is made once the
 * first pass is over and given every op again (kafka-sim's summary and
 * plots, so that the history file is read twice in all).
 */
export interface AlongsideCheck {
  readonly first?: (op: Op) => void;
  readonly second?: () => (op: Op) => void;
}

/** One pass feeding the builder; a second, for the cited ops if the result cites any, or for `alongside.second`. */
export function checkStreamed(path: string, format: HistoryFormat, alongside: AlongsideCheck = {}): E.Either<ReadFailure, CheckResult> {
  const first = analyseStreamed(path, format, alongside.first);
  if (E.isLeft(first)) return first;
  const analysed = first.right;
  const again = alongside.second?.();
  if (analysed.kind === 'whole' && again === undefined) return E.right(analysed.result);
  const wanted = new Set(analysed.kind === 'pending' ? analysed.pending.wanted : []);
  const cited = new Map<number, Op>();
  const reread = forEachOp(path, format, (op, seq) => {
    again?.(op);
    if (wanted.has(seq)) cited.set(seq, op);
    return again !== undefined || cited.size < wanted.size;
  });
  if (E.isLeft(reread)) return reread;
  return E.right(analysed.kind === 'whole' ? analysed.result : analysed.pending.complete((seq) => cited.get(seq)));
}

/** The checker's result after the first pass: whole, or still to be given the ops it cites. */
type Analysed = { readonly kind: 'whole'; readonly result: CheckResult } | { readonly kind: 'pending'; readonly pending: PendingResult };

/**
 * The first pass, apart so that the builder (whose tables the index shares)
 * is let go with it; and when the result cites no op (a valid history), so
 * are the index and the analyses, before any second pass.
 */
function analyseStreamed(path: string, format: HistoryFormat, first: ((op: Op) => void) | undefined): E.Either<ReadFailure, Analysed> {
  const builder = new HistoryBuilder();
  const read = forEachOp(path, format, (op) => {
    builder.add(op);
    first?.(op);
    return true;
  });
  if (E.isLeft(read)) return read;
  const pending = analyse(builder.finish());
  return E.right(pending.wanted.length === 0 ? { kind: 'whole', result: pending.complete(() => undefined) } : { kind: 'pending', pending });
}

/** history.edn with history.txt's values: both read whole, then checked. */
function checkWithTrueValues(path: string, txtPath: string): E.Either<ReadFailure, CheckResult> {
  const text = readText(path);
  if (E.isLeft(text)) return text;
  const txt = readText(txtPath);
  if (E.isLeft(txt)) return txt;
  const ops = parseEdnWithTrueValues(text.right, txt.right, { edn: path, txt: txtPath });
  return E.isLeft(ops) ? ops : E.right(check(ops.right));
}

/**
 * Calls `visit` with each op of the file and its position among the ops
 * (from 0), until it returns false; stops at the first line that is not an op.
 */
function forEachOp(path: string, format: HistoryFormat, visit: (op: Op, seq: number) => boolean): E.Either<ReadFailure, void> {
  let seq = 0;
  let failure: ReadFailure | null = null;
  const read = readLines(path, (line, lineNumber) => {
    // Blank lines are allowed and skipped, as parse/lines.ts does.
    if (line.trim() === '') return true;
    const op = parseOpLine(line, format);
    if (E.isLeft(op)) {
      failure = `${path}: line ${lineNumber}: ${op.left}`;
      return false;
    }
    return visit(op.right, seq++);
  });
  if (E.isLeft(read)) return read;
  return failure === null ? E.right(undefined) : E.left(failure);
}

/** forEachFileLine, with the file system's and gzip's errors as read failures. */
function readLines(path: string, visit: (line: string, lineNumber: number) => boolean): E.Either<ReadFailure, void> {
  try {
    forEachFileLine(path, visit);
    return E.right(undefined);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return E.left(e instanceof GzipError ? `${path}: ${message}` : `cannot read ${path}: ${message}`);
  }
}

/** The format the file's first non-blank line shows (detectFormat's rule). */
function formatFromContent(path: string): E.Either<ReadFailure, HistoryFormat> {
  let format: HistoryFormat = 'jsonl';
  const read = readLines(path, (line) => {
    if (line.trim() === '') return true;
    format = detectFormat(line);
    return false;
  });
  return E.isLeft(read) ? read : E.right(format);
}

/** The history file itself, or the one a store folder holds. */
function findHistory(arg: string): E.Either<ReadFailure, string> {
  let isFolder: boolean;
  try {
    isFolder = statSync(arg).isDirectory();
  } catch (e) {
    return E.left(`cannot read ${arg}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!isFolder) return E.right(arg);
  for (const name of HISTORY_NAMES) {
    const path = join(arg, name);
    if (existsSync(path)) return E.right(path);
  }
  return E.left(`${arg} is a folder with no history in it (looked for ${HISTORY_NAMES.join(', ')})`);
}

/** `name` or `name.gz` in the folder, if either is there. */
function besides(dir: string, name: string): string | null {
  for (const candidate of [name, name + '.gz']) {
    const path = join(dir, candidate);
    if (existsSync(path)) return path;
  }
  return null;
}

/** A file's whole text, gunzipped if it is gzip. */
export function readText(path: string): E.Either<ReadFailure, string> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    return E.left(`cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1]) {
    try {
      bytes = gunzipSync(bytes);
    } catch (e) {
      return E.left(`${path}: not a readable gzip file: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return E.right(bytes.toString('utf8'));
}

export function formatFromName(path: string): HistoryFormat | undefined {
  const name = basename(path).toLowerCase().replace(/\.gz$/, '');
  if (name.endsWith('.edn')) return 'edn';
  if (name.endsWith('.jsonl') || name.endsWith('.ndjson') || name.endsWith('.json')) return 'jsonl';
  return undefined;
}
