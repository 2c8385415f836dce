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
import { closeSync, existsSync, mkdirSync, openSync, renameSync, symlinkSync, unlinkSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';

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

/** One line per item, written in chunks so that a large history never becomes one huge string. */
export const writeJsonLines = (path: string, items: readonly unknown[], encode: (item: unknown) => string): void => {
  const fd = openSync(path, 'w');
  try {
    let chunk: string[] = [];
    let chars = 0;
    for (const item of items) {
      const line = encode(item);
      chunk.push(line);
      chars += line.length + 1;
      if (chars >= 1 << 20) {
        writeSync(fd, chunk.join('\n') + '\n');
        chunk = [];
        chars = 0;
      }
    }
    if (chunk.length > 0) writeSync(fd, chunk.join('\n') + '\n');
  } finally {
    closeSync(fd);
  }
};
