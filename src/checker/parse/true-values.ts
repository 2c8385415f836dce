/**
 * A Maelstrom store's history with every op's true value: the ops of
 * `history.edn` (index, time, error and every other field), each with the
 * value that `history.txt` holds on the same line.
 *
 * Why: Maelstrom 0.2.3 writes the final phase's ops into history.edn with
 * their invocation values (assign keys as integers, every final poll as
 * `[[:poll]]`); history.txt has the results the run's own checker saw (see
 * history-txt.ts). Read alone, history.edn makes the final reads vanish.
 *
 * The two files must describe the same ops in the same order: same count,
 * same process, type and f on every line. The first line where they
 * disagree is refused, by name, rather than guessed around.
 *
 * Both files print values with Clojure's `pr`, so equal values have equal
 * text: a value is parsed from history.txt only where its text differs from
 * history.edn's, which is only the final phase's few ops.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { Op } from '../../maelstrom/history/op.js';
import { endOfString, parseEdnOp, parseEdnValue } from './edn.js';
import { splitHistoryTxt, type TxtOp } from './history-txt.js';
import { forEachLine } from './lines.js';

/** How the two files are called in messages (their paths, usually). */
export interface StoreFileNames {
  readonly edn: string;
  readonly txt: string;
}

export function parseEdnWithTrueValues(ednText: string, txtText: string, names: StoreFileNames): E.Either<string, Op[]> {
  const txt = splitHistoryTxt(txtText);
  if (E.isLeft(txt)) return E.left(`${names.txt}: line ${txt.left.line}: ${txt.left.message}`);
  const records = txt.right;
  const ops: Op[] = [];
  let failure: string | null = null;
  forEachLine(ednText, (line, lineNumber) => {
    const op = parseEdnOp(line);
    if (E.isLeft(op)) {
      failure = `${names.edn}: line ${lineNumber}: ${op.left}`;
      return { line: lineNumber, message: failure };
    }
    const record = records[ops.length];
    if (record === undefined) {
      failure =
        `${names.txt} has ${records.length} ops but ${names.edn} has more: its line ${lineNumber} ` +
        `(${describeOp(op.right)}) has no line in ${names.txt}; the two files are not from the same run`;
      return { line: lineNumber, message: failure };
    }
    const mismatch = headMismatch(op.right, record);
    if (mismatch !== null) {
      failure =
        `${names.txt} line ${record.line} does not match ${names.edn} line ${lineNumber} (op ${ops.length + 1} of each): ` +
        `${mismatch}; the two files are not from the same run`;
      return { line: lineNumber, message: failure };
    }
    if (valueTextIn(line) === record.value) {
      ops.push(op.right);
      return null;
    }
    const value = parseEdnValue(record.value);
    if (E.isLeft(value)) {
      failure = `${names.txt}: line ${record.line}: the value: ${value.left}`;
      return { line: record.line, message: failure };
    }
    ops.push({ ...op.right, value: value.right });
    return null;
  });
  if (failure !== null) return E.left(failure);
  const extra = records[ops.length];
  if (extra !== undefined) {
    return E.left(
      `${names.txt} has ${records.length} ops but ${names.edn} has ${ops.length}: ${names.txt} line ${extra.line} ` +
        `(${extra.process} ${extra.type} ${extra.f}) has no line in ${names.edn}; the two files are not from the same run`,
    );
  }
  return E.right(ops);
}

/** What differs between the op and the history.txt line (process, type, f), or null. */
function headMismatch(op: Op, record: TxtOp): string | null {
  const fields: [string, unknown, string][] = [
    ['process', op.process, record.process],
    ['type', op.type, record.type],
    ['f', op.f, record.f],
  ];
  for (const [name, ednValue, txtText] of fields) {
    if (String(ednValue) !== tokenText(txtText)) {
      return `${name} is ${JSON.stringify(ednValue)} in history.edn but ${txtText} in history.txt`;
    }
  }
  return null;
}

/** A keyword, string or number as `pr` printed it, as the EDN reader gives it back (see edn.ts). */
function tokenText(printed: string): string {
  if (printed.startsWith(':')) return printed.slice(1);
  if (printed.length >= 2 && printed.startsWith('"') && printed.endsWith('"')) return printed.slice(1, -1);
  return printed;
}

function describeOp(op: Op): string {
  return `index ${op.index}, process ${String(op.process)} ${op.type} ${op.f}`;
}

/**
 * The text of the op's value in its history.edn line, e.g. `[[:poll]]`, or
 * null if it cannot be cut out. Jepsen prints an op's fields in order
 * (index, time, type, process, f, value, then the rest), none of them a
 * string before the value, so the first `:value ` key is the value's.
 */
function valueTextIn(line: string): string | null {
  let at = line.indexOf(', :value ');
  if (at < 0) at = line.indexOf('{:value ');
  if (at < 0) return null;
  const start = at + ', :value '.length - (line[at] === '{' ? 1 : 0);
  return balancedValueEnd(line, start);
}

/** The EDN value starting at `start`: up to where its brackets close, or for an atom up to a delimiter. */
function balancedValueEnd(line: string, start: number): string | null {
  let depth = 0;
  for (let i = start; i < line.length; i++) {
    const c = line[i];
    if (c === '"') {
      i = endOfString(line, i);
      if (i < 0) return null;
      if (depth === 0) return line.slice(start, i + 1);
    } else if (c === '\\') {
      i++;
    } else if (c === '[' || c === '{' || c === '(') {
      depth++;
    } else if (c === ']' || c === '}' || c === ')') {
      if (depth === 0) return line.slice(start, i);
      depth--;
      if (depth === 0) return line.slice(start, i + 1);
    } else if (depth === 0 && (c === ',' || c === ' ')) {
      return line.slice(start, i);
    }
  }
  return null;
}
