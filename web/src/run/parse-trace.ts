/**
 * trace.jsonl (src/maelstrom/history/trace.ts), read from an untrusted file. Each
 * line must be an entry of that format; the first one that is not stops the
 * read with its line number, as the checker does for a history. Message
 * bodies are not checked here: replay decodes them exactly as the node's
 * shell does, and the shell's verdict (skip, or answer with an error) is
 * part of what the replay shows.
 */
import type { Message } from '../../../src/core/machine.js';
import type { TraceEntry } from '../../../src/maelstrom/history/trace.js';

export type TraceParse = { readonly ok: true; readonly entries: TraceEntry[] } | { readonly ok: false; readonly line: number; readonly message: string };

const isRecord = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);

/** Why `x` is not a trace entry, or null when it is one. */
export const traceEntryProblem = (x: unknown): string | null => {
  if (!isRecord(x)) return 'expected a trace entry (an object)';
  if (typeof x['node'] !== 'string') return '"node" must be a string';
  if (typeof x['time_ms'] !== 'number' || !Number.isFinite(x['time_ms'])) return '"time_ms" must be a finite number';
  if (x['tick'] === true) return null;
  const message = x['message'];
  if (!isRecord(message)) return 'expected "message" (an object) or "tick": true';
  if (typeof message['src'] !== 'string' || typeof message['dest'] !== 'string') return '"message" needs string "src" and "dest"';
  if (!isRecord(message['body'])) return '"message.body" must be an object';
  return null;
};

/** A validated entry, reduced to the fields the format defines. */
const entryOf = (x: Record<string, unknown>): TraceEntry =>
  x['tick'] === true
    ? { node: x['node'] as string, time_ms: x['time_ms'] as number, tick: true }
    : { node: x['node'] as string, time_ms: x['time_ms'] as number, message: x['message'] as Message };

export const parseTraceEntries = (items: readonly unknown[]): TraceParse => {
  const entries: TraceEntry[] = [];
  for (let i = 0; i < items.length; i++) {
    const problem = traceEntryProblem(items[i]);
    if (problem !== null) return { ok: false, line: i + 1, message: problem };
    entries.push(entryOf(items[i] as Record<string, unknown>));
  }
  return { ok: true, entries };
};

export const parseTraceJsonl = (text: string): TraceParse => {
  const entries: TraceEntry[] = [];
  let lineNumber = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    lineNumber++;
    const line = text.slice(start, end).trim();
    start = end + 1;
    if (line === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (error) {
      return { ok: false, line: lineNumber, message: `not JSON: ${error instanceof Error ? error.message : String(error)}` };
    }
    const problem = traceEntryProblem(parsed);
    if (problem !== null) return { ok: false, line: lineNumber, message: problem };
    entries.push(entryOf(parsed as Record<string, unknown>));
  }
  return { ok: true, entries };
};

/** Does this text look like a trace (its first entry has "node" and "time_ms")? */
export const looksLikeTrace = (text: string): boolean => {
  const first = text.slice(0, 2000).split('\n', 1)[0] ?? '';
  return /^\s*\{/.test(first) && first.includes('"time_ms"') && first.includes('"node"');
};
