/**
 * What the node reducer consumes. The decoder (protocol/decode.ts) is the only
 * producer of `message` and `rejected` inputs, so a body that reaches `step`
 * has already been validated against its codec.
 */
import type { ClientRequest } from '../protocol/kafka.js';
import type { PeerMessage } from '../replication/protocol.js';

export type NodeBody = ClientRequest | PeerMessage;

export type NodeInput =
  /** A well-formed request or peer message. */
  | { readonly kind: 'message'; readonly now_ms: number; readonly src: string; readonly dest: string; readonly body: NodeBody }
  /** A request we must answer with an error and otherwise ignore (bad body, unknown type). */
  | {
      readonly kind: 'rejected';
      readonly now_ms: number;
      readonly src: string;
      readonly dest: string;
      readonly msg_id: number;
      readonly code: number;
      readonly text: string;
    }
  /** Time passed: the shell's timer fired, or the simulator's clock reached a deadline. */
  | { readonly kind: 'tick'; readonly now_ms: number };
