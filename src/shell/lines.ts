/**
 * Splits a stream of text chunks into lines. A chunk may end mid-line (the
 * rest arrives with the next chunk) and lines may end in CRLF. The pending
 * partial line is the only state.
 */
export class LineSplitter {
  private pending = '';

  /** The complete lines in `chunk` (with what was pending before it), without terminators. */
  push(chunk: string): string[] {
    const text = this.pending + chunk;
    const lines = text.split('\n');
    this.pending = lines.pop()!;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (line.endsWith('\r')) lines[i] = line.slice(0, -1);
    }
    return lines;
  }

  /** At end of input: the last line if it had no terminator. */
  end(): string[] {
    const rest = this.pending.endsWith('\r') ? this.pending.slice(0, -1) : this.pending;
    this.pending = '';
    return rest === '' ? [] : [rest];
  }
}
