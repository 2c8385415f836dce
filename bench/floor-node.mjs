#!/usr/bin/env node
// The floor for `npm run bench node`: what any node pays before doing any
// work. It splits stdin into lines, parses each (JSON.parse) and answers each
// with one fixed reply, the replies to each chunk joined into one write, like
// bench/mutable-node.mjs. No node can be faster and still read its input.
import { serveLines } from './serve-lines.mjs';

const REPLY = '{"src":"n0","dest":"c1","body":{"type":"send_ok","offset":0,"in_reply_to":0,"msg_id":0}}';
let parsed = 0;

serveLines((line) => {
  if (JSON.parse(line) !== null) parsed++;
  return REPLY;
});
process.on('exit', () => {
  if (parsed === 0) process.stderr.write('floor: no input\n');
});
