/**
 * From the files a person chose or dropped to a Run. The files of a
 * `store/<run>/` folder (history.jsonl or history.edn, trace.jsonl,
 * results.json; the rest is ignored), one bundle, or a history alone.
 * Maelstrom's own store adds history.txt (each op's true value, merged into
 * history.edn's ops by the checker's own parseEdnWithTrueValues, as
 * kafka-check does) and results.edn (a verdict shown next to ours).
 * Gzipped files (Maelstrom's history.edn.gz) are recognised by their magic
 * bytes and inflated by the browser's DecompressionStream.
 *
 * `runOfTexts` is pure and does the deciding; `readFileText` is the DOM half.
 */
import * as E from 'fp-ts/lib/Either.js';
import { formatParseError, parseEdnWithTrueValues, parseHistory, parseMaelstromResults } from '../../../src/checker/index.js';
import type { Op } from '../../../src/maelstrom/history/op.js';
import type { TraceEntry } from '../../../src/maelstrom/history/trace.js';
import { isBundle, runOfBundle } from './bundle.js';
import type { MessageArrows } from '../../../src/checker/plots/arrows.js';
import { arrowsOfMaelstromSvg, looksLikeMaelstromMessages } from './maelstrom-messages.js';
import { chooseNodeConfig } from './node-config.js';
import { looksLikeTrace, parseTraceJsonl } from './parse-trace.js';
import type { Run } from './run.js';

export interface NamedText {
  /** The file's name, possibly with the folder it came in: "20250101T.../history.jsonl". */
  readonly name: string;
  readonly text: string;
}

type Role = 'history' | 'values' | 'trace' | 'results' | 'verdict' | 'messages' | 'plot' | 'json' | 'ignored' | 'sniff';

/** The plots the runner and the simulator write into a store folder (src/checker/plots), in the order shown. */
const PLOT_FILES = ['latency.svg', 'rate.svg', 'lag.svg', 'unseen.svg', 'messages.svg'];

const fileName = (path: string): string => (path.split('/').pop() ?? path).replace(/\.gz$/, '');

const roleOf = (path: string): Role => {
  if (path.split('/').includes('node-logs')) return 'ignored';
  const name = fileName(path);
  if (name === 'trace.jsonl') return 'trace';
  if (name === 'results.json') return 'results';
  // Maelstrom's verdict (or our runner's copy of ours): shown beside the checker's, never instead of it.
  if (name === 'results.edn') return 'verdict';
  // Maelstrom's history.txt: the final polls' results, which its history.edn lacks.
  if (name === 'history.txt') return 'values';
  if (name === 'messages.svg') return 'messages';
  if (PLOT_FILES.includes(name)) return 'plot';
  if (name === 'history.jsonl' || name.endsWith('.edn')) return 'history';
  if (name.endsWith('.json')) return 'json';
  // Maelstrom's test.jepsen (its binary test record) and other store files the page never reads.
  if (/\.(svg|log|txt|md|html|png|jepsen|fressian)$/.test(name)) return 'ignored';
  return 'sniff';
};

/** Whether a store folder's file is one the page reads: the others need not be fetched. */
export const isRunFile = (path: string): boolean => roleOf(path) !== 'ignored';

/** The folder the files came in, when they all came in one. */
const folderOf = (files: readonly NamedText[]): string | undefined => {
  const folders = new Set(files.map((f) => (f.name.includes('/') ? f.name.split('/')[0]! : '')));
  const [only] = folders;
  return folders.size === 1 && only !== '' ? only : undefined;
};

const parseJson = (text: string): unknown | undefined => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};

export const runOfTexts = (files: readonly NamedText[]): Run | string => {
  if (files.length === 0) return 'no files';
  let history: NamedText | undefined;
  let trace: NamedText | undefined;
  let results: NamedText | undefined;
  let values: NamedText | undefined;
  let verdict: NamedText | undefined;
  let messages: NamedText | undefined;
  const plots: NamedText[] = [];
  for (const file of files) {
    let role = roleOf(file.name);
    if (role === 'json') {
      const value = parseJson(file.text);
      if (isBundle(value)) return runOfBundle(value, fileName(file.name).replace(/\.json$/, ''));
      role = 'results';
    }
    if (role === 'sniff') role = looksLikeTrace(file.text) ? 'trace' : 'history';
    if (role === 'history' && (history === undefined || fileName(history.name).endsWith('.edn'))) history = file;
    else if (role === 'trace') trace = file;
    else if (role === 'results') results = file;
    else if (role === 'values') values = file;
    else if (role === 'verdict') verdict = file;
    else if (role === 'messages') messages = file;
    else if (role === 'plot') plots.push(file);
  }
  // Our own messages.svg is one of the store's plots; Maelstrom's is read for the diagram.
  if (messages !== undefined && !looksLikeMaelstromMessages(messages.text)) plots.push(messages);
  plots.sort((a, b) => PLOT_FILES.indexOf(fileName(a.name)) - PLOT_FILES.indexOf(fileName(b.name)));
  if (history === undefined && trace === undefined) {
    return `nothing to show in ${files.map((f) => fileName(f.name)).join(', ')}: open a store/<run>/ folder's history.jsonl and trace.jsonl, a bundle (.json), or a history.edn`;
  }
  const notes: string[] = [];
  let ops: Op[] = [];
  if (history !== undefined) {
    const read = historyOps(history, values);
    if (typeof read === 'string') return read;
    ops = read.ops;
    if (read.note !== undefined) notes.push(read.note);
  }
  let entries: TraceEntry[] | null = null;
  if (trace !== undefined) {
    const parsed = parseTraceJsonl(trace.text);
    if (!parsed.ok) return `${fileName(trace.name)}: line ${parsed.line}: ${parsed.message}`;
    entries = parsed.entries;
  }
  let resultsValue: unknown = null;
  if (results !== undefined) {
    resultsValue = parseJson(results.text) ?? null;
    if (resultsValue === null) notes.push(`${fileName(results.name)} is not JSON; ignored.`);
  }
  if (entries === null) {
    notes.push(
      history !== undefined && fileName(history.name).endsWith('.edn')
        ? "Maelstrom's history.edn holds the clients' view only: the operations and the anomalies are shown, node states are not (there is no trace)."
        : 'No trace.jsonl: the operations and the anomalies are shown, node states are not.',
    );
  }
  // A trace gives the diagram exactly; without one, Maelstrom's own messages.svg gives its first messages.
  let arrows: MessageArrows | undefined;
  if (entries === null && messages !== undefined && looksLikeMaelstromMessages(messages.text)) {
    const read = arrowsOfMaelstromSvg(messages.text, ops);
    if (typeof read === 'string') notes.push(`${fileName(messages.name)}: ${read}; no message diagram.`);
    else {
      arrows = read;
      notes.push(
        `The message diagram shows the ${read.size} messages Maelstrom drew in ${fileName(messages.name)} (its first ones): their order is Maelstrom's, their times are estimated by matching each operation's first request with its invocation in the history.`,
      );
    }
  }
  let verdictFile: Run['verdictFile'];
  if (verdict !== undefined) {
    const parsed = parseMaelstromResults(verdict.text);
    if (E.isLeft(parsed)) notes.push(`${fileName(verdict.name)}: ${parsed.left}; not compared with our verdict.`);
    // As kafka-check labels it: beside our runner's history.jsonl, results.edn is the runner's, not Maelstrom's.
    else verdictFile = { source: isMaelstromHistory(history) ? `Maelstrom's verdict (${fileName(verdict.name)})` : `Verdict in ${fileName(verdict.name)}`, verdict: parsed.right };
  }
  const choice = chooseNodeConfig(resultsValue, undefined);
  const name = folderOf(files) ?? fileName((history ?? trace)!.name);
  return {
    name,
    history: ops,
    trace: entries,
    results: resultsValue,
    nodeConfig: choice.config,
    nodeConfigSource: choice.source,
    notes: [...notes, ...choice.notes],
    ...(arrows === undefined ? {} : { arrows }),
    ...(verdictFile === undefined ? {} : { verdictFile }),
    ...(plots.length === 0 ? {} : { plots: plots.map((plot) => ({ name: fileName(plot.name), svg: plot.text })) }),
  };
};

const isMaelstromHistory = (history: NamedText | undefined): boolean => history !== undefined && fileName(history.name) === 'history.edn';

/**
 * The history's ops. A store's history.edn with its history.txt gets each
 * op's true value from it (the checker's merge, which refuses two files of
 * different runs by line); without one, the final polls stay resultless and
 * the checker says so in its warnings.
 */
const historyOps = (history: NamedText, values: NamedText | undefined): { ops: Op[]; note?: string } | string => {
  if (values !== undefined && isMaelstromHistory(history)) {
    const merged = parseEdnWithTrueValues(history.text, values.text, { edn: fileName(history.name), txt: fileName(values.name) });
    if (E.isLeft(merged)) return merged.left;
    return { ops: merged.right, note: "Each op's value is history.txt's: it holds the results of Maelstrom's final polls, which history.edn writes without them." };
  }
  const parsed = parseHistory(history.text);
  if (E.isLeft(parsed)) return `${fileName(history.name)}: ${formatParseError(parsed.left)}`;
  if (values === undefined) return { ops: parsed.right };
  return { ops: parsed.right, note: `${fileName(values.name)} was not used: it only gives values to Maelstrom's history.edn, and the history here is ${fileName(history.name)}.` };
};

const GZIP_MAGIC = [0x1f, 0x8b] as const;

/** A file's text, inflated first when it is gzipped. */
export const readFileText = async (file: Blob): Promise<string> => {
  const head = new Uint8Array(await file.slice(0, 2).arrayBuffer());
  if (head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1]) {
    const inflated = file.stream().pipeThrough(new DecompressionStream('gzip'));
    return new Response(inflated).text();
  }
  return file.text();
};
