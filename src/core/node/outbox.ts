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

  /**
   * Sends `body` to `dest` with a fresh msg_id, and returns that id. Takes
   * ownership of `body`, a literal the caller just built, and stamps the id
   * onto it (see `reply` for why it stamps rather than spreads).
   */
  send(dest: string, body: OutgoingBody): number {
    const msg_id = this.nextMsgId++;
    (body as { msg_id?: number }).msg_id = msg_id;
    this.effects.push({ kind: 'send', message: { src: this.self, dest, body } });
    return msg_id;
  }

  /**
   * Takes ownership of `body`, a literal the caller just built, and stamps
   * `in_reply_to` and `msg_id` onto it. Stamping rather than spreading: a
   * spread over bodies of many shapes is the node's single costliest line.
   */
  reply(dest: string, in_reply_to: number, body: OutgoingBody): void {
    const stamped = body as { in_reply_to?: number; msg_id?: number };
    stamped.in_reply_to = in_reply_to;
    stamped.msg_id = this.nextMsgId++;
    this.effects.push({ kind: 'send', message: { src: this.self, dest, body } });
  }

  error(dest: string, in_reply_to: number, code: number, text: string): void {
    this.reply(dest, in_reply_to, { type: 'error', code, text });
  }

  timer(at_ms: number): void {
    this.effects.push({ kind: 'timer', at_ms });
  }

  log(text: string): void {
    this.effects.push({ kind: 'log', text });
  }
}
