/**
 * Lines a node prints for a client wait behind lines between nodes.
 *
 * The runner is one thread: the network between the nodes and every client at
 * once. When many clients' replies come at once (the final phase's polls of
 * every key from offset 0: about 5 MB at 25 nodes), parsing them and recording
 * them kept the runner busy for half a second, and replication between the
 * nodes waited behind them, in its pipes and in its latency timers. So a line
 * for a client is queued and taken in short slices, between which the event
 * loop reads the pipes and fires the timers, while a line between nodes is
 * taken at once. A client's reply is then seen a few milliseconds later, as a
 * busy network would deliver it; one node's lines to clients keep their order.
 *
 * The queue is bounded: past MAX_QUEUED_LINES, lines are taken at once, as
 * before, so a node that floods its clients is slowed by the runner's pace
 * (the pipe fills) rather than filling the runner's memory.
 */
import { performance } from 'node:perf_hooks';

/** How long one slice of client lines may hold the event loop. */
export const CLIENT_SLICE_MS = 4;

/** Far above the workload's own traffic: a client has one request in flight. */
export const MAX_QUEUED_LINES = 4096;

/** How far into a line its `dest` is looked for: nodes print src, dest, body, in that order, in practice. */
const HEAD_CHARS = 256;
const DEST_IS_CLIENT = /"dest"\s*:\s*"c\d/;

/**
 * True when a line looks like a message to a client (`"dest":"c<digit>`).
 * Only the line's head is read, so it is cheap on a megabyte line; a wrong
 * guess changes only when the line is taken, never what is made of it.
 */
export const isForClient = (line: string): boolean => DEST_IS_CLIENT.test(line.length > HEAD_CHARS ? line.slice(0, HEAD_CHARS) : line);

export class ClientLineQueue {
  private readonly nodes: string[] = [];
  private readonly lines: string[] = [];
  private head = 0;
  private scheduled = false;

  constructor(
    private readonly take: (node: string, line: string) => void,
    private readonly slice_ms: number = CLIENT_SLICE_MS,
    private readonly max_lines: number = MAX_QUEUED_LINES,
  ) {}

  /** Lines waiting. */
  get size(): number {
    return this.lines.length - this.head;
  }

  push(node: string, line: string): void {
    if (this.size >= this.max_lines) {
      this.flush();
      this.take(node, line);
      return;
    }
    this.nodes.push(node);
    this.lines.push(line);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.drainSlice);
    }
  }

  /** Takes every waiting line now, in order: before anything that must follow a node's earlier lines. */
  flush(): void {
    while (this.head < this.lines.length) this.takeOne();
    this.clear();
  }

  /** One slice, then the event loop's turn (pipes, timers), then the next slice. */
  private readonly drainSlice = (): void => {
    this.scheduled = false;
    const until = performance.now() + this.slice_ms;
    do this.takeOne();
    while (this.head < this.lines.length && performance.now() < until);
    if (this.head < this.lines.length) {
      this.scheduled = true;
      setImmediate(this.drainSlice);
    } else this.clear();
  };

  private takeOne(): void {
    if (this.head >= this.lines.length) return;
    const i = this.head++;
    const node = this.nodes[i] as string;
    const line = this.lines[i] as string;
    // Let a taken line go at once: a final poll's is 100 kB.
    this.nodes[i] = '';
    this.lines[i] = '';
    this.take(node, line);
  }

  private clear(): void {
    this.nodes.length = 0;
    this.lines.length = 0;
    this.head = 0;
  }
}
