/**
 * Whole-process benchmarks of the node (issues 13 and 21): our
 * bin/maelstrom-kafka against the yardstick, ../shared/bench/readline-node.cjs
 * (the plain mutable node a user writes by hand: readline, a Map of arrays,
 * replies joined into one write per 256 or per ms; it validates nothing), the
 * same kind of node written with the same I/O loop as the floor
 * (bench/mutable-node.mjs), and the floor (bench/floor-node.mjs), on the same
 * generated stream, in the same run, rotating which goes first. Wall time is
 * what a user waits for; the CPU time (user + sys, read by each child itself
 * as it exits) is less sensitive to a loaded machine.
 *
 * The yardstick lives beside the clone (CI has ../shared); where it is
 * absent, its row is skipped with a note and the ratios are against the floor.
 *
 * Where the time went (issue 21, goal 3, 2026-12-07). The load of the shared
 * two-core machine blurs timings, so the node was also measured in
 * instructions (valgrind's cachegrind on the stream's first 50,000 requests:
 * the same count, within 2%, run after run), and profiled with `perf record`
 * and node --perf-basic-prof. Before this round, on those 50,000 requests we
 * ran 2.60 G instructions to the yardstick's 2.01 G (its CPU ratio, 1.30x):
 *
 *                                            ours      yardstick
 *   TurboFan compiling (a second thread)     373 M       83 M   ~40 hot functions, each inlined again into its hot callers
 *   JSON.stringify of the replies            as much as its     a toJSON lookup on every object and pair
 *   JSON.parse                               272 M      272 M
 *   the decoder's io-ts `is` checks          243 M        -     generic: a call and a keyed read per field
 *   garbage, whole stream                    510 MB     330 MB  the reducer alone: 1.3 kB per send, 1.5 kB per poll
 *   starting (spawn to init_ok)              +16-24 ms          Node's ES module loader, for an ES module entry
 *
 * The reducer itself (step, handlers, HAMT, append log) was a tenth of the
 * main thread's time. What changed, in that order of gain: the replies are
 * written as bytes from templates into one Buffer per batch (reply-bytes.ts:
 * no strings to join and encode again, two fifths less garbage); the decoder
 * checks well-formed requests with guards written by hand beside their codecs
 * (io-ts still decides, and words, everything they refuse); the node starts as
 * CommonJS (bin/package.json, dist/node/maelstrom-kafka.cjs); an outbox makes
 * its effect list with its first effect (an empty array grew to seventeen
 * slots on its first push), a send builds one state, not two, and a step hands
 * handlers its input rather than a copy; the shell carries out effects in
 * apply's own loop, and no longer swaps its reply array (which deoptimised).
 *
 * After it, on the same 50,000 requests, 2.05 G instructions to its 2.01 G,
 * of which 400 M compiling to its 83 M: 0.86x its instructions on the main
 * thread. In time (perf, the whole stream), our main thread spends 0.8-0.85x
 * the yardstick's: JSON.parse a quarter of it, writing replies a seventh, the
 * reducer a tenth, page faults on fresh heap pages a tenth (the yardstick as
 * many), garbage collection a twentieth (300 MB of garbage to its 320). Our
 * second threads (TurboFan, mostly) take some 100-150 ms more CPU than its,
 * which is why our CPU ratio is above our wall ratio.
 *
 * Tried and dropped: pushing template pieces into one array joined per batch
 * (slower than strings), poll pairs left to JSON.stringify between a template's
 * head and ids (less garbage but more time), a V8 flag limiting inlining (in one
 * run 8% less CPU, 4% more main-thread time), minifying the bundle (no gain measured
 * at startup), a mutable box instead of tuples in the HAMT's insert (V8 already
 * removes the tuples). Earlier rounds (issue 13) kept fp-ts/io-ts bundled from
 * their ES module builds and input paused only past 1 MiB of queued replies;
 * they dropped a cached `{"src":..` prefix before JSON.stringify, parsing a
 * whole chunk as one JSON array (unsafe on adversarial lines), fast-mode
 * objects for poll's `msgs`, a larger young generation, and flushing every
 * 256 replies as the yardstick does.
 */
import { spawn } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { isDeepStrictEqual } from 'node:util';
import { fixed, median, table } from './stats.js';
import { generateStream } from './stream.js';

interface Contender {
  readonly name: string;
  /** One word, for column headers. */
  readonly short: string;
  readonly script: string;
}

const OURS = 'ours (bin/maelstrom-kafka)';
const YARDSTICK = 'yardstick (../shared/bench/readline-node.cjs)';
const FLOOR = 'floor (bench/floor-node.mjs)';

const yardstickPath = (repo: string): string => join(repo, '..', 'shared', 'bench', 'readline-node.cjs');

/** Ours first, the yardstick (when present) second, the floor last. */
const contenders = (repo: string): readonly Contender[] => {
  const yardstick = yardstickPath(repo);
  return [
    { name: OURS, short: 'ours', script: join(repo, 'bin', 'maelstrom-kafka') },
    ...(existsSync(yardstick) ? [{ name: YARDSTICK, short: 'yardstick', script: yardstick }] : []),
    { name: 'mutable, floor I/O loop (bench/mutable-node.mjs)', short: 'mutable', script: join(repo, 'bench', 'mutable-node.mjs') },
    { name: FLOOR, short: 'floor', script: join(repo, 'bench', 'floor-node.mjs') },
  ];
};

/** Loaded into each child before its script: reports the child's own CPU time on fd 3 as it exits. */
const CPU_PROBE =
  'data:text/javascript,import{writeSync}from"node:fs";process.on("exit",()=>{const u=process.cpuUsage();writeSync(3,`${u.user+u.system}`)})';

interface Run {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly lines: number;
  /** The whole stdout, when asked for. */
  readonly stdout: string | undefined;
}

/** One process reading `file` on stdin, its stdout drained through a pipe. */
const runProcess = (script: string, file: string, keepStdout: boolean): Promise<Run> =>
  new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', CPU_PROBE, script], { stdio: ['pipe', 'pipe', 'inherit', 'pipe'] });
    let lines = 0;
    const kept: Buffer[] = [];
    let cpu = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
      if (keepStdout) kept.push(chunk);
    });
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (b: Buffer) => (cpu += b.toString()));
    createReadStream(file).pipe(child.stdin!);
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${script} exited ${code}`));
      const stdout = keepStdout ? Buffer.concat(kept).toString('utf8') : undefined;
      resolve({ wallMs: performance.now() - started, cpuMs: Number(cpu) / 1000, lines, stdout });
    });
  });

/** Byte-identical, or else the same messages line by line (key order aside). */
const compareReplies = (ours: string, theirs: string, name: string): string => {
  if (ours === theirs) return 'byte-identical';
  const a = ours.split('\n');
  const b = theirs.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const same = a[i] === b[i] || (a[i] !== undefined && b[i] !== undefined && isDeepStrictEqual(JSON.parse(a[i]!), JSON.parse(b[i]!)));
    if (!same) throw new Error(`our reply ${i + 1} differs from the ${name}'s:\n  ours:   ${a[i]}\n  theirs: ${b[i]}`);
  }
  return 'the same messages (keys in another order)';
};

export const wholeProcess = async (repo: string, requests = 200_000, rounds = 7): Promise<void> => {
  const file = join(mkdtempSync(join(tmpdir(), 'kafka-bench-')), 'stream.jsonl');
  writeFileSync(file, generateStream(requests));
  const all = contenders(repo);
  const wall: number[][] = all.map(() => []);
  const cpu: number[][] = all.map(() => []);
  // The yardstick caps polls at 100 pairs per key, ours at --poll-max: the stream's polls ask for at most 8.
  const yard = all.findIndex((c) => c.name === YARDSTICK);
  const compared = yard === -1 ? 1 : yard;
  const floor = all.length - 1;
  const stdouts: (string | undefined)[] = [];
  let agreement = '';
  for (let round = 0; round < rounds; round++) {
    // Rotate who goes first, so that no contender always follows the same one.
    for (let k = 0; k < all.length; k++) {
      const index = (round + k) % all.length;
      const run = await runProcess(all[index]!.script, file, round === 0 && (index === 0 || index === compared));
      if (run.lines !== requests + 1) throw new Error(`${all[index]!.name} answered ${run.lines} of ${requests + 1} requests`);
      wall[index]!.push(run.wallMs);
      cpu[index]!.push(run.cpuMs);
      stdouts[index] = run.stdout;
    }
    if (round === 0) agreement = compareReplies(stdouts[0]!, stdouts[compared]!, all[compared]!.name);
    stdouts.length = 0;
  }
  const ratio = (xs: number[][], i: number, j: number): string => (j === -1 ? '-' : fixed(median(xs[i]!) / median(xs[j]!)));
  console.log(`\n## Whole process, ${requests} requests (60% send, 30% poll, 5% commit, 5% list, 10 keys), median of ${rounds} rotating runs\n`);
  if (yard === -1) console.log(`The yardstick ${yardstickPath(repo)} is absent (it lives in ../shared beside the clone): its row is skipped.\n`);
  console.log(
    table(
      ['node', 'wall ms', 'min', 'max', 'cpu ms', 'wall vs yardstick', 'cpu vs yardstick', 'wall vs floor', 'cpu vs floor'],
      all.map((c, i) => [
        c.name,
        fixed(median(wall[i]!), 0),
        fixed(Math.min(...wall[i]!), 0),
        fixed(Math.max(...wall[i]!), 0),
        fixed(median(cpu[i]!), 0),
        ratio(wall, i, yard),
        ratio(cpu, i, yard),
        ratio(wall, i, floor),
        ratio(cpu, i, floor),
      ]),
    ),
  );
  console.log(`\nOur replies and the ${all[compared]!.name}'s: ${agreement}. CPU is user + sys as each child measured itself.`);
  if (yard !== -1) console.log(`Goal (issue 21): ours at most 1.00x the yardstick's wall time.`);
};

/** Spawn to the first line of stdout (init_ok) after writing one init line. */
const timeToInitOk = (script: string): Promise<number> =>
  new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [script], { stdio: ['pipe', 'pipe', 'inherit'] });
    let text = '';
    let elapsed: number | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (elapsed === undefined && text.includes('\n')) {
        elapsed = performance.now() - started;
        if (!text.includes('"init_ok"')) reject(new Error(`${script} answered ${text}`));
        child.stdin.end();
      }
    });
    child.stdin.write('{"src":"c0","dest":"n0","body":{"type":"init","msg_id":0,"node_id":"n0","node_ids":["n0"]}}\n');
    child.on('error', reject);
    child.on('close', () => (elapsed === undefined ? reject(new Error(`${script} never answered init`)) : resolve(elapsed)));
  });

export const startup = async (repo: string, rounds = 21): Promise<void> => {
  const all = contenders(repo).slice(0, 2);
  const against = all[1]!.short;
  const times: number[][] = all.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < all.length; k++) {
      const index = (round + k) % all.length;
      times[index]!.push(await timeToInitOk(all[index]!.script));
    }
  }
  const bare = median(times[1]!);
  console.log(`\n## Startup: spawn to init_ok, median of ${rounds} alternating fresh processes\n`);
  console.log(
    table(
      ['node', 'median ms', 'min', 'max', `vs ${against}`],
      all.map((c, i) => [c.name, fixed(median(times[i]!), 0), fixed(Math.min(...times[i]!), 0), fixed(Math.max(...times[i]!), 0), fixed(median(times[i]!) / bare)]),
    ),
  );
};
