/**
 * Either history format, told apart by content when the caller cannot say:
 * an EDN op starts with a record tag (`#jepsen.history.Op{`) or a map with a
 * keyword (`{:index`); a JSON op starts with `{"`.
 */
import type * as E from 'fp-ts/lib/Either.js';
import type { Op } from '../../maelstrom/history/op.js';
import { parseEdnHistory, parseEdnOp } from './edn.js';
import { parseJsonlHistory, parseJsonlOp } from './jsonl.js';
import type { ParseError } from './parse-error.js';

export type HistoryFormat = 'jsonl' | 'edn';

export function detectFormat(text: string): HistoryFormat {
  const start = text.search(/\S/);
  if (start < 0) return 'jsonl';
  if (text[start] === '#' || text[start] === ';') return 'edn';
  if (text[start] === '{') {
    const next = text.slice(start + 1).search(/\S/);
    return text[start + 1 + next] === ':' ? 'edn' : 'jsonl';
  }
  return 'jsonl';
}

export function parseHistory(text: string, format: HistoryFormat = detectFormat(text)): E.Either<ParseError, Op[]> {
  return format === 'edn' ? parseEdnHistory(text) : parseJsonlHistory(text);
}

/** One non-blank line of a history in the given format as an op, or why it is not one: for callers that read line by line. */
export function parseOpLine(line: string, format: HistoryFormat): E.Either<string, Op> {
  return format === 'edn' ? parseEdnOp(line) : parseJsonlOp(line);
}
