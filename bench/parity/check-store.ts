/**
 * Our checker on Maelstrom's own store: `bin/kafka-check --json` on the folder
 * (history.edn, with history.txt's true values), so the table can say whether
 * the checker reaches Maelstrom's `:workload` verdict on the very history
 * Maelstrom judged, apart from any difference between the two runs.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CHECKER } from './suite.js';

export interface CheckerView {
  /** `valid?` of the checker's result, or why there is none. */
  readonly valid: string;
  readonly anomalies: readonly string[];
}

export const checkStore = (latest: string | null): Promise<CheckerView | null> => {
  if (latest === null || !existsSync(join(latest, 'history.edn'))) return Promise.resolve(null);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CHECKER, '--json', latest], { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let errors = '';
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      errors = (errors + chunk.toString('utf8')).slice(-500);
    });
    child.on('error', (error) => resolve({ valid: `checker failed: ${error.message}`, anomalies: [] }));
    child.on('close', (status) => {
      try {
        const result = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { 'valid?'?: unknown; 'error-types'?: unknown };
        const types = Array.isArray(result['error-types']) ? result['error-types'].map(String).sort() : [];
        resolve({ valid: String(result['valid?']), anomalies: types });
      } catch {
        resolve({ valid: `checker exit ${String(status)}: ${errors.trim().split('\n').pop() ?? ''}`, anomalies: [] });
      }
    });
  });
};
