/**
 * The GitHub Actions workflows (.github/workflows/): each valid by the
 * maintained validator from npm (@action-validator/cli, pinned; it runs its
 * schema offline, in WebAssembly), ci.yml running the README's two
 * commands, and the soak's job summary made from a real soak's output.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const WORKFLOWS = join(ROOT, '.github/workflows');
const VALIDATOR = join(ROOT, 'node_modules/.bin/action-validator');

const validate = (path: string) => spawnSync(VALIDATOR, [path], { encoding: 'utf8' });

describe('the GitHub Actions workflows', () => {
  it.each(readdirSync(WORKFLOWS))('%s is a valid workflow', (name) => {
    const result = validate(join(WORKFLOWS, name));
    expect(result.error).toBeUndefined();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('the validator refuses a workflow with a mistake in it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'workflow-'));
    const broken = join(dir, 'broken.yml');
    writeFileSync(broken, readFileSync(join(WORKFLOWS, 'ci.yml'), 'utf8').replace('runs-on:', 'runs_on:'));
    const result = validate(broken);
    rmSync(dir, { recursive: true });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Additional property 'runs_on' is not allowed");
  });

  it("ci.yml runs the README's two commands", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const block = /```sh\n([\s\S]*?)```/.exec(readme)![1]!;
    const commands = block.split('\n').filter((l) => l !== '').map((l) => l.split('#')[0]!.trim());
    expect(commands).toEqual(['npm install && npm start', 'npm test']);
    const runs = [...readFileSync(join(WORKFLOWS, 'ci.yml'), 'utf8').matchAll(/^\s+run: (.*)$/gm)].map((m) => m[1]!.replace(/ --no-audit --no-fund/g, ''));
    expect(runs).toEqual(commands);
  });

  it('soak.yml fans npm run soak -- --shard I/N out over a matrix', () => {
    const soak = readFileSync(join(WORKFLOWS, 'soak.yml'), 'utf8');
    expect(soak).toContain('shard: ${{ fromJSON(needs.plan.outputs.shards) }}');
    expect(soak).toContain('SHARD: ${{ matrix.shard }}/${{ inputs.machines }}');
    expect(soak).toMatch(/npm run soak -- .*--shard "\$SHARD"/);
    expect(soak).toMatch(/bash \.github\/soak-summary\.sh soak\.log "\$SHARD" >> "\$GITHUB_STEP_SUMMARY"/);
  });

  it("the soak's job summary gives each failing seed's replay command, from a real soak's output", () => {
    const dir = mkdtempSync(join(tmpdir(), 'soak-summary-'));
    const log = join(dir, 'soak.log');
    // A reducer broken on purpose fails some of three seeds, as a real shard would print it.
    const soak = spawnSync(process.execPath, ['dist/src/shell/sim/soak.js', '--seeds', '3', '--workers', '1', '--shard', '0/1', '--node-variant', 'test/fixtures/reducers/adds-run-length.mjs'], { cwd: ROOT, encoding: 'utf8' });
    expect(soak.status).toBe(1);
    writeFileSync(log, soak.stdout);
    const summary = spawnSync('bash', ['.github/soak-summary.sh', log, '0/1'], { cwd: ROOT, encoding: 'utf8' });
    const missing = spawnSync('bash', ['.github/soak-summary.sh', join(dir, 'none.log'), '1/2'], { cwd: ROOT, encoding: 'utf8' });
    rmSync(dir, { recursive: true });
    expect(summary.status).toBe(0);
    const replays = [...soak.stdout.matchAll(/^ {2}replay: (.*)$/gm)].map((m) => m[1]!);
    expect(replays.length).toBeGreaterThan(0);
    const shown = /```sh\n([\s\S]*?)```/.exec(summary.stdout)![1]!.trim().split('\n');
    expect(shown).toEqual(replays);
    for (const command of shown) expect(command).toMatch(/^bin\/kafka-sim --seed \d+ /);
    expect(summary.stdout).toMatch(/^## Soak, shard 0\/1\n\nsoak: 3 seeds ran/);
    expect(missing.stdout).toContain("The soak did not finish: see the job's log.");
  });
});
