/**
 * `kafka-check [--json] FILE|FOLDER`: check a kafka history and say whether
 * it is valid. Exit 0 valid, 1 invalid, 2 when the input (or the command
 * line) cannot be read.
 */
import * as E from 'fp-ts/lib/Either.js';
import { compareWithMaelstrom, renderSummary, type MaelstromComparison } from '../../checker/index.js';
import { checkHistory } from './read-history.js';

export const EXIT_VALID = 0;
export const EXIT_INVALID = 1;
export const EXIT_UNREADABLE = 2;

export const USAGE = `Usage: kafka-check [--json] FILE|FOLDER

Checks a history of Maelstrom's kafka workload for the anomalies Jepsen's
kafka checker finds (lost-write, unseen, poll-skip, nonmonotonic-poll, ...).

FILE is our history.jsonl (one JSON op per line) or Maelstrom's history.edn,
either of them optionally gzipped. FOLDER is a store folder holding one
(e.g. Maelstrom's store/latest). Beside a history.edn, Maelstrom's
history.txt gives each op its true value (history.edn lacks the final
polls' results), and results.edn gives Maelstrom's own verdict, shown next
to ours.

  --json   print one JSON object mirroring the :workload map of Maelstrom's
           results.edn, instead of the readable summary
  --help   print this and exit

Exit status: 0 valid, 1 invalid, 2 unreadable input.
`;

export interface CliOutput {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export function runCli(argv: readonly string[], out: CliOutput): number {
  let json = false;
  const files: string[] = [];
  for (const arg of argv) {
    if (arg === '--help' || arg === '-h') {
      out.stdout(USAGE);
      return EXIT_VALID;
    } else if (arg === '--json') {
      json = true;
    } else if (arg.startsWith('-') && arg !== '-') {
      out.stderr(`kafka-check: unknown option ${arg}\n\n${USAGE}`);
      return EXIT_UNREADABLE;
    } else {
      files.push(arg);
    }
  }
  const file = files[0];
  if (file === undefined || files.length > 1) {
    out.stderr(`kafka-check: expected exactly one FILE or FOLDER\n\n${USAGE}`);
    return EXIT_UNREADABLE;
  }
  const checked = checkHistory(file);
  if (E.isLeft(checked)) {
    out.stderr(`kafka-check: ${checked.left}\n`);
    return EXIT_UNREADABLE;
  }
  const { result, format, results } = checked.right;
  let maelstrom: MaelstromComparison | undefined;
  if (results !== null) {
    if (E.isLeft(results.verdict)) {
      out.stderr(`kafka-check: warning: ${results.path}: ${results.verdict.left}; not compared\n`);
    } else {
      // Beside our runner's history.jsonl, results.edn is the runner's, not Maelstrom's.
      const source = format === 'edn' ? `Maelstrom's verdict (${results.path})` : `Verdict in ${results.path}`;
      maelstrom = compareWithMaelstrom(result, results.verdict.right, source);
    }
  }
  if (json) {
    out.stdout(JSON.stringify(maelstrom === undefined ? result : { ...result, maelstrom }, null, 2) + '\n');
  } else {
    out.stdout(renderSummary(result, maelstrom === undefined ? {} : { maelstrom }));
  }
  return result['valid?'] ? EXIT_VALID : EXIT_INVALID;
}
