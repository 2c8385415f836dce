/**
 * The node's own trace: with MAELSTROM_KAFKA_TRACE=FILE, every input the
 * reducer consumed, exactly as it consumed it (the parsed message, or a tick,
 * with the `now_ms` it carried), in the trace.jsonl format. Whoever runs the
 * node (the runner) can then replay it exactly: a trace recorded from outside
 * cannot see the node's timer, nor which reads shared a clock reading.
 *
 * Lines are buffered and written with the batch's replies, one write each.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { encodeJson } from '../json.js';

export class TraceWriter {
  private readonly fd: number;
  private lines: string[] = [];

  constructor(path: string) {
    this.fd = openSync(path, 'a');
  }

  message(node: string, now_ms: number, message: unknown): void {
    this.lines.push(`{"node":${JSON.stringify(node)},"time_ms":${now_ms},"message":${encodeJson(message)}}`);
  }

  tick(node: string, now_ms: number): void {
    this.lines.push(`{"node":${JSON.stringify(node)},"time_ms":${now_ms},"tick":true}`);
  }

  flush(): void {
    if (this.lines.length === 0) return;
    writeSync(this.fd, this.lines.join('\n') + '\n');
    this.lines = [];
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

export const traceFromEnvironment = (env: Readonly<Record<string, string | undefined>>): TraceWriter | undefined => {
  const path = env['MAELSTROM_KAFKA_TRACE'];
  return path === undefined || path === '' ? undefined : new TraceWriter(path);
};
