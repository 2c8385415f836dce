/**
 * The one reducer shape every state machine in this project has: the node, the
 * workload clients, the `lin-kv`-style services and the simulated network.
 *
 *   step(state, input) -> [state, effects]
 *
 * A step is pure: it never touches the outside world and never mutates the
 * state it was given (it may build its effect list by local mutation, as
 * XState's `transition` does). Time only arrives as `now_ms` on an input, so the
 * same inputs always give the same outputs, in the node, the simulator, the
 * runner and the browser.
 */

/** A Maelstrom message: `src` and `dest` are node or client ids, `body.type` names the RPC. */
export interface Message<B = Body> {
  readonly src: string;
  readonly dest: string;
  readonly body: B;
}

/** Every Maelstrom body has a `type`; requests carry `msg_id`, replies `in_reply_to`. */
export interface Body {
  readonly type: string;
  readonly msg_id?: number;
  readonly in_reply_to?: number;
  readonly [field: string]: unknown;
}

/** What a step asks the shell (or the simulator) to do. */
export type Effect =
  /** Put this message on the wire. */
  | { readonly kind: 'send'; readonly message: Message }
  /** Deliver a `tick` input no later than `at_ms` (only the earliest pending one matters). */
  | { readonly kind: 'timer'; readonly at_ms: number }
  /** A line for the operator's log (stderr in the node, a console pane in the demo). */
  | { readonly kind: 'log'; readonly text: string };

/** A body we are about to send: the outbox adds `msg_id` (and `in_reply_to` for replies). */
export type OutgoingBody = { readonly type: string } & Readonly<Record<string, unknown>>;

export type Step<S, I> = (state: S, input: I) => readonly [S, readonly Effect[]];
