/**
 * A history file from disk: the bytes, gunzipped if they start with gzip's
 * magic number (whatever the file is called), then parsed as EDN or JSON
 * lines. The file name decides the format when it says (`.edn`, `.jsonl`,
 * optionally followed by `.gz`); otherwise the content does.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import * as E from 'fp-ts/lib/Either.js';
import type { Op } from '../../maelstrom/history/op.js';
import { formatParseError, parseHistory, type HistoryFormat } from '../../checker/index.js';

const GZIP_MAGIC = [0x1f, 0x8b] as const;

/** Why the file could not be turned into a history, ready to print. */
export type ReadFailure = string;

export function readHistoryFile(path: string): E.Either<ReadFailure, Op[]> {
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
  const parsed = parseHistory(bytes.toString('utf8'), formatFromName(path));
  return E.isLeft(parsed) ? E.left(`${path}: ${formatParseError(parsed.left)}`) : parsed;
}

export function formatFromName(path: string): HistoryFormat | undefined {
  const name = path.toLowerCase().replace(/\.gz$/, '');
  if (name.endsWith('.edn')) return 'edn';
  if (name.endsWith('.jsonl') || name.endsWith('.ndjson') || name.endsWith('.json')) return 'jsonl';
  return undefined;
}
