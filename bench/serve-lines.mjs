// The I/O loop of the benchmark's mutable node and floor (bench/mutable-node.mjs
// and bench/floor-node.mjs), done as a competent hand would do it: stdin split
// into lines, each line answered by `handle` with one reply line (or none, if
// it returns undefined), the replies to each chunk of input joined into one
// write.
export const serveLines = (handle) => {
  let pending = '';
  let out = [];
  const answer = (line) => {
    const reply = handle(line);
    if (reply !== undefined) out.push(reply);
  };
  const flush = () => {
    if (out.length === 0) return;
    process.stdout.write(out.join('\n') + '\n');
    out = [];
  };
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop();
    for (const line of lines) if (line !== '') answer(line);
    flush();
  });
  process.stdin.on('end', () => {
    if (pending !== '') answer(pending);
    flush();
  });
};
