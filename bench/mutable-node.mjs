#!/usr/bin/env node
// The yardstick for `npm run bench node`: the kafka node as a competent hand
// would write it, with no types, no decoding and no persistence. A Map of
// arrays mutated in place; stdin split into lines; the replies to each chunk
// of input joined into one write, as bin/maelstrom-kafka does. It validates
// nothing.
const pollMax = Number(process.env.POLL_MAX ?? 1024);
const logs = new Map();
const committed = new Map();
let self = '';
let nextId = 0;
let out = [];

const reply = (req, body) => {
  out.push(JSON.stringify({ src: self, dest: req.src, body: { ...body, in_reply_to: req.body.msg_id, msg_id: nextId++ } }));
};

const handle = (line) => {
  const req = JSON.parse(line);
  const body = req.body;
  switch (body.type) {
    case 'init':
      self = body.node_id;
      reply(req, { type: 'init_ok' });
      break;
    case 'send': {
      let log = logs.get(body.key);
      if (!log) logs.set(body.key, (log = []));
      log.push(body.msg);
      reply(req, { type: 'send_ok', offset: log.length - 1 });
      break;
    }
    case 'poll': {
      const msgs = {};
      for (const [key, from] of Object.entries(body.offsets)) {
        const log = logs.get(key) ?? [];
        const pairs = log.slice(from, from + pollMax).map((msg, i) => [from + i, msg]);
        if (pairs.length > 0) msgs[key] = pairs;
      }
      reply(req, { type: 'poll_ok', msgs });
      break;
    }
    case 'commit_offsets':
      for (const [key, offset] of Object.entries(body.offsets)) {
        committed.set(key, Math.max(committed.get(key) ?? -1, offset));
      }
      reply(req, { type: 'commit_offsets_ok' });
      break;
    case 'list_committed_offsets': {
      const offsets = {};
      for (const key of body.keys) if (committed.has(key)) offsets[key] = committed.get(key);
      reply(req, { type: 'list_committed_offsets_ok', offsets });
      break;
    }
  }
};

const flush = () => {
  if (out.length === 0) return;
  process.stdout.write(out.join('\n') + '\n');
  out = [];
};

let pending = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  const lines = (pending + chunk).split('\n');
  pending = lines.pop();
  for (const line of lines) if (line !== '') handle(line);
  flush();
});
process.stdin.on('end', () => {
  if (pending !== '') handle(pending);
  flush();
});
