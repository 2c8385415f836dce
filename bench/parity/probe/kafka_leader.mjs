#!/usr/bin/env node
// A Gossip-Glomers-style kafka node (5c), written the way public TypeScript
// solutions often are, to probe parity on a node we did not design: every key
// has a leader (n0 .. n(N-1) by the key's hash); other nodes forward send,
// poll, commit_offsets and list_committed_offsets for it to the leader over
// node-to-node RPCs and pass the answer back. Leaders keep logs and commits in
// memory. Dev probe for `npm run parity`, not a test fixture.
import { createInterface } from 'node:readline';

let me = '';
let nodes = [];
let nextId = 0;
const waiting = new Map();
const logs = new Map();
const commits = new Map();

const emit = (dest, body) => process.stdout.write(JSON.stringify({ src: me, dest, body }) + '\n');
const reply = (req, body) => emit(req.src, { ...body, in_reply_to: req.body.msg_id });
const rpc = (dest, body) =>
  new Promise((resolve, reject) => {
    const msg_id = ++nextId;
    const timer = setTimeout(() => {
      waiting.delete(msg_id);
      reject(new Error(`timeout ${body.type} to ${dest}`));
    }, 2000);
    waiting.set(msg_id, (answer) => {
      clearTimeout(timer);
      resolve(answer);
    });
    emit(dest, { ...body, msg_id });
  });

const leaderOf = (key) => {
  let h = 0;
  for (const c of String(key)) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return nodes[h % nodes.length];
};

/** Splits a per-key map by leader, runs `local` on this node's share, forwards the rest as `type` {offsets}, and merges the answers' `field`. */
const fanOut = async (perKey, type, field, local) => {
  const byLeader = new Map();
  for (const [k, v] of Object.entries(perKey)) {
    const leader = leaderOf(k);
    if (!byLeader.has(leader)) byLeader.set(leader, {});
    byLeader.get(leader)[k] = v;
  }
  const parts = await Promise.all(
    [...byLeader].map(async ([leader, share]) => (leader === me ? local(share) : (await rpc(leader, { type, offsets: share }))[field] ?? {})),
  );
  return Object.assign({}, ...parts);
};

const localPoll = (offsets) => {
  const out = {};
  for (const [k, from] of Object.entries(offsets)) {
    const log = logs.get(k) ?? [];
    out[k] = log.slice(Math.max(from, 0), Math.max(from, 0) + 10).map((msg, i) => [Math.max(from, 0) + i, msg]);
  }
  return out;
};
const localCommit = (offsets) => {
  for (const [k, o] of Object.entries(offsets)) commits.set(k, Math.max(commits.get(k) ?? -1, o));
  return {};
};
const localList = (keys) => Object.fromEntries(Object.keys(keys).filter((k) => commits.has(k)).map((k) => [k, commits.get(k)]));

const handle = async (req) => {
  const b = req.body;
  switch (b.type) {
    case 'init':
      me = b.node_id;
      nodes = b.node_ids;
      return reply(req, { type: 'init_ok' });
    case 'send': {
      const leader = leaderOf(b.key);
      if (leader !== me) {
        const answer = await rpc(leader, { type: 'send', key: b.key, msg: b.msg });
        return reply(req, { type: 'send_ok', offset: answer.offset });
      }
      if (!logs.has(b.key)) logs.set(b.key, []);
      const log = logs.get(b.key);
      log.push(b.msg);
      return reply(req, { type: 'send_ok', offset: log.length - 1 });
    }
    case 'poll':
      return reply(req, { type: 'poll_ok', msgs: await fanOut(b.offsets, 'poll', 'msgs', localPoll) });
    case 'poll_ok':
      return;
    case 'commit_offsets':
      await fanOut(b.offsets, 'commit_offsets', 'offsets', localCommit);
      return reply(req, { type: 'commit_offsets_ok' });
    case 'list_committed_offsets': {
      const keys = Object.fromEntries(b.keys.map((k) => [k, true]));
      return reply(req, { type: 'list_committed_offsets_ok', offsets: await fanOut(keys, 'list_committed', 'offsets', localList) });
    }
    case 'list_committed':
      return reply(req, { type: 'list_committed_ok', offsets: localList(b.offsets) });
    default:
      return;
  }
};

createInterface({ input: process.stdin }).on('line', (line) => {
  const req = JSON.parse(line);
  const answered = waiting.get(req.body.in_reply_to);
  if (answered !== undefined) {
    waiting.delete(req.body.in_reply_to);
    return answered(req.body);
  }
  handle(req).catch((error) => process.stderr.write(`${req.body.type}: ${error.message}\n`));
});
