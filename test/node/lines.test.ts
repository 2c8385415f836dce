/**
 * The shell's LineSplitter, which the node and the runner both read with: any
 * chunking gives the same lines, a long line costs no more than its length
 * (each chunk is scanned once: see `npm run bench lines` for the timing), and a
 * line past the limit is reported once and never held whole.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../src/shell/lines.js';

interface Seen {
  readonly lines: string[];
  readonly tooLong: [string, number][];
}

const split = (chunks: readonly string[], maxLineChars?: number): Seen => {
  const seen: Seen = { lines: [], tooLong: [] };
  const splitter = new LineSplitter({
    onLine: (line) => seen.lines.push(line),
    onTooLong: (head, chars) => seen.tooLong.push([head, chars]),
    ...(maxLineChars === undefined ? {} : { maxLineChars }),
  });
  for (const chunk of chunks) splitter.push(chunk);
  splitter.end();
  return seen;
};

/** What splitting the whole text at once means: lines without terminators, the last one only if not empty. */
const reference = (text: string): string[] => {
  const lines = text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
};

/** `text` cut at the given places. */
const cut = (text: string, at: readonly number[]): string[] => {
  const points = [...new Set(at.map((p) => p % (text.length + 1)))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let from = 0;
  for (const p of points) {
    chunks.push(text.slice(from, p));
    from = p;
  }
  chunks.push(text.slice(from));
  return chunks;
};

describe('LineSplitter', () => {
  it('gives the same lines however the text is cut into chunks, CRLF included', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', '\n', '\r', '{', 'é') }), fc.array(fc.nat()), (text, at) => {
        expect(split(cut(text, at)).lines).toEqual(reference(text));
      }),
    );
  });

  it('keeps a CR split from its LF by a chunk boundary out of the line', () => {
    expect(split(['ab\r', '\ncd\r', '\n']).lines).toEqual(['ab', 'cd']);
  });

  it('takes a 20 MB line in 64 kB chunks whole', () => {
    const line = 'x'.repeat(20 * 2 ** 20);
    const text = `a\n${line}\nb\n`;
    const chunks = cut(text, Array.from({ length: Math.ceil(text.length / 65536) }, (_, i) => i * 65536));
    const seen = split(chunks);
    expect(seen.lines.map((l) => l.length)).toEqual([1, line.length, 1]);
    expect(seen.lines[1] === line).toBe(true);
    expect(seen.tooLong).toEqual([]);
  });

  it('reports a line past the limit once, with how it began, drops it, and reads on after its newline', () => {
    const long = `{"begins":"here"}${'y'.repeat(100)}`;
    for (const chunks of [[`ok\n${long}\nnext\n`], ['ok\n', ...long.match(/.{1,7}/g)!, '\nnext\n'], ['ok\n{"begins"', `:"here"}${'y'.repeat(100)}\nnext`]]) {
      const seen = split(chunks, 40);
      expect(seen.lines).toEqual(['ok', 'next']);
      expect(seen.tooLong).toHaveLength(1);
      expect(seen.tooLong[0]![0].startsWith('{"begins":"here"}')).toBe(true);
      expect(seen.tooLong[0]![1]).toBeGreaterThan(40);
    }
  });

  it('takes a line of exactly the limit, and refuses one more character', () => {
    expect(split(['abcd\n', 'abcde\n', 'ab', 'cd'], 4)).toEqual({ lines: ['abcd', 'abcd'], tooLong: [['abcde', 5]] });
    expect(split(['ab', 'cde', 'fg\nh'], 4)).toEqual({ lines: ['h'], tooLong: [['abcde', 5]] });
  });

  it('holds at most the limit of a runaway line that never ends', () => {
    const seen = split(Array.from({ length: 1000 }, () => 'z'.repeat(1000)), 10_000);
    expect(seen).toEqual({ lines: [], tooLong: [['z'.repeat(200), 11_000]] });
  });

  it('refuses a limit below 1', () => {
    expect(() => new LineSplitter({ onLine: () => undefined, onTooLong: () => undefined, maxLineChars: 0 })).toThrow(/at least 1/);
  });
});
