/**
 * Maelstrom's messages.svg, read back into arrows for the message diagram.
 * Maelstrom draws its Lamport diagram of the run's first messages (at most
 * 5000; "Additional network events not shown") with one lifeline per
 * client and node, labelled along the top, and one group per message:
 *
 *   <g transform="translate(X Y) rotate(DEG) "><rect ... width="W" ...>
 *     <title >c6 → n1 {:key "8", :msg 1, :type "send", :msg_id 1}</title>
 *
 * The message leaves lifeline X at height Y and arrives at X + W cos(DEG),
 * Y + W sin(DEG). Heights are event order, not time: Maelstrom keeps no
 * times in it. The history has them, so heights are turned into times by
 * matching, in order, the messages that start an operation (every client
 * request but `commit_offsets`, which a poll sends second) with the
 * history's invocations, and interpolating between them. The times are
 * therefore estimates; the order is Maelstrom's own.
 *
 * Pure: text in, arrows out (or why not).
 */
import { parseEDNString } from 'edn-data';
import { ArrowRecorder, type MessageArrows } from '../../../src/checker/plots/arrows.js';
import type { Message } from '../../../src/core/machine.js';
import type { Op } from '../../../src/maelstrom/history/op.js';

const EDN_OPTIONS: NonNullable<Parameters<typeof parseEDNString>[1]> = { mapAs: 'object', setAs: 'array', listAs: 'array', keywordAs: 'string', symbolAs: 'string', charAs: 'string' };

const GROUP = /<g transform="translate\(([-\d.eE]+)[ ,]+([-\d.eE]+)\) rotate\(([-\d.eE]+)\)\s*"\s*>\s*<rect [^>]*?width="([-\d.eE]+)"[^>]*>\s*<title\s*>([^<]*)<\/title>/g;
const TITLE = /^(\S+) → (\S+) (\{[\s\S]*\})$/;

const unescapeXml = (text: string): string =>
  text.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-fA-F]+);/g, (_, entity: string) => {
    if (entity === 'lt') return '<';
    if (entity === 'gt') return '>';
    if (entity === 'quot') return '"';
    if (entity === 'apos') return "'";
    if (entity === 'amp') return '&';
    return String.fromCodePoint(entity[1] === 'x' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10));
  });

interface Drawn {
  readonly message: Message;
  readonly y1: number;
  readonly y2: number;
}

export const looksLikeMaelstromMessages = (text: string): boolean => text.includes('<svg') && text.includes('xlink:href="#ahead"');

/** The messages drawn in a Maelstrom messages.svg, in the order they left; a string says why there are none. */
export const messagesOfSvg = (text: string): Drawn[] | string => {
  if (!looksLikeMaelstromMessages(text)) return "not Maelstrom's messages.svg";
  const drawn: Drawn[] = [];
  for (const match of text.matchAll(GROUP)) {
    const [, x, y, degrees, width, title] = match;
    const parts = TITLE.exec(unescapeXml(title!));
    if (parts === null) continue;
    let body: unknown;
    try {
      body = parseEDNString(parts[3]!, EDN_OPTIONS);
    } catch {
      continue;
    }
    if (body === null || typeof body !== 'object' || typeof (body as { type?: unknown }).type !== 'string') continue;
    const y1 = Number(y);
    const y2 = y1 + Number(width) * Math.sin((Number(degrees) * Math.PI) / 180);
    if (!Number.isFinite(y1) || !Number.isFinite(y2) || !Number.isFinite(Number(x))) continue;
    drawn.push({ message: { src: parts[1]!, dest: parts[2]!, body: body as Message['body'] }, y1, y2 });
  }
  if (drawn.length === 0) return 'no messages found in it';
  return drawn.sort((a, b) => a.y1 - b.y1);
};

/** Heights to times: the i-th message that starts an operation left at the i-th invocation; in between, linear. */
const timeOfHeight = (drawn: readonly Drawn[], history: readonly Op[]): ((y: number) => number) => {
  const starts = drawn.filter((d) => /^c\d+$/.test(d.message.src) && d.message.body.type !== 'commit_offsets').map((d) => d.y1);
  const invokes = history.filter((op) => op.type === 'invoke' && op.process !== 'nemesis').map((op) => op.time / 1e6);
  const n = Math.min(starts.length, invokes.length);
  const ys: number[] = [];
  const ts: number[] = [];
  for (let i = 0; i < n; i++) {
    if (ys.length > 0 && starts[i]! <= ys[ys.length - 1]!) continue;
    ys.push(starts[i]!);
    ts.push(Math.max(invokes[i]!, ts[ts.length - 1] ?? -Infinity));
  }
  if (ys.length < 2) {
    // Nothing to anchor to: one pixel a millisecond.
    return (y) => y - (drawn[0]?.y1 ?? 0);
  }
  const slopeAt = (i: number): number => (ts[i + 1]! - ts[i]!) / Math.max(1e-9, ys[i + 1]! - ys[i]!);
  return (y) => {
    let lo = 0;
    let hi = ys.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (ys[mid]! <= y) lo = mid;
      else hi = mid - 1;
    }
    const i = Math.min(lo, ys.length - 2);
    return Math.max(0, ts[i]! + (y - ys[i]!) * slopeAt(i));
  };
};

/** The arrows of a Maelstrom messages.svg, with times estimated from the history's invocations. */
export const arrowsOfMaelstromSvg = (text: string, history: readonly Op[]): MessageArrows | string => {
  const drawn = messagesOfSvg(text);
  if (typeof drawn === 'string') return drawn;
  const time = timeOfHeight(drawn, history);
  const recorder = new ArrowRecorder();
  for (const d of drawn) recorder.drawn(d.message, time(d.y1), time(d.y2));
  return recorder.finish();
};
