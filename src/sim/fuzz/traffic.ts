/**
 * Real traffic for one node, then mutated with a grammar in mind: every
 * line starts as a message a Maelstrom client (or a peer) would send, and a
 * good share is then broken at the level of its structure (a field missing,
 * extra, or of the wrong type; an odd number; a huge or deep value) or of its
 * text (cut short, junk, two messages on a line, a duplicated key, CRLF).
 *
 * A stream is what one node process reads from start to end of input: a few
 * requests before init (they must get error 11, or 12, or nothing), the init
 * of a one-node cluster, then traffic. Everything comes from the seed.
 */
import { FuzzRandom } from './random.js';
import { deepValue, messageValue, oddValue, ODD_KEYS, ODD_KEYS_WITH_PROTOTYPE_NAMES, pickKey, serialise, type FuzzScope } from './values.js';

/** What the generator may ask of the model, to aim polls and commits at offsets that exist. */
export interface TrafficContext {
  logLength(key: string): number;
}

export const NODE_ID = 'n0';
export const INIT_LINE = JSON.stringify({ src: 'c0', dest: NODE_ID, body: { type: 'init', msg_id: 1, node_id: NODE_ID, node_ids: [NODE_ID] } });

const CLIENTS = ['c1', 'c2', 'c3', 'c4', 'c5'];
const UNKNOWN_TYPES = ['frobnicate', 'SEND', 'send ', ' poll', '', 'error', 'poll_ok', 'echo', 'read', 'constructor', '__proto__'];

type Body = Record<string, unknown>;

export class TrafficGenerator {
  private readonly r: FuzzRandom;
  private msgId = 1000;
  private counter = 0;

  private readonly max_depth: number;
  private readonly oddKeys: readonly string[];

  constructor(seed: number, stream: number, scope: FuzzScope) {
    this.r = new FuzzRandom(seed, stream);
    this.max_depth = scope.max_depth;
    this.oddKeys = scope.prototype_names ? ODD_KEYS_WITH_PROTOTYPE_NAMES : ODD_KEYS;
  }

  /** The stream's next line, without its terminator, and the terminator ('\n' or '\r\n'). */
  next(context: TrafficContext, initialised: boolean): { readonly text: string; readonly terminator: string } {
    const r = this.r;
    const terminator = r.chance(0.1) ? '\r\n' : '\n';
    const roll = r.below(100);
    const message = this.request(context, initialised);
    if (roll < 45) return { text: serialise(message), terminator };
    if (roll < 85) {
      const mutations = r.between(1, 3);
      for (let i = 0; i < mutations; i++) this.mutate(message);
      return { text: serialise(message), terminator };
    }
    return { text: this.mangle(serialise(message)), terminator };
  }

  /** A well-formed message: a client request, now and then a peer's message, a reply, or an unknown type. */
  private request(context: TrafficContext, initialised: boolean): Body {
    const r = this.r;
    const msg_id = this.msgId++;
    const src = r.pick(CLIENTS);
    const envelope = (body: Body, from = src): Body => ({ src: from, dest: NODE_ID, body });
    const offsetNear = (key: string): number => {
      const length = context.logLength(key);
      const roll = r.below(100);
      // From 0 now and then: a poll from 0 returns up to a whole --poll-max of pairs per key.
      if (roll < 89) return Math.max(0, length - r.below(6));
      if (roll < 90) return 0;
      return length + r.below(3);
    };
    const someKeys = (): string[] => Array.from({ length: r.between(1, 4) }, (): string => pickKey(r, this.oddKeys));
    const kind = r.below(100);
    if (kind < 40) return envelope({ type: 'send', msg_id, key: pickKey(r, this.oddKeys), msg: messageValue(r, ++this.counter) });
    if (kind < 65) return envelope({ type: 'poll', msg_id, offsets: Object.fromEntries(someKeys().map((k) => [k, offsetNear(k)])) });
    if (kind < 75) return envelope({ type: 'commit_offsets', msg_id, offsets: Object.fromEntries(someKeys().map((k) => [k, offsetNear(k)])) });
    if (kind < 82) return envelope({ type: 'list_committed_offsets', msg_id, keys: someKeys() });
    if (kind < 84) return envelope({ type: 'fetch_committed_offsets', msg_id, keys: someKeys() });
    if (kind < 86 && initialised) {
      const other = r.chance(0.5);
      return envelope({ type: 'init', msg_id, node_id: other ? 'n1' : NODE_ID, node_ids: other ? ['n0', 'n1'] : [NODE_ID] });
    }
    if (kind < 92) return envelope(this.peerBody(msg_id), r.pick(['n1', 'n2', src]));
    if (kind < 96) return envelope({ type: r.pick(UNKNOWN_TYPES), msg_id });
    return envelope({ type: r.pick(['send_ok', 'poll_ok', 'error', 'read_ok']), in_reply_to: r.between(0, msg_id), offset: 1 }, 'n1');
  }

  private peerBody(msg_id: number): Body {
    const r = this.r;
    const key = pickKey(r, this.oddKeys);
    switch (r.below(3)) {
      // The owner design's peer messages, gone with it: unknown types now, and still worth sending.
      case 0:
        return { type: 'kafka_forward', msg_id, seq: r.between(0, 5), sends: [[key, ++this.counter]] };
      case 1:
        return { type: 'kafka_forward_ok', msg_id, in_reply_to: r.between(0, 100), seq: r.between(0, 5), offsets: [r.between(0, 9)] };
      default:
        return { type: 'kafka_sync', msg_id, seq: r.between(1, 9), heard: 0, entries: { [key]: [0, [[r.between(0, 9), ++this.counter]], r.between(0, 12)] }, committed: { [key]: 0 }, held: null };
    }
  }

  /** One structural mutation, in place: somewhere in the message, a field goes, comes, or changes type. */
  private mutate(message: Body): void {
    const r = this.r;
    const targets = containers(message);
    const target = r.pick(targets);
    const fields: readonly (string | number)[] = Array.isArray(target) ? target.map((_, i) => i) : Object.keys(target);
    const roll = r.below(100);
    if (roll < 25 && fields.length > 0) {
      // A field goes missing.
      const field = r.pick(fields);
      if (Array.isArray(target)) target.splice(field as number, 1);
      else delete (target as Body)[field as string];
    } else if (roll < 40) {
      // An extra field, sometimes with a name that matters elsewhere, or none at all.
      const name = r.pick(['extra', 'msg_id', 'in_reply_to', 'type', 'key', 'offsets', '', 'ключ', '🙂', 'src', 'dest', 'body']);
      const value = oddValue(r, this.max_depth, this.oddKeys);
      if (Array.isArray(target)) target.push(value);
      else (target as Body)[name] = value;
    } else if (roll < 90 && fields.length > 0) {
      // A field of the wrong type, or an odd number.
      const field = r.pick(fields);
      const value = oddValue(r, this.max_depth, this.oddKeys);
      (target as Record<string | number, unknown>)[field] = value;
    } else if (roll < 95) {
      const body = message['body'];
      if (typeof body === 'object' && body !== null && !Array.isArray(body)) (body as Body)['msg_id'] = oddValue(r, this.max_depth, this.oddKeys);
    } else {
      // The body, or the whole message, replaced by something that is not one.
      message['body'] = r.chance(0.5) ? oddValue(r, this.max_depth, this.oddKeys) : deepValue(r.between(1, 100), true);
    }
  }

  /** A mutation of the text: cut, junk, joined, a duplicated key, a byte order mark, blank. */
  private mangle(text: string): string {
    const r = this.r;
    switch (r.below(10)) {
      case 0:
        return text.slice(0, r.below(text.length));
      case 1:
        return junk(r);
      case 2:
        return r.pick(['', ' ', '\t', '\r', '{}', '[]', 'null', '0', '"text"', '{"src":"c1"}', 'NaN', '{"src":"c1","dest":"n0","body":[]}']);
      case 3:
        return `${text}${text}`;
      case 4:
        return text.replace('"msg_id":', r.chance(0.5) ? '"msg_id":7,"msg_id":' : '"msg_id":"x","msg_id":');
      case 5:
        return `\ufeff${text}`;
      case 6: {
        const at = r.below(text.length + 1);
        return `${text.slice(0, at)}${r.pick(['"', '{', '}', ',', ':', '\\', ' ', '\u0000', 'é', '🙂', '\r'])}${text.slice(at)}`;
      }
      case 7:
        return `  ${text.replace(/,"/g, ', "')}  \t`;
      case 8:
        return `${text}${r.pick(['x', ',', '}', ' {}', '\r'])}`;
      default:
        return text.replace(/:(\d+)/, (_, digits: string) => `:${r.pick([`${digits}.0`, `${digits}e0`, `-${digits}`, `0${digits}`, `${digits}.5`])}`);
    }
  }
}

/** Every object and array inside `value`, the value itself first (not descending into long arrays or deep nests). */
const containers = (value: Body): (Body | unknown[])[] => {
  const found: (Body | unknown[])[] = [];
  const walk = (v: unknown, depth: number): void => {
    if (typeof v !== 'object' || v === null || depth > 6 || found.length > 40) return;
    found.push(v as Body | unknown[]);
    for (const child of Object.values(v)) walk(child, depth + 1);
  };
  walk(value, 0);
  return found;
};

const JUNK = '{}[]":,0123456789-.eE+ abcnulltrue\\\t\u0000é🙂ключ\r';

const junk = (r: FuzzRandom): string => {
  const chars = [...JUNK];
  return Array.from({ length: r.between(1, 80) }, () => r.pick(chars)).join('');
};
