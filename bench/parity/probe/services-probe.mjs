#!/usr/bin/env node
// A dev-only Maelstrom node (never run by npm test): it answers the echo
// workload, and on init sends every case of test/fixtures/services/cases.jsonl,
// byte for byte, to Maelstrom's services, one at a time, and writes what came
// back (or that nothing did within a second) as JSON lines to $PROBE_OUT. Run
// it under real Maelstrom with bench/parity/probe/run-services-probe.sh; its
// output, kept as test/fixtures/services/maelstrom-0.2.3.jsonl, is what
// test/runner/services-maelstrom.test.ts holds our services to. Needs two
// nodes (n1 is seq-kv's second client).
import { appendFileSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const cases = readFileSync(new URL('../../../test/fixtures/services/cases.jsonl', import.meta.url), 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l));
const outPath = process.env.PROBE_OUT;
const record = (entry) => (outPath ? appendFileSync(outPath, JSON.stringify(entry) + '\n') : process.stderr.write(JSON.stringify(entry) + '\n'));

let me = null;
let nextMsgId = 1000;
let waiting = null;
const write = (line) => process.stdout.write(line + '\n');

const withMsgId = (body, id) => `{"msg_id":${id},${body.slice(1)}`;
const ask = (dest, body, noMsgId) =>
  new Promise((resolve) => {
    const line = `{"src":${JSON.stringify(me)},"dest":${JSON.stringify(dest)},"body":${noMsgId ? body : withMsgId(body, nextMsgId++)}}`;
    const timer = setTimeout(() => { waiting = null; resolve(null); }, 1000);
    waiting = { dest, resolve: (raw) => { clearTimeout(timer); waiting = null; resolve(raw); } };
    write(line);
  });

const bodyText = (raw) => (raw === null ? null : JSON.parse(raw).body);
const tally = (bodies) => {
  const counts = {};
  for (const b of bodies) {
    const k = b === null ? 'no reply' : b.type === 'error' ? `error ${b.code}` : b.type;
    counts[k] = (counts[k] ?? 0) + 1;
  }
  return counts;
};

const probe = async () => {
  for (const c of cases) {
    let raw = null;
    for (let i = 0; i < (c.repeat ?? 1); i++) raw = await ask(c.dest, c.body, c.noMsgId === true);
    const entry = { id: c.id, raw, body: bodyText(raw) };
    if (c.then) {
      const bodies = [];
      for (let i = 0; i < c.then.times; i++) bodies.push(bodyText(await ask(c.dest, c.then.body, false)));
      entry.then = tally(bodies);
    }
    record(entry);
  }
  await seqRing();
};

// seq-kv's staleness needs two clients: n0 writes 1..RING_WRITES to one key,
// then tells n1, which has never used seq-kv (its index is 0), to read it
// RING_READS times. Maelstrom draws n1's version from [its index, newest] and
// looks it up modulo the 32-version ring, so n1 sees only the last 32 values
// and can see them go backwards.
const RING_WRITES = 60;
const RING_READS = 30;
const seqRing = async () => {
  for (let v = 1; v <= RING_WRITES; v++) await ask('seq-kv', `{"type":"write","key":"ring","value":${v}}`, false);
  write(JSON.stringify({ src: me, dest: 'n1', body: { type: 'ring_go' } }));
};
const readRing = async () => {
  const values = [];
  for (let i = 0; i < RING_READS; i++) {
    const body = bodyText(await ask('seq-kv', '{"type":"read","key":"ring"}', false));
    values.push(body?.type === 'read_ok' ? body.value : body);
  }
  record({ id: 'seq-ring-reads', writes: RING_WRITES, values });
  record({ id: 'done' });
};

createInterface({ input: process.stdin }).on('line', (line) => {
  const message = JSON.parse(line);
  const { body } = message;
  if (waiting !== null && message.src === waiting.dest) return waiting.resolve(line);
  if (body.type === 'init') {
    me = body.node_id;
    write(JSON.stringify({ src: me, dest: message.src, body: { type: 'init_ok', in_reply_to: body.msg_id } }));
    if (me === 'n0') void probe();
  } else if (body.type === 'ring_go') {
    void readRing();
  } else if (body.type === 'echo') {
    write(JSON.stringify({ src: me, dest: message.src, body: { type: 'echo_ok', echo: body.echo, in_reply_to: body.msg_id } }));
  }
});
