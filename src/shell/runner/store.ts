/**
 * The store, laid out like Maelstrom's: one directory per run, named by the
 * time it started, and `latest` pointing at the newest.
 *
 *   STORE/<YYYYMMDDTHHMMSS.mmmZ>/
 *     history.jsonl  results.json  trace.jsonl  runner.log
 *     latency.svg  rate.svg  lag.svg  unseen.svg  messages.svg   (plots.ts)
 *     node-logs/<node id>.log
 *   STORE/latest -> <YYYYMMDDTHHMMSS.mmmZ>
 */
import { closeSync, existsSync, mkdirSync, openSync, readSync, renameSync, symlinkSync, unlinkSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { StringDecoder } from 'node:string_decoder';

export interface RunDir {
  readonly base: string;
  readonly name: string;
  readonly dir: string;
  readonly node_logs: string;
}

const stamp = (date: Date): string => date.toISOString().replace(/[-:]/g, '');

export const createRunDir = (base: string, started: Date): RunDir => {
  const root = resolve(base);
  let name = stamp(started);
  for (let n = 2; existsSync(join(root, name)); n++) name = `${stamp(started)}-${n}`;
  const dir = join(root, name);
  const node_logs = join(dir, 'node-logs');
  mkdirSync(node_logs, { recursive: true });
  return { base: root, name, dir, node_logs };
};

/** Points STORE/latest at this run, replacing any older link in one rename. */
export const pointLatest = (run: RunDir): void => {
  const link = join(run.base, 'latest');
  const temporary = join(run.base, `.latest-${process.pid}`);
  try {
    if (existsSync(temporary)) unlinkSync(temporary);
    symlinkSync(run.name, temporary);
    renameSync(temporary, link);
  } catch {
    // A store on a file system without symlinks still has the run itself.
  }
};

/** Lines gathered into chunks of about this many characters before each write. */
const CHUNK_CHARS = 1 << 20;

/**
 * A file written one line at a time, in chunks: a write per line costs more
 * than the encoding, and a whole large file as one string may not fit in one.
 */
export class LineFile {
  private readonly fd: number;
  private chunk: string[] = [];
  private chars = 0;

  constructor(path: string, flags: 'w' | 'a' = 'w') {
    this.fd = openSync(path, flags);
  }

  line(text: string): void {
    this.chunk.push(text);
    this.chars += text.length + 1;
    if (this.chars >= CHUNK_CHARS) this.flush();
  }

  flush(): void {
    if (this.chunk.length === 0) return;
    writeSync(this.fd, this.chunk.join('\n') + '\n');
    this.chunk = [];
    this.chars = 0;
  }

  close(): void {
    try {
      this.flush();
    } finally {
      closeSync(this.fd);
    }
  }
}

/** One line per item, written in chunks so that a large history never becomes one huge string. */
export const writeJsonLines = (path: string, items: readonly unknown[], encode: (item: unknown) => string): void => {
  const file = new LineFile(path);
  try {
    for (const item of items) file.line(encode(item));
  } finally {
    file.close();
  }
};

/**
 * Calls `visit` with each line of a file, in order, reading it in chunks (a
 * long run's file may be larger than a string can be); stops early when
 * `visit` returns false. A last line without a terminator counts.
 */
export const forEachLine = (path: string, visit: (line: string) => boolean | void): void => {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(CHUNK_CHARS);
    const decoder = new StringDecoder('utf8');
    let pending = '';
    for (;;) {
      const read = readSync(fd, buffer, 0, buffer.length, null);
      const text = read === 0 ? decoder.end() : decoder.write(buffer.subarray(0, read));
      // Only the new text is searched for line ends: a line longer than a chunk costs its length once.
      let start = 0;
      let end = text.indexOf('\n');
      if (end >= 0 && pending !== '') {
        if (visit(pending + text.slice(0, end)) === false) return;
        pending = '';
        start = end + 1;
        end = text.indexOf('\n', start);
      }
      for (; end >= 0; end = text.indexOf('\n', start)) {
        if (visit(text.slice(start, end)) === false) return;
        start = end + 1;
      }
      pending += text.slice(start);
      if (read === 0) break;
    }
    if (pending !== '') visit(pending);
  } finally {
    closeSync(fd);
  }
};
