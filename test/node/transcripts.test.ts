/**
 * Transcript tests, in the style of etcd raft's testdata: each file in
 * test/transcripts holds request lines (`> `) and, after each, exactly what
 * the node did (`< ` a message sent, `! ` a log line or a skipped input).
 * The test replays the `> ` lines through decode+step and compares the whole
 * regenerated file with the stored one. After an intended change of
 * behaviour, rewrite them with UPDATE_TRANSCRIPTS=1 and review the diff.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initialNodeState } from '../../src/core/node/state.js';
import { feedLine } from '../support/feed.js';

const dir = join(import.meta.dirname, '..', 'transcripts');
const update = process.env['UPDATE_TRANSCRIPTS'] === '1';

const replay = (stored: string): string => {
  let state = initialNodeState();
  const result: string[] = [];
  for (const line of stored.split('\n')) {
    if (line.startsWith('< ') || line.startsWith('! ')) continue; // regenerated below
    result.push(line);
    if (!line.startsWith('> ')) continue;
    const fed = feedLine(state, line.slice(2));
    state = fed.state;
    result.push(...fed.output);
  }
  return result.join('\n');
};

describe('transcripts', () => {
  const files = readdirSync(dir).filter((name) => name.endsWith('.txt'));
  it('exist', () => expect(files.length).toBeGreaterThanOrEqual(6));
  for (const name of files) {
    it(name, () => {
      const path = join(dir, name);
      const stored = readFileSync(path, 'utf8');
      const regenerated = replay(stored);
      if (update) writeFileSync(path, regenerated);
      else expect(regenerated).toBe(stored);
    });
  }
});
