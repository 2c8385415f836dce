/**
 * bin/kafka-check as a user runs it: from another directory, on each kind of
 * file, with the exit status as the verdict. Runs the compiled shell, so
 * `npx tsc -b` must have run first (npm test does).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/kafka-check', import.meta.url));
const fixture = (path: string): string => fileURLToPath(new URL(`../fixtures/${path}`, import.meta.url));

function kafkaCheck(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: tmpdir(), encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('bin/kafka-check', () => {
  it('exits 0 on a valid history.edn and says VALID', () => {
    const r = kafkaCheck(fixture('edn/valid-partition.edn'));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^VALID: /);
  });

  it('exits 1 on a gzipped history.edn with a poll-skip and shows it', () => {
    const r = kafkaCheck(fixture('edn/poll-skip.edn.gz'));
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^INVALID: .*\(poll-skip\)/);
    expect(r.stdout).toContain('key "56": process 0 read 6@5, then 9@8: skipped 2 known values (7, 8).');
  });

  it('prints one JSON object with --json, mirroring the :workload map', () => {
    const r = kafkaCheck('--json', fixture('histories/unseen.jsonl.gz'));
    expect(r.status).toBe(1);
    const result = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(result['valid?']).toBe(false);
    expect(result['error-types']).toEqual(['unseen']);
    expect(result['bad-error-types']).toEqual(['unseen']);
    expect(result['unseen']).toEqual([
      {
        key: 'k',
        value: 1,
        offset: 0,
        writer: { index: 1, time: 2000000, type: 'ok', process: 0, f: 'send', value: [['send', 'k', [0, 1]]] },
      },
    ]);
  });

  it('exits 2 and names the line it could not read', () => {
    const jsonl = kafkaCheck(fixture('histories/bad-line.jsonl'));
    expect(jsonl.status).toBe(2);
    expect(jsonl.stdout).toBe('');
    expect(jsonl.stderr).toMatch(/bad-line\.jsonl: line 3: not JSON/);
    const edn = kafkaCheck(fixture('edn/truncated.edn'));
    expect(edn.status).toBe(2);
    expect(edn.stderr).toMatch(/truncated\.edn: line 21: /);
  });

  it('exits 2 on a missing file, a stray option or no file', () => {
    expect(kafkaCheck('/nonexistent/history.edn')).toMatchObject({ status: 2, stderr: expect.stringMatching(/cannot read/) as unknown });
    expect(kafkaCheck('--frobnicate', fixture('edn/valid-partition.edn')).status).toBe(2);
    expect(kafkaCheck().status).toBe(2);
  });

  it("takes a Maelstrom store folder: history.txt's true values, and Maelstrom's verdict beside ours", () => {
    const r = kafkaCheck(fixture('maelstrom-runs/3nodes-partition'));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^VALID: .*\nMaelstrom's verdict \(.*3nodes-partition\/results\.edn\): VALID, no anomaly types\.\n {2}Same verdict/);
  });

  it('exits 2 on a folder with no history in it', () => {
    const r = kafkaCheck(fixture('edn/..'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/is a folder with no history in it \(looked for history\.edn, history\.edn\.gz, history\.jsonl, history\.jsonl\.gz\)/);
  });

  it('explains itself with --help', () => {
    const r = kafkaCheck('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: kafka-check \[--json\] FILE\|FOLDER/);
  });
});
