/**
 * Splits a stream of text chunks into lines, in time linear in the text: a
 * chunk may end mid-line (the rest arrives with later chunks) and lines may
 * end in CRLF. Each character is scanned once: the pieces of a line that
 * spans chunks are kept as a list and joined once, when its newline comes.
 *
 * A line longer than `maxLineChars` is never held whole: as soon as it passes
 * the limit, `onTooLong` hears of it once, what was held of it is let go, and
 * the rest up to its newline is dropped unread. Whoever reads a process that
 * prints a runaway line (the runner) holds at most the limit, not the line.
 */

/** The default limit: 64 Mi characters (64 MiB of ASCII JSON), far above any reply of a sane node. */
export const DEFAULT_MAX_LINE_CHARS = 64 * 1024 * 1024;

const CR = 13;

/** How much of an over-long line `onTooLong` is shown. */
const HEAD_CHARS = 200;

export interface LineHandlers {
  /** One complete line, without its terminator (`\n` or `\r\n`). */
  readonly onLine: (line: string) => void;
  /** A line passed `maxLineChars`: its first characters, and how many characters had come when it passed. */
  readonly onTooLong: (head: string, chars: number) => void;
  /** The longest line handed to `onLine`, in characters (UTF-16 code units) before the newline; DEFAULT_MAX_LINE_CHARS if absent. */
  readonly maxLineChars?: number;
}

export class LineSplitter {
  private readonly maxLineChars: number;
  /** The pieces of the partial line, oldest first; their lengths sum to `pendingChars`. */
  private pieces: string[] = [];
  private pendingChars = 0;
  /** Dropping the rest of an over-long line, up to its newline. */
  private skipping = false;

  constructor(private readonly handlers: LineHandlers) {
    this.maxLineChars = handlers.maxLineChars ?? DEFAULT_MAX_LINE_CHARS;
    if (!(this.maxLineChars >= 1)) throw new RangeError(`maxLineChars must be at least 1, got ${this.maxLineChars}`);
  }

  /** Hands every line that `chunk` completes to `onLine`, in order. */
  push(chunk: string): void {
    let start = 0;
    let newline = chunk.indexOf('\n');
    while (newline !== -1) {
      if (this.skipping) this.skipping = false;
      else if (this.pendingChars === 0) this.emit(chunk.slice(start, newline), newline - start);
      else this.completePending(chunk.slice(start, newline));
      start = newline + 1;
      newline = chunk.indexOf('\n', start);
    }
    if (start < chunk.length && !this.skipping) this.hold(start === 0 ? chunk : chunk.slice(start));
  }

  /** At end of input: the last line, if it had no terminator (and is not empty once a CR is taken off). */
  end(): void {
    const skipped = this.skipping;
    this.skipping = false;
    if (this.pendingChars === 0 || skipped || (this.pendingChars === 1 && this.pieces[0] === '\r')) {
      this.pieces = [];
      this.pendingChars = 0;
      return;
    }
    this.completePending('');
  }

  private hold(piece: string): void {
    if (this.pendingChars + piece.length > this.maxLineChars) return this.tooLong(piece, true);
    this.pieces.push(piece);
    this.pendingChars += piece.length;
  }

  private completePending(last: string): void {
    if (this.pendingChars + last.length > this.maxLineChars) return this.tooLong(last, false);
    this.pieces.push(last);
    const line = this.pieces.join('');
    this.pieces = [];
    this.pendingChars = 0;
    this.emit(line, line.length);
  }

  private emit(line: string, chars: number): void {
    if (chars > this.maxLineChars) {
      this.handlers.onTooLong(line.slice(0, HEAD_CHARS), chars);
      return;
    }
    // charCodeAt rather than endsWith('\r'): V8 compiles it inline, and this runs once per line.
    this.handlers.onLine(line.charCodeAt(line.length - 1) === CR ? line.slice(0, -1) : line);
  }

  /** The partial line plus `piece` passed the limit: report it, and skip to its newline if it has not come yet. */
  private tooLong(piece: string, unfinished: boolean): void {
    const chars = this.pendingChars + piece.length;
    const head = headOf([...this.pieces, piece]);
    this.pieces = [];
    this.pendingChars = 0;
    this.skipping = unfinished;
    this.handlers.onTooLong(head, chars);
  }
}

/** The first HEAD_CHARS characters of the pieces' concatenation, without joining them all. */
const headOf = (pieces: readonly string[]): string => {
  let head = '';
  for (let i = 0; i < pieces.length && head.length < HEAD_CHARS; i++) head += pieces[i]!.slice(0, HEAD_CHARS - head.length);
  return head;
};
