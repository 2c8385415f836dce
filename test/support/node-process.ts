/** Runs bin/maelstrom-kafka as Maelstrom does: a child process over pipes. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

export const nodeBin = join(import.meta.dirname, '..', '..', 'bin', 'maelstrom-kafka');

export interface Finished {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout parsed, one message per line. */
  readonly messages: { src: string; dest: string; body: Record<string, unknown> }[];
}

/**
 * Writes `chunks` to the node's stdin one write each (with a pause between,
 * so a chunk boundary really is a read boundary), closes stdin, and waits for
 * the process to exit.
 */
export const runNode = async (
  chunks: readonly (string | Buffer)[],
  options: { readonly args?: readonly string[]; readonly cwd?: string; readonly pauseMs?: number } = {},
): Promise<Finished> => {
  const child = spawn(nodeBin, [...(options.args ?? [])], { cwd: options.cwd ?? process.cwd(), stdio: 'pipe' });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (b: Buffer) => out.push(b));
  child.stderr.on('data', (b: Buffer) => err.push(b));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  for (const chunk of chunks) {
    child.stdin.write(chunk);
    if (options.pauseMs !== undefined) await new Promise((r) => setTimeout(r, options.pauseMs));
  }
  child.stdin.end();
  const code = await exited;
  const stdout = Buffer.concat(out).toString('utf8');
  const messages = stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Finished['messages'][number]);
  return { code, stdout, stderr: Buffer.concat(err).toString('utf8'), messages };
};

export const line = (body: Record<string, unknown>, src = 'c1'): string => `${JSON.stringify({ src, dest: 'n0', body })}\n`;
export const init = line({ type: 'init', msg_id: 0, node_id: 'n0', node_ids: ['n0'] }, 'c0');

/** The reply to request `msg_id` from `src`. */
export const replyTo = (finished: Finished, msg_id: number, src = 'c1'): Record<string, unknown> | undefined =>
  finished.messages.find((m) => m.dest === src && m.body['in_reply_to'] === msg_id)?.body;
