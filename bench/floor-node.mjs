#!/usr/bin/env node
// The floor for `npm run bench node`: what any node pays before doing any
// work. It splits stdin into lines, parses each (JSON.parse) and answers each
// with one fixed reply, the replies to each chunk joined into one write, like
// bench/mutable-node.mjs. No node can be faster and still read its input.
const REPLY = '{"src":"n0","dest":"c1","body":{"type":"send_ok","offset":0,"in_reply_to":0,"msg_id":0}}';
let parsed = 0;
let out = [];

const handle = (line) => {
  if (JSON.parse(line) !== null) parsed++;
  out.push(REPLY);
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
  if (parsed === 0) process.stderr.write('floor: no input\n');
});
