/**
 * The command line's line reader: one pass, a chunk at a time, yet every
 * line whole, wherever the chunks happen to cut it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { forEachFileLine } from '../../src/shell/check/file-lines.js';

const dir = mkdtempSync(join(tmpdir(), 'file-lines-'));
let files = 0;
const file = (content: string | Buffer): string => {
  const path = join(dir, `f${files++}`);
  writeFileSync(path, content);
  return path;
};

const linesOf = (path: string): Array<[string, number]> => {
  const lines: Array<[string, number]> = [];
  forEachFileLine(path, (line, n) => {
    lines.push([line, n]);
    return true;
  });
  return lines;
};

/** What String#split makes of the same text: the reference. */
const expected = (text: string): Array<[string, number]> => {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((l, i) => [l, i + 1]);
};

describe('forEachFileLine', () => {
  it('numbers every line from 1, blank ones too, with or without a final newline, LF or CRLF', () => {
    for (const text of ['a\nb\n', 'a\nb', '\n\na\r\nb\r\n', 'only', '']) expect(linesOf(file(text))).toEqual(expected(text));
  });

  it('keeps lines whole across chunk boundaries, including lines longer than many chunks and characters cut in two', () => {
    // 64 KiB chunks: 'é' and '😀' are two and four bytes, so some land across a boundary.
    const lines = Array.from({ length: 600 }, (_, i) => (i % 3 === 0 ? 'é' : '😀').repeat(i * 7) + `#${i}`);
    lines.push('x'.repeat(300_000));
    const text = lines.join('\r\n') + '\n';
    expect(linesOf(file(text))).toEqual(expected(text));
  });

  it('reads a gzipped file as its content', () => {
    const text = 'first\nsecond\n';
    expect(linesOf(file(gzipSync(text)))).toEqual(expected(text));
  });

  it('stops when the visitor says so', () => {
    const seen: string[] = [];
    forEachFileLine(file('a\nb\nc\n'), (line) => {
      seen.push(line);
      return line !== 'b';
    });
    expect(seen).toEqual(['a', 'b']);
  });

  it('throws what the file system says about a missing file', () => {
    expect(() => linesOf(join(dir, 'missing'))).toThrow(/ENOENT/);
  });
});
