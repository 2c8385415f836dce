import type { Body } from '../../machine.js';

/** A decoded message as a handler sees it. */
export interface Received<B extends Body> {
  readonly now_ms: number;
  readonly src: string;
  readonly body: B;
}
