/**
 * Runs one side of a parity case in a fresh temporary directory (both write
 * ./store where they run) and says where its store/latest is. A side that
 * outlives its wall-clock cap is killed with its whole process group (its
 * nodes too), so a hung node cannot stall the suite.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, realpathSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SideRun {
  readonly dir: string;
  /** store/latest, resolved, if the side made one. */
  readonly latest: string | null;
  readonly status: number | null;
  readonly wall_s: number;
  readonly killed: boolean;
  /** The last lines it printed, to say why when it left no results. */
  readonly tail: string;
}

export const runSide = (label: string, command: string, args: readonly string[], cap_s: number): Promise<SideRun> => {
  const dir = mkdtempSync(join(tmpdir(), `parity-${label}-`));
  writeFileSync(join(dir, 'command.txt'), [command, ...args].join(' ') + '\n');
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString('utf8')).slice(-20_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      if (child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
    }, cap_s * 1000);
    let done = false;
    const finish = (status: number | null): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      writeFileSync(join(dir, 'output.txt'), output);
      const latestPath = join(dir, 'store', 'latest');
      const latest = existsSync(latestPath) ? realpathSync(latestPath) : null;
      const tail = output.split('\n').filter((l) => l.trim() !== '').slice(-6).join('\n');
      resolve({ dir, latest, status, wall_s: (Date.now() - started) / 1000, killed, tail });
    };
    child.on('error', (error) => {
      output += `\n${error.message}`;
      finish(null);
    });
    child.on('close', finish);
  });
};
