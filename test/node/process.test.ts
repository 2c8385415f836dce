/**
 * The node as a process: what Maelstrom sees. Every bad-input case of the
 * issue, plus the awkward-but-valid inputs a real log must take in stride.
 */
import { describe, expect, it } from 'vitest';
import { init, line, replyTo, runNode } from '../support/node-process.js';

describe('bin/maelstrom-kafka as a process', () => {
  it('serves the four RPCs, replies with swapped src/dest and increasing msg_ids, exits 0 at end of input', async () => {
    const done = await runNode([
      init,
      line({ type: 'send', msg_id: 1, key: 'k', msg: 'a' }),
      line({ type: 'send', msg_id: 2, key: 'k', msg: 'b' }),
      line({ type: 'poll', msg_id: 3, offsets: { k: 0 } }),
      line({ type: 'commit_offsets', msg_id: 4, offsets: { k: 1 } }),
      line({ type: 'list_committed_offsets', msg_id: 5, keys: ['k'] }),
    ]);
    expect(done.code).toBe(0);
    expect(done.messages.map((m) => [m.src, m.dest, m.body['type']])).toEqual([
      ['n0', 'c0', 'init_ok'],
      ['n0', 'c1', 'send_ok'],
      ['n0', 'c1', 'send_ok'],
      ['n0', 'c1', 'poll_ok'],
      ['n0', 'c1', 'commit_offsets_ok'],
      ['n0', 'c1', 'list_committed_offsets_ok'],
    ]);
    const ids = done.messages.map((m) => m.body['msg_id'] as number);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
    expect(replyTo(done, 3)).toMatchObject({ msgs: { k: [[0, 'a'], [1, 'b']] } });
    expect(replyTo(done, 5)).toMatchObject({ offsets: { k: 1 } });
  });

  it('logs and skips lines that are not JSON or not messages, and goes on', async () => {
    const done = await runNode([init, 'not json at all\n', '{"src":"c1"}\n', '42\n', line({ type: 'send', msg_id: 1, key: 'k', msg: 1 })]);
    expect(done.code).toBe(0);
    expect(done.stderr).toMatch(/not JSON.*not json at all/);
    expect(done.stderr).toMatch(/not a Maelstrom message/);
    expect(replyTo(done, 1)).toMatchObject({ type: 'send_ok', offset: 0 });
    expect(done.messages).toHaveLength(2);
  });

  it('answers malformed requests with 12 naming the field, unknown types with 10, early requests with 11', async () => {
    const done = await runNode([
      line({ type: 'send', msg_id: 1, key: 'k', msg: 1 }),
      init,
      line({ type: 'send', msg_id: 2, key: ['k'], msg: 1 }),
      line({ type: 'poll', msg_id: 3, offsets: { k: -2 } }),
      line({ type: 'poll', msg_id: 4, offsets: { k: 2.5 } }),
      line({ type: 'commit_offsets', msg_id: 5, offsets: { k: 'x' } }),
      line({ type: 'list_committed_offsets', msg_id: 6, keys: 'k' }),
      line({ type: 'teleport', msg_id: 7 }),
      line({ type: 'send', msg_id: 8, key: 'k', msg: 1 }),
    ]);
    expect(replyTo(done, 1)).toMatchObject({ type: 'error', code: 11 });
    expect(replyTo(done, 2)).toMatchObject({ type: 'error', code: 12, text: expect.stringContaining("'key'") });
    expect(replyTo(done, 3)).toMatchObject({ code: 12, text: expect.stringContaining("'offsets.k'") });
    expect(replyTo(done, 4)).toMatchObject({ code: 12, text: expect.stringContaining("'offsets.k'") });
    expect(replyTo(done, 5)).toMatchObject({ code: 12, text: expect.stringContaining("'offsets.k'") });
    expect(replyTo(done, 6)).toMatchObject({ code: 12, text: expect.stringContaining("'keys'") });
    expect(replyTo(done, 7)).toMatchObject({ code: 10, text: expect.stringContaining('teleport') });
    // None of the rejected requests stored anything: the first real send gets offset 0.
    expect(replyTo(done, 8)).toMatchObject({ type: 'send_ok', offset: 0 });
  });

  it('takes CRLF line endings, lines split across reads, and a last line without a newline', async () => {
    const send = line({ type: 'send', msg_id: 1, key: 'k', msg: 'x' }).trimEnd();
    const poll = line({ type: 'poll', msg_id: 2, offsets: { k: 0 } }).trimEnd();
    const done = await runNode([init.replace('\n', '\r\n'), send.slice(0, 20), `${send.slice(20)}\r\n`, poll], { pauseMs: 30 });
    expect(done.code).toBe(0);
    expect(replyTo(done, 1)).toMatchObject({ type: 'send_ok', offset: 0 });
    expect(replyTo(done, 2)).toMatchObject({ msgs: { k: [[0, 'x']] } });
  });

  it('splits a multi-byte character across reads without corrupting it', async () => {
    const bytes = Buffer.from(line({ type: 'send', msg_id: 1, key: 'ключ', msg: '✓🙂' }));
    const cut = bytes.indexOf(Buffer.from('🙂')) + 2;
    const poll = line({ type: 'poll', msg_id: 2, offsets: { ключ: 0 } });
    const done = await runNode([init, bytes.subarray(0, cut), bytes.subarray(cut), poll], { pauseMs: 30 });
    expect(replyTo(done, 2)).toMatchObject({ msgs: { ключ: [[0, '✓🙂']] } });
  });

  it('stores and returns megabyte values and deeply nested values unchanged', async () => {
    const huge = 'x'.repeat(4 * 1024 * 1024);
    let deep: unknown = 'bottom';
    for (let i = 0; i < 20_000; i++) deep = [deep];
    const done = await runNode([
      init,
      line({ type: 'send', msg_id: 1, key: 'big', msg: huge }),
      `{"src":"c1","dest":"n0","body":{"type":"send","msg_id":2,"key":"deep","msg":${'['.repeat(20_000)}"bottom"${']'.repeat(20_000)}}}\n`,
      line({ type: 'poll', msg_id: 3, offsets: { big: 0, deep: 0 } }),
    ]);
    expect(done.code).toBe(0);
    const polled = replyTo(done, 3) as { msgs: Record<string, [number, unknown][]> };
    expect(polled.msgs['big']![0]![1]).toBe(huge);
    let depth = 0;
    let value = polled.msgs['deep']![0]![1];
    while (Array.isArray(value)) {
      value = value[0];
      depth++;
    }
    expect([depth, value]).toEqual([20_000, 'bottom']);
  });

  it('round-trips a 20 MB send value, its line read in time linear in its length', async () => {
    const huge = 'v'.repeat(20 * 2 ** 20);
    const done = await runNode([init, line({ type: 'send', msg_id: 1, key: 'big', msg: huge }), line({ type: 'poll', msg_id: 2, offsets: { big: 0 } })]);
    expect(done.code).toBe(0);
    expect(replyTo(done, 1)).toMatchObject({ type: 'send_ok', offset: 0 });
    const polled = replyTo(done, 2) as { msgs: Record<string, [number, unknown][]> };
    expect(polled.msgs['big']![0]![1] === huge).toBe(true);
  });

  it('logs and skips an input line past --max-line-mb without holding it, and goes on serving', async () => {
    const huge = line({ type: 'send', msg_id: 1, key: 'big', msg: 'w'.repeat(2 ** 20) });
    const done = await runNode([init, huge.slice(0, 1000), huge.slice(1000), line({ type: 'send', msg_id: 2, key: 'k', msg: 1 })], { args: ['--max-line-mb', '1'] });
    expect(done.code).toBe(0);
    expect(done.stderr).toMatch(/skipping a line longer than 1048576 characters \(--max-line-mb\), dropped unread after \d+ characters: \{"src":"c1","dest":"n0","body":\{"type":"send","msg_id":1/);
    expect(replyTo(done, 1)).toBeUndefined();
    expect(replyTo(done, 2)).toMatchObject({ type: 'send_ok', offset: 0 });
    expect(done.messages).toHaveLength(2);
  });

  it('serves tens of thousands of keys', async () => {
    const keyCount = 20_000;
    const sends = Array.from({ length: keyCount }, (_, i) => line({ type: 'send', msg_id: i + 1, key: `key-${i}`, msg: i }));
    const offsets = Object.fromEntries(Array.from({ length: keyCount }, (_, i) => [`key-${i}`, 0]));
    const done = await runNode([init, sends.join(''), line({ type: 'poll', msg_id: keyCount + 1, offsets })]);
    const polled = replyTo(done, keyCount + 1) as { msgs: Record<string, [number, number][]> };
    expect(Object.keys(polled.msgs)).toHaveLength(keyCount);
    expect(polled.msgs['key-12345']).toEqual([[0, 12345]]);
  });

  it('runs from any working directory', async () => {
    const done = await runNode([init], { cwd: '/' });
    expect(done.messages[0]?.body['type']).toBe('init_ok');
  });

  it('has --help and refuses unknown flags with exit 2', async () => {
    const help = await runNode([], { args: ['--help'] });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/usage: maelstrom-kafka/);
    const bad = await runNode([], { args: ['--bogus'] });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown argument '--bogus'/);
  });

  it('caps each key of a poll at --poll-max', async () => {
    const sends = Array.from({ length: 10 }, (_, i) => line({ type: 'send', msg_id: i + 1, key: 'k', msg: i })).join('');
    const done = await runNode([init, sends, line({ type: 'poll', msg_id: 99, offsets: { k: 2 } })], { args: ['--poll-max', '3'] });
    expect(replyTo(done, 99)).toMatchObject({ msgs: { k: [[2, 2], [3, 3], [4, 4]] } });
  });
});
