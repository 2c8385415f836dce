/**
 * A file's lines, read in one pass a chunk at a time, so that a history of
 * any length costs one chunk and one line of memory, not its whole text.
 *
 * A gzipped file (recognised by gzip's magic number, whatever it is called)
 * is gunzipped whole first: Node has no synchronous streaming gunzip, and
 * the gzipped histories kafka-check meets are Maelstrom's small stores. Its
 * bytes, not its text, are held, and its lines are still decoded one by one.
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

const GZIP_MAGIC = [0x1f, 0x8b] as const;
const LF = 0x0a;
const CR = 0x0d;
const CHUNK_BYTES = 1 << 16;

/**
 * Calls `visit` with every line (without its terminator, CRLF too) and its
 * number from 1, blank ones included, until `visit` returns false. Throws
 * what the file system throws.
 *
 * Lines are cut from the bytes (a newline byte never occurs inside a UTF-8
 * character) and each decoded alone, so no chunk's text is built only to be
 * split again. A line longer than a chunk is kept as its pieces and joined
 * once, at its end: linear in its length.
 */
export function forEachFileLine(path: string, visit: (line: string, lineNumber: number) => boolean): void {
  let lineNumber = 0;
  let pieces: Buffer[] = [];
  /** Decodes bytes [start, end) of `bytes` as one line: no Buffer made per line. */
  const emit = (bytes: Buffer, start: number, end: number): boolean => {
    if (end > start && bytes[end - 1] === CR) end--;
    return visit(bytes.toString('utf8', start, end), ++lineNumber);
  };
  for (const chunk of chunks(path)) {
    let start = 0;
    for (let nl = chunk.indexOf(LF, start); nl >= 0; nl = chunk.indexOf(LF, start)) {
      let more: boolean;
      if (pieces.length === 0) {
        more = emit(chunk, start, nl);
      } else {
        const line = Buffer.concat([...pieces, chunk.subarray(start, nl)]);
        pieces = [];
        more = emit(line, 0, line.length);
      }
      start = nl + 1;
      if (!more) return;
    }
    // The rest of the chunk begins the next line; the chunk buffer is reused, so keep a copy.
    if (start < chunk.length) pieces.push(Buffer.from(chunk.subarray(start)));
  }
  if (pieces.length > 0) {
    const line = Buffer.concat(pieces);
    emit(line, 0, line.length);
  }
}

/** The file's bytes, a chunk at a time (gunzipped if it is gzip). */
function* chunks(path: string): Generator<Buffer> {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    let read = readSync(fd, buffer, 0, CHUNK_BYTES, null);
    if (read >= 2 && buffer[0] === GZIP_MAGIC[0] && buffer[1] === GZIP_MAGIC[1]) {
      yield* slices(gunzip(path));
      return;
    }
    // One buffer, refilled: the consumer copies what it keeps past a chunk.
    while (read > 0) {
      yield buffer.subarray(0, read);
      read = readSync(fd, buffer, 0, CHUNK_BYTES, null);
    }
  } finally {
    closeSync(fd);
  }
}

/** A file that starts like gzip but does not gunzip. */
export class GzipError extends Error {}

function gunzip(path: string): Buffer {
  const bytes = readFileSync(path);
  try {
    return gunzipSync(bytes);
  } catch (e) {
    throw new GzipError(`not a readable gzip file: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function* slices(bytes: Buffer): Generator<Buffer> {
  for (let at = 0; at < bytes.length; at += CHUNK_BYTES) yield bytes.subarray(at, at + CHUNK_BYTES);
}
