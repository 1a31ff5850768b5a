import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { testServerUrl } from '../../../test/helpers/test-database.ts';

/**
 * `hfc-bench compare` as a person runs it: the real CLI in a child process (exit codes are the process's
 * own), on a database it seeds itself on the test server.
 */

const BIN = fileURLToPath(new URL('../../../bin/hfc-bench.js', import.meta.url));

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, 'compare', ...args],
      { env: { ...process.env, DATABASE_URL: undefined }, maxBuffer: 20 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const ALL_STATES = JSON.stringify({ status: ['draft', 'validated', 'completed'] });

describe('hfc-bench compare', () => {
  it('runs v1, v1-orm and v2, compares each with v1, and leads the ratios with v2 against v1-orm', async () => {
    const result = await cli([
      '--documents',
      '60',
      '--seed',
      '3',
      '--filters',
      ALL_STATES,
      '--top',
      '2',
      '--database-url',
      testServerUrl(),
    ]);
    expect(result.stderr).not.toMatch(/Error/);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    // One outcome line per registered collector, in registry order; v2's round trips are exact.
    expect(lines[0]).toMatch(/^v1: \d+ documents exported \(\d+ matched\), \d+ queries, /);
    expect(lines[1]).toMatch(/^v1-orm: \d+ documents exported \(\d+ matched\), \d+ queries, /);
    expect(lines[2]).toMatch(/^v2: \d+ documents exported \(\d+ matched\), 9 queries, /);
    const documents = lines.slice(0, 3).map((l) => /: (\d+) documents/.exec(l)?.[1]);
    expect(new Set(documents).size).toBe(1);
    expect(lines[3]).toMatch(/^v1-orm against v1: equivalent: 6 sheets, \d+ rows$/);
    expect(lines[4]).toMatch(/^v2 against v1: equivalent: 6 sheets, \d+ rows$/);
    expect(lines[5]).toBe('verdict: equivalent (every collector matches v1)');
    // The headline first (what production sends today), then the plan's premise; the counts are the lines'.
    const queries = (id: string) =>
      Number(new RegExp(`^${id}: .*?, (\\d+) queries`, 'm').exec(lines.join('\n'))?.[1]);
    expect(lines[6]).toBe(
      `queries, v2 against v1-orm (what production sends today): v1-orm/v2 = ${(queries('v1-orm') / 9).toFixed(1)}x (${queries('v1-orm')} vs 9)`,
    );
    expect(lines[7]).toBe(
      `queries, v2 against v1 (the plan’s premise): v1/v2 = ${(queries('v1') / 9).toFixed(1)}x (${queries('v1')} vs 9)`,
    );
    // Exact on this dataset (60 documents, seed 3, 33 exported): one record per round trip, batches, fixed.
    expect([queries('v1'), queries('v1-orm'), queries('v2')]).toEqual([297, 30, 9]);
    expect(documents[0]).toBe('33');
    for (const id of ['v1', 'v1-orm', 'v2']) {
      const at = lines.indexOf(`top fingerprints of ${id}:`);
      expect(at).toBeGreaterThan(7);
      expect(lines.slice(at + 1, at + 3).every((l) => /^\s+\d+ {2}\S+ {2}/.test(l))).toBe(true);
      expect(lines.some((l) => l.startsWith(`N+1 findings of ${id}:`))).toBe(true);
    }
    // The premise reads one record per round trip: N+1 findings; the candidate has none.
    expect(lines).toContain('N+1 findings of v1:');
    expect(lines).toContain('N+1 findings of v2: none');
  }, 300_000);

  it('exits 2 on a bad option, before touching a database', async () => {
    const result = await cli(['--top', '500', '--database-url', 'postgres://x@127.0.0.1:1/db']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--top must be between 0 and 100/);
  });

  it('describes every registered collector in its help', async () => {
    const result = await cli(['--help']);
    expect(result.code).toBe(0);
    for (const id of ['v1', 'v1-orm', 'v2']) expect(result.stdout).toMatch(new RegExp(`^  ${id} +\\S`, 'm'));
    expect(result.stdout).toMatch(/Equivalent only when every collector is/);
  });
});
