#!/usr/bin/env node
// A mutable kafka node on the floor's I/O loop, for `npm run bench node`: no
// types, no decoding, no persistence; a Map of arrays mutated in place, stdin
// split into lines and the replies to each chunk of input joined into one
// write (bench/serve-lines.mjs). It validates nothing. It is not the
// yardstick (that is ../shared/bench/readline-node.cjs, faster than this: its
// poll builds no intermediate arrays and its replies spread no bodies); it is
// kept to show what those idioms cost.
import { serveLines } from './serve-lines.mjs';

const pollMax = Number(process.env.POLL_MAX ?? 1024);
const logs = new Map();
const committed = new Map();
let self = '';
let nextId = 0;

const reply = (req, body) =>
  JSON.stringify({ src: self, dest: req.src, body: { ...body, in_reply_to: req.body.msg_id, msg_id: nextId++ } });

const handle = (line) => {
  const req = JSON.parse(line);
  const body = req.body;
  switch (body.type) {
    case 'init':
      self = body.node_id;
      return reply(req, { type: 'init_ok' });
    case 'send': {
      let log = logs.get(body.key);
      if (!log) logs.set(body.key, (log = []));
      log.push(body.msg);
      return reply(req, { type: 'send_ok', offset: log.length - 1 });
    }
    case 'poll': {
      const msgs = {};
      for (const [key, from] of Object.entries(body.offsets)) {
        const log = logs.get(key) ?? [];
        const pairs = log.slice(from, from + pollMax).map((msg, i) => [from + i, msg]);
        if (pairs.length > 0) msgs[key] = pairs;
      }
      return reply(req, { type: 'poll_ok', msgs });
    }
    case 'commit_offsets':
      for (const [key, offset] of Object.entries(body.offsets)) {
        committed.set(key, Math.max(committed.get(key) ?? -1, offset));
      }
      return reply(req, { type: 'commit_offsets_ok' });
    case 'list_committed_offsets': {
      const offsets = {};
      for (const key of body.keys) if (committed.has(key)) offsets[key] = committed.get(key);
      return reply(req, { type: 'list_committed_offsets_ok', offsets });
    }
  }
};

serveLines(handle);
