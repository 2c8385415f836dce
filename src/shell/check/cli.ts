/**
 * `kafka-check [--json] FILE`: check a kafka history and say whether it is
 * valid. Exit 0 valid, 1 invalid, 2 when the input (or the command line)
 * cannot be read.
 */
import * as E from 'fp-ts/lib/Either.js';
import { check, renderSummary } from '../../checker/index.js';
import { readHistoryFile } from './read-history.js';

export const EXIT_VALID = 0;
export const EXIT_INVALID = 1;
export const EXIT_UNREADABLE = 2;

export const USAGE = `Usage: kafka-check [--json] FILE

Checks a history of Maelstrom's kafka workload for the anomalies Jepsen's
kafka checker finds (lost-write, unseen, poll-skip, nonmonotonic-poll, ...).

FILE is our history.jsonl (one JSON op per line) or Maelstrom's history.edn,
either of them optionally gzipped.

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
    out.stderr(`kafka-check: expected exactly one FILE\n\n${USAGE}`);
    return EXIT_UNREADABLE;
  }
  const history = readHistoryFile(file);
  if (E.isLeft(history)) {
    out.stderr(`kafka-check: ${history.left}\n`);
    return EXIT_UNREADABLE;
  }
  const result = check(history.right);
  out.stdout(json ? JSON.stringify(result, null, 2) + '\n' : renderSummary(result));
  return result['valid?'] ? EXIT_VALID : EXIT_INVALID;
}
