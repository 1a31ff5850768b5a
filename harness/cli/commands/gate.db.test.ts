import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testServerUrl } from '../../../test/helpers/test-database.ts';
import type { GateReport } from '../../gate/gate-results.ts';

/**
 * `hfc-bench gate` as CI runs it: the real CLI in a child process, so exit codes are the process's own.
 */

const BIN = fileURLToPath(new URL('../../../bin/hfc-bench.js', import.meta.url));
const COMMITTED = fileURLToPath(new URL('../../../scenarios/gate-budgets.json', import.meta.url));

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, 'gate', ...args],
      { env: { ...process.env, GITHUB_STEP_SUMMARY: undefined, ...env }, maxBuffer: 20 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hfcb-gate-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('hfc-bench gate', () => {
  it('passes on the current code against the committed budgets, with JSON and the step summary', async () => {
    const summary = join(dir, 'summary.md');
    await writeFile(summary, '# earlier step\n');
    const started = performance.now();
    const result = await cli(['--json', '--database-url', testServerUrl()], { GITHUB_STEP_SUMMARY: summary });
    const wallMs = performance.now() - started;
    expect(result.stderr).not.toContain('FAIL');
    // On another exit code, show what the gate said (a bare "expected 2 to be 0" cannot be acted on).
    expect({ code: result.code, stderr: result.code === 0 ? '' : result.stderr }).toEqual({
      code: 0,
      stderr: '',
    });
    const report = JSON.parse(result.stdout) as GateReport;
    expect(report.verdict).toBe('pass');
    expect(report.cases).toHaveLength(12);
    expect(report.checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(report.cases.find((c) => c.caseId === 'no-filter@150')).toMatchObject({
      exportedDocuments: 55,
      equivalent: true,
      collectors: { v1: { queryCount: 470 }, 'v1-orm': { queryCount: 29 }, v2: { queryCount: 9 } },
    });
    expect(report).toMatchObject({ version: 2, pinned: ['v1-orm', 'v2'], recorded: ['v1'] });
    // Check lines go to stderr with --json, one per check.
    const checkLines = result.stderr.split('\n').filter((l) => /^(PASS|FAIL|NOTE) /.test(l));
    expect(checkLines).toHaveLength(report.checks.length);
    expect(checkLines).toContain(
      'PASS v2-constant substance: v2 constant: 10, 10, 10 queries at 11, 26, 79 exported documents',
    );
    const appended = await readFile(summary, 'utf8');
    expect(appended.startsWith('# earlier step\n## hfc-bench gate: passed\n')).toBe(true);
    expect(appended).toContain('| `no-filter@150` | 55 | yes | 470 | 29 | 9 | PASS | PASS |');
    process.stderr.write(`gate wall time (CLI, server already running): ${(wallMs / 1000).toFixed(1)} s\n`);
  });

  it('--update-budgets rewrites the budget file and prints the difference', async () => {
    const file = join(dir, 'budgets.json');
    const committed = await readFile(COMMITTED, 'utf8');
    await writeFile(
      file,
      committed
        .replace(
          '"no-filter@20": { "exportedDocuments": 9, "v1": 85, "v1-orm": 28, "v2": 9 }',
          '"no-filter@20": { "exportedDocuments": 9, "v1": 70, "v1-orm": 28, "v2": 12 }',
        )
        .replace(
          '"organisation@150": { "exportedDocuments": 22, "v1": 208, "v1-orm": 31, "v2": 9 }',
          '"organisation@150": { "exportedDocuments": 23, "v1": 208, "v1-orm": 31, "v2": 9 }',
        ),
    );
    const result = await cli(['--update-budgets', '--budgets', file, '--database-url', testServerUrl()]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `budgets updated in ${relative(process.cwd(), file)} (review and commit):\n`,
    );
    const diff = result.stdout.split('\n').filter((l) => l.startsWith('  ') && / -> /.test(l));
    expect(diff).toEqual([
      '  no-filter@20 v1: 70 -> 85 (+15)',
      '  no-filter@20 v2: 12 -> 9 (-3)',
      '  organisation@150 exportedDocuments: 23 -> 22 (-1)',
    ]);
    expect(await readFile(file, 'utf8')).toBe(committed);
  });

  it('exits 2 naming the file and the problem when the budget file is malformed', async () => {
    const file = join(dir, 'malformed.json');
    await writeFile(file, '{ "version": 1, "cases": ');
    const result = await cli(['--budgets', file, '--database-url', 'postgres://x@127.0.0.1:1/db']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^hfc-bench gate: budget file \S*malformed\.json cannot be used:\n {2}not valid JSON: /,
    );

    const unknown = join(dir, 'unknown-case.json');
    const committed = JSON.parse(await readFile(COMMITTED, 'utf8')) as { cases: Record<string, unknown> };
    committed.cases['no-filter@999'] = { exportedDocuments: 1, v1: 1, 'v1-orm': 1, v2: 1 };
    await writeFile(unknown, JSON.stringify(committed));
    const second = await cli(['--budgets', unknown, '--database-url', 'postgres://x@127.0.0.1:1/db']);
    expect(second.code).toBe(2);
    expect(second.stderr).toContain(
      'unknown-case.json cannot be used:\n  cases["no-filter@999"]: unknown case;',
    );
  });

  it('exits 2 with the reason when the database is unreachable', async () => {
    const summary = join(dir, 'unreachable.md');
    const result = await cli(['--database-url', 'postgres://x@127.0.0.1:1/db'], {
      GITHUB_STEP_SUMMARY: summary,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('hfc-bench gate: Could not connect on postgres://x@127.0.0.1:1/db');
    expect(result.stderr).toContain('ECONNREFUSED');
    expect(result.stderr).toContain('The server did not answer.');
    expect(await readFile(summary, 'utf8')).toMatch(/^## hfc-bench gate: could not run\n/);
  });
});
