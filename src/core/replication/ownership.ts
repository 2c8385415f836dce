/**
 * Every key has one owner, the only node that assigns its offsets; the others
 * hold replicas that are always a prefix of the owner's log. Ownership is a
 * pure function of the key and the membership `init` gave, so nodes agree on
 * it without exchanging a message.
 */
import { hashKey } from '../persistent/hamt.js';

export const ownerOf = (nodeIds: readonly string[], key: string): string =>
  nodeIds[hashKey(key) % nodeIds.length]!;
