import type { ParseError } from './parse-error.js';

/**
 * Calls `visit` with each non-blank line (without its line break) and its
 * 1-based line number; stops at, and returns, the first error a visit
 * reports. Handles \n and \r\n.
 */
export function forEachLine(text: string, visit: (line: string, lineNumber: number) => ParseError | null): ParseError | null {
  let start = 0;
  let lineNumber = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    lineNumber++;
    let line = text.slice(start, end);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line.trim() !== '') {
      const error = visit(line, lineNumber);
      if (error !== null) return error;
    }
    start = end + 1;
  }
  return null;
}
