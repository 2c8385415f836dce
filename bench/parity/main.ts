/**
 * `npm run parity`: real Maelstrom beside our runner, case by case (flags.ts
 * for the command line, suite.ts for the cases, compare.ts for the table).
 * Sequential on purpose: a Maelstrom run takes ~100 s and ~1 GB and its
 * timeouts fire under load; each case prints as soon as both sides are done.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { basename } from 'node:path';
import { checkStore } from './check-store.js';
import { markdownTable, rowDifferences, textTable, type Row } from './compare.js';
import { noFigures, readFigures, type Figures } from './figures.js';
import { mergeShared, parseFlags, ParityFlagError, USAGE, type ParityOptions } from './flags.js';
import { runSide, type SideRun } from './run.js';
import { DEFAULT_JAR, defaultSuite, optionalSuite, RUNNER, type ParityCase } from './suite.js';

const CANNOT_RUN = 2;
/** A side that outlives its time limit by this much is killed (Maelstrom: recovery, final polls, analysis). */
const MAELSTROM_SLACK_S = 300;
const OURS_SLACK_S = 120;
const BIN_DEFAULTS = ['--node-count', '1', '--concurrency', '2n', '--rate', '1000'];

const fail = (message: string): never => {
  console.error(`parity: ${message}`);
  process.exit(CANNOT_RUN);
};

const works = (command: string, args: readonly string[]): boolean => {
  const probe = spawnSync(command, args, { stdio: 'ignore' });
  return probe.error === undefined && probe.status === 0;
};

/** Java, the jar and gnuplot, or exit 2 saying which is missing and how to get it. */
const requireTools = (options: ParityOptions): string => {
  const jar = options.jar ?? process.env.MAELSTROM_JAR ?? DEFAULT_JAR;
  if (!works('java', ['-version'])) fail('needs Java (17 or later) on PATH to run real Maelstrom; this is a development tool, and npm test never needs it');
  if (!existsSync(jar)) fail(`needs Maelstrom's jar: ${jar} does not exist (give --jar FILE or set MAELSTROM_JAR)`);
  if (!works('gnuplot', ['--version'])) fail('needs gnuplot, with which Maelstrom draws its plots (on Debian/Ubuntu: apt-get install -y gnuplot-nox)');
  if (!existsSync(RUNNER)) fail(`needs ${RUNNER}; run npx tsc -b first`);
  return jar;
};

const casesOf = (options: ParityOptions): ParityCase[] => {
  if (options.bins.length > 0) {
    return options.bins.map((bin) => {
      if (!existsSync(bin)) fail(`no node binary at ${bin}`);
      return { name: basename(bin), bin, shared: BIN_DEFAULTS, oursOnly: [], expect: '(given with --bin)' };
    });
  }
  const known = [...defaultSuite(), ...optionalSuite()];
  const unknown = options.only.filter((name) => !known.some((c) => c.name === name));
  if (unknown.length > 0) fail(`no case named ${unknown.join(', ')}; --list shows them`);
  return options.only.length === 0 ? [...defaultSuite()] : known.filter((c) => options.only.includes(c.name));
};

const figuresOf = (side: SideRun, prefer: 'edn' | 'json'): Figures => {
  if (side.latest !== null) return readFigures(side.latest, prefer);
  return noFigures(side.killed ? 'killed (over its time cap)' : `no store (exit ${String(side.status)})`);
};

const notesOf = (name: string, side: SideRun, figures: Figures): string[] => {
  const notes = figures.runNotes.map((n) => `${name}: ${n}`);
  if (side.killed) notes.push(`${name}: killed after ${side.wall_s.toFixed(0)} s`);
  if (side.latest === null || figures.valid === 'no results') notes.push(`${name} exit ${String(side.status)}, last output: ${side.tail.split('\n').slice(-2).join(' | ').slice(0, 300)}`);
  return notes;
};

const runCase = async (c: ParityCase, options: ParityOptions, jar: string): Promise<Row> => {
  const shared = mergeShared(c.shared, options.shared);
  const timeLimit = Number(shared[shared.indexOf('--time-limit') + 1]);
  const load = loadavg()[0] ?? 0;
  const common = ['test', '-w', 'kafka', '--bin', c.bin, ...shared];
  console.error(`parity: ${c.name}: maelstrom ${shared.join(' ')} (load ${load.toFixed(1)})`);
  const maelstrom = await runSide(`${c.name}-maelstrom`, 'java', ['-jar', jar, ...common, ...options.maelstromOnly], timeLimit + MAELSTROM_SLACK_S);
  const oursFlags = [...c.oursOnly, ...options.oursOnly];
  console.error(`parity: ${c.name}: ours ${[...shared, ...oursFlags].join(' ')} (maelstrom took ${maelstrom.wall_s.toFixed(0)} s)`);
  const ours = await runSide(`${c.name}-ours`, process.execPath, [RUNNER, ...common, ...oursFlags], timeLimit + OURS_SLACK_S);
  const mf = figuresOf(maelstrom, 'edn');
  const of = figuresOf(ours, 'json');
  const row: Row = {
    name: c.name,
    expect: c.expect,
    maelstrom: mf,
    ours: of,
    checker: await checkStore(maelstrom.latest),
    wall: { maelstrom: maelstrom.wall_s, ours: ours.wall_s },
    load,
    notes: [...notesOf('maelstrom', maelstrom, mf), ...notesOf('ours', ours, of), ...(options.keep ? [`dirs: ${maelstrom.dir} ${ours.dir}`] : [])],
  };
  if (!options.keep) for (const dir of [maelstrom.dir, ours.dir]) rmSync(dir, { recursive: true, force: true });
  return row;
};

const main = async (): Promise<void> => {
  let options: ParityOptions;
  try {
    options = parseFlags(process.argv.slice(2));
  } catch (error) {
    if (error instanceof ParityFlagError) fail(`${error.message}\n\n${USAGE}`);
    throw error;
  }
  if (options.help) {
    console.log(USAGE);
    return;
  }
  if (options.list) {
    const line = (c: ParityCase): string => `${c.name.padEnd(24)} ${[...c.shared, ...c.oursOnly].join(' ').padEnd(100)} expect: ${c.expect}`;
    for (const c of defaultSuite()) console.log(line(c));
    console.log('\noptional (run only with --only NAME):');
    for (const c of optionalSuite()) console.log(line(c));
    return;
  }
  const jar = requireTools(options);
  const rows: Row[] = [];
  for (const c of casesOf(options)) {
    const row = await runCase(c, options, jar);
    rows.push(row);
    console.log(textTable([row]));
    console.log('');
    if (options.markdown !== null) writeFileSync(options.markdown, markdownTable(rows) + '\n');
  }
  const differing = rows.filter((r) => rowDifferences(r).length > 0).length;
  if (rows.length > 1) console.log(textTable(rows));
  console.log(`\nparity: ${rows.length} case(s), ${differing} differ(s); load average now ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
};

await main();
