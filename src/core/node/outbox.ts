/**
 * Collects one step's effects and hands out msg_ids. Local to a step: a step
 * creates one, handlers write to it, and the step returns its effects and
 * the next free msg_id as part of the new state.
 */
import type { Effect, OutgoingBody } from '../machine.js';

export class Outbox {
  readonly effects: Effect[] = [];

  constructor(
    private readonly self: string,
    public nextMsgId: number,
  ) {}

  /** Sends `body` to `dest` with a fresh msg_id; returns that id. */
  send(dest: string, body: OutgoingBody): number {
    const msg_id = this.nextMsgId++;
    this.effects.push({ kind: 'send', message: { src: this.self, dest, body: { ...body, msg_id } } });
    return msg_id;
  }

  reply(dest: string, in_reply_to: number, body: OutgoingBody): void {
    this.send(dest, { ...body, in_reply_to });
  }

  error(dest: string, in_reply_to: number, code: number, text: string): void {
    this.send(dest, { type: 'error', in_reply_to, code, text });
  }

  timer(at_ms: number): void {
    this.effects.push({ kind: 'timer', at_ms });
  }

  log(text: string): void {
    this.effects.push({ kind: 'log', text });
  }
}
