/**
 * Maelstrom's `history.txt`: the same ops as `history.edn`, line for line,
 * written by `jepsen.util/prn-op`:
 *
 *   (pr process) TAB (pr type) TAB (pr f) TAB (pr value) [TAB (print error)]
 *
 * e.g. `5\t:ok\t:poll\t[[:poll {"273" [[0 1] [1 2]]}]]`. It matters because
 * Maelstrom 0.2.3 writes the final phase's ops into history.edn with their
 * invocation values (every final poll as `[[:poll]]`), while history.txt
 * has what the checker inside the run saw.
 *
 * The first four fields are printed with `pr`, which escapes tabs and line
 * breaks inside strings (`\t`, `\n`), so none of them holds a raw tab or
 * line break. The error is printed with `print`, which escapes nothing: it
 * may hold tabs (so everything after the fourth tab is the error) and even
 * line breaks (so a line that does not start like an op continues the
 * previous op's error). The error is not kept: history.edn has it, readably.
 *
 * Only the raw text of each field is returned; the caller parses a value
 * only when it needs it.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { ParseError } from './parse-error.js';

export interface TxtOp {
  /** The line of history.txt the op starts on, from 1. */
  readonly line: number;
  /** `pr` text of the process, type and f: `5`, `:ok`, `:poll`; `:nemesis`. */
  readonly process: string;
  readonly type: string;
  readonly f: string;
  /** `pr` text of the value, e.g. `[[:poll {"273" [[0 1]]}]]`. */
  readonly value: string;
}

/** process TAB type TAB f TAB: how every op's line starts (types are Jepsen's four). */
const OP_HEAD = /^([^\t]*)\t(:invoke|:ok|:fail|:info)\t([^\t]*)\t/;

export function splitHistoryTxt(text: string): E.Either<ParseError, TxtOp[]> {
  const ops: TxtOp[] = [];
  let start = 0;
  let lineNumber = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    lineNumber++;
    let line = text.slice(start, end);
    start = end + 1;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    const head = OP_HEAD.exec(line);
    if (head === null) {
      // The rest of the previous op's error, or junk before the first op.
      if (ops.length > 0) continue;
      if (line.trim() === '') continue;
      return E.left({ line: lineNumber, message: 'not an op of history.txt (expected process<TAB>:type<TAB>f<TAB>value)' });
    }
    const rest = line.slice(head[0].length);
    const tab = rest.indexOf('\t');
    ops.push({
      line: lineNumber,
      process: head[1] as string,
      type: head[2] as string,
      f: head[3] as string,
      value: tab < 0 ? rest : rest.slice(0, tab),
    });
  }
  return E.right(ops);
}
