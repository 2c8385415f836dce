/**
 * A history from disk, as `kafka-check` is given it: a history file, or a
 * store folder holding one. Files are gunzipped when they start with gzip's
 * magic number (whatever they are called). The file name decides the format
 * when it says (`.edn`, `.jsonl`, optionally followed by `.gz`); otherwise
 * the content does.
 *
 * Beside a store's `history.edn` (so named) the files Maelstrom writes with
 * it are used when present: `history.txt` (or `.gz`) for each op's true value (see
 * src/checker/parse/true-values.ts), and `results.edn` for Maelstrom's own
 * verdict, to be shown next to ours.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as E from 'fp-ts/lib/Either.js';
import type { Op } from '../../maelstrom/history/op.js';
import {
  detectFormat,
  formatParseError,
  parseEdnWithTrueValues,
  parseHistory,
  parseMaelstromResults,
  type HistoryFormat,
  type MaelstromVerdict,
} from '../../checker/index.js';

const GZIP_MAGIC = [0x1f, 0x8b] as const;

/** Why the input could not be turned into a history, ready to print. */
export type ReadFailure = string;

/** The history files a store folder may hold, in the order they are looked for. */
const HISTORY_NAMES = ['history.edn', 'history.edn.gz', 'history.jsonl', 'history.jsonl.gz'] as const;

export interface LoadedHistory {
  readonly history: Op[];
  readonly historyPath: string;
  readonly format: HistoryFormat;
  /** The history.txt whose values the ops carry, if one was used. */
  readonly txtPath: string | null;
  /** results.edn beside the history: its verdict, or why it could not be read. */
  readonly results: { readonly path: string; readonly verdict: E.Either<string, MaelstromVerdict> } | null;
}

export function loadHistory(arg: string): E.Either<ReadFailure, LoadedHistory> {
  const historyPath = findHistory(arg);
  if (E.isLeft(historyPath)) return historyPath;
  const path = historyPath.right;
  const text = readText(path);
  if (E.isLeft(text)) return text;
  const format = formatFromName(path) ?? detectFormat(text.right);
  const dir = dirname(path);
  // Only a store's own history file has companions: a renamed copy is on its own.
  const inStore = (HISTORY_NAMES as readonly string[]).includes(basename(path));
  const txtPath = format === 'edn' && inStore ? besides(dir, 'history.txt') : null;
  let history: E.Either<ReadFailure, Op[]>;
  if (txtPath !== null) {
    const txt = readText(txtPath);
    if (E.isLeft(txt)) return txt;
    history = parseEdnWithTrueValues(text.right, txt.right, { edn: path, txt: txtPath });
  } else {
    const parsed = parseHistory(text.right, format);
    history = E.isLeft(parsed) ? E.left(`${path}: ${formatParseError(parsed.left)}`) : parsed;
  }
  if (E.isLeft(history)) return history;
  const resultsPath = besides(dir, 'results.edn');
  const results =
    resultsPath === null || !inStore
      ? null
      : { path: resultsPath, verdict: E.chain(parseMaelstromResults)(readText(resultsPath)) };
  return E.right({ history: history.right, historyPath: path, format, txtPath, results });
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

/** A file's text, gunzipped if it is gzip. */
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
