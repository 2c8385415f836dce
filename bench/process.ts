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
 * Where our time goes (issue 21; `node --cpu-prof bin/maelstrom-kafka` fed
 * the 200,000-request stream through a pipe, self time summed over five runs
 * on the loaded two-core machine, 2026-12-07), largest first:
 *
 *   JSON.stringify of the replies (encodeJson)      ~22%  the yardstick: as many ms (its reply())
 *   JSON.parse of the requests (handleLine)         ~18%  the yardstick: as many ms
 *   garbage collection                              ~15%  the yardstick ~18% of a smaller total
 *   the reducer (step, handlers, HAMT, append log)  ~16%  the yardstick's Map of arrays ~3%
 *   writing (join, utf-8 to a Buffer, the pipe)      ~8%  about the same
 *   io-ts decode (fast path: the codecs' `is`)       ~4%  none
 *   splitting lines (LineSplitter)                   ~2%  readline: ~9%
 *   startup (load, compile the bundle)               ~2%  ~1%
 *
 * So what separates us from the yardstick is the reducer and the decode
 * (validation, persistence, purity: kept on purpose), against which we win
 * back readline's cost by splitting chunks ourselves, and one write per input
 * chunk. Tried and kept: fp-ts/io-ts bundled from their ES module builds
 * (about 20 ms less CPU per start: esbuild's CommonJS interop copied every
 * export of every module), the batch's replies joined into one flat string,
 * input paused only when more than 1 MiB of replies is really queued (not after
 * every batch over the stream's 16 kB mark). Tried and dropped, no gain
 * measurable through the noise: a hand-written encoder for flat bodies and a
 * cached `{"src":..,"dest":..,"body":` prefix (JSON.stringify is as fast),
 * parsing a whole chunk as one JSON array (~10% of parsing, unsafe on
 * adversarial lines), fast-mode objects for poll's `msgs` (~12 ms), a CommonJS
 * bundle, a larger young generation, flushing every 256 replies as the
 * yardstick does, and one state literal per send instead of two copies.
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
