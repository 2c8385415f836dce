/**
 * Collects one step's effects and hands out msg_ids. Local to a step: a step
 * creates one, handlers write to it, and the step returns its effects and
 * the next free msg_id as part of the new state.
 */
import type { Effect, OutgoingBody } from '../machine.js';

/** The effects of a step that has none, shared. */
const NO_EFFECTS: readonly Effect[] = Object.freeze([]);

export class Outbox {
  /**
   * The step's effects, in order. Made with the first one: most steps have
   * exactly one, and an array made empty grows on its first push to room for
   * seventeen, a third of a send's garbage (issue 21).
   */
  private list: Effect[] | undefined = undefined;

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
    this.add({ kind: 'send', message: { src: this.self, dest, body } });
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
    this.add({ kind: 'send', message: { src: this.self, dest, body } });
  }

  error(dest: string, in_reply_to: number, code: number, text: string): void {
    this.reply(dest, in_reply_to, { type: 'error', code, text });
  }

  timer(at_ms: number): void {
    this.add({ kind: 'timer', at_ms });
  }

  log(text: string): void {
    this.add({ kind: 'log', text });
  }

  get effects(): readonly Effect[] {
    return this.list ?? NO_EFFECTS;
  }

  private add(effect: Effect): void {
    if (this.list === undefined) this.list = [effect];
    else this.list.push(effect);
  }
}
