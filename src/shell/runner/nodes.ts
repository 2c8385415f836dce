/**
 * The node processes: spawned from --bin, one per node id, with stdin and
 * stdout as pipes and stderr straight into node-logs/<id>.log. Lines from
 * stdout are handed up one at a time, and a line past the length limit is
 * reported instead (and never held whole); an exit is reported once. Nothing
 * here knows what the lines mean.
 *
 * Every child ever spawned is remembered in LIVE until it exits, so that the
 * runner can kill whatever is left however it ends (see killAllNow).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import { DEFAULT_MAX_LINE_CHARS, LineSplitter } from '../lines.js';

export interface NodeHandlers {
  readonly onLine: (line: string) => void;
  /** The node printed a line longer than `maxLineChars`: its first characters; the rest is dropped. */
  readonly onTooLong: (head: string, chars: number) => void;
  /** The process ended (or never started): `reason` in words, e.g. "exited with code 1". */
  readonly onExit: (reason: string) => void;
}

export interface NodeProcess {
  readonly id: string;
  readonly pid: number | undefined;
  /** Writes one line to the node's stdin; a node that is gone swallows it. */
  write(line: string): void;
  /** Closes stdin, then SIGTERM, then SIGKILL, each after `grace_ms`; resolves once it has exited. */
  stop(grace_ms: number): Promise<void>;
  /** CPU seconds (user + system) the process has used so far; null where /proc cannot tell (not Linux, or gone). */
  cpuSeconds(): number | null;
  readonly exited: boolean;
}

/** Linux's clock ticks per second for /proc/<pid>/stat times (USER_HZ, 100 on every mainstream kernel). */
const USER_HZ = 100;

const procCpuSeconds = (pid: number | undefined): number | null => {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are the 14th and 15th fields overall.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / USER_HZ;
  } catch {
    return null;
  }
};

/**
 * How much lower a node's scheduling priority is than the runner's (a nice
 * value added to it). The runner is the network and every client: on a
 * machine the nodes saturate (25 of them on two cores), a runner that waits
 * its turn among them delays every message between nodes and stamps every
 * reply late, adding latency nobody asked for. Lowered, the nodes still get
 * every cycle the runner does not use; only who goes first changes.
 */
export const NODE_NICENESS = 10;

/** Lowers the process's priority by NODE_NICENESS, as far as the system allows; a system that refuses leaves it. */
const lowerPriority = (pid: number | undefined): void => {
  if (pid === undefined) return;
  try {
    setPriority(pid, Math.min(19, getPriority() + NODE_NICENESS));
  } catch {
    // Not permitted here (some sandboxes): the node runs at the runner's priority.
  }
};

const LIVE = new Set<ChildProcess>();

/** How long to wait, after a node exits, for the rest of its stdout. */
const STDOUT_DRAIN_MS = 200;

/** Kills every child still running, synchronously (for exit handlers). */
export const killAllNow = (): void => {
  for (const child of LIVE) {
    try {
      child.kill('SIGKILL');
    } catch {
      // Already gone.
    }
  }
  LIVE.clear();
};

const describeExit = (code: number | null, signal: NodeJS.Signals | null): string =>
  signal !== null ? `was killed by ${signal}` : `exited with code ${code ?? 'unknown'}`;

export const spawnNode = (
  id: string,
  bin: string,
  args: readonly string[],
  log_path: string,
  handlers: NodeHandlers,
  env: NodeJS.ProcessEnv = process.env,
  maxLineChars: number = DEFAULT_MAX_LINE_CHARS,
): NodeProcess => {
  const log_fd = openSync(log_path, 'w');
  const child = spawn(bin, [...args], { stdio: ['pipe', 'pipe', log_fd], env });
  closeSync(log_fd);
  lowerPriority(child.pid);
  LIVE.add(child);
  let exited = false;
  let exitWaiters: (() => void)[] = [];
  const ended = (reason: string): void => {
    if (exited) return;
    exited = true;
    LIVE.delete(child);
    for (const wake of exitWaiters) wake();
    exitWaiters = [];
    handlers.onExit(reason);
  };
  const splitter = new LineSplitter({ onLine: handlers.onLine, onTooLong: handlers.onTooLong, maxLineChars });
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => splitter.push(chunk));
  let stdoutEnded = false;
  let onStdoutEnd: (() => void) | null = null;
  child.stdout?.on('end', () => {
    splitter.end();
    stdoutEnded = true;
    onStdoutEnd?.();
  });
  // EPIPE after the node died is expected; the exit handler reports the death.
  child.stdin?.on('error', () => undefined);
  child.on('error', (error) => ended(`could not be run: ${error.message}`));
  child.on('exit', (code, signal) => {
    // What the node printed before it died is still in the pipe: read it first,
    // unless something it left behind holds the pipe open.
    const report = (): void => ended(describeExit(code, signal));
    if (stdoutEnded || child.stdout === null) return report();
    const timer = setTimeout(report, STDOUT_DRAIN_MS);
    onStdoutEnd = () => {
      clearTimeout(timer);
      report();
    };
  });

  const waitForExit = (ms: number): Promise<boolean> =>
    exited
      ? Promise.resolve(true)
      : new Promise((resolve) => {
          const timer = setTimeout(() => resolve(false), ms);
          exitWaiters.push(() => {
            clearTimeout(timer);
            resolve(true);
          });
        });

  return {
    id,
    pid: child.pid,
    get exited() {
      return exited;
    },
    cpuSeconds(): number | null {
      return exited ? null : procCpuSeconds(child.pid);
    },
    write(line: string): void {
      if (exited || child.stdin === null || child.stdin.destroyed) return;
      child.stdin.write(line + '\n');
    },
    async stop(grace_ms: number): Promise<void> {
      if (exited) return;
      child.stdin?.end();
      if (await waitForExit(grace_ms)) return;
      child.kill('SIGTERM');
      if (await waitForExit(grace_ms)) return;
      child.kill('SIGKILL');
      await waitForExit(grace_ms);
    },
  };
};
