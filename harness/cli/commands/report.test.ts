import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { UsageError } from '../../core/usage-error.ts';
import { benchResultsFixture } from '../../results/bench-results.fixture.ts';
import { reportCommand } from './report.ts';
import { writeReport } from '../write-report.ts';

describe('report command', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'hfcb-report-'));
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await rm(dir, { recursive: true, force: true });
  });

  it('writeReport writes results.json, the charts, report.md and its appendices', async () => {
    const run = path.join(dir, 'written');
    const written = await writeReport(benchResultsFixture, run);
    expect(written.resultsPath).toBe(path.join(run, 'results.json'));
    expect(written.reportPath).toBe(path.join(run, 'report.md'));
    expect(written.chartPaths).toHaveLength(6);
    expect(JSON.parse(await readFile(written.resultsPath!, 'utf8'))).toEqual(benchResultsFixture);
    expect((await readdir(run)).sort()).toEqual([
      'appendix-method.md',
      'appendix-plans.md',
      'appendix-queries.md',
      'latency-projection.png',
      'plan-time.png',
      'queries-vs-documents.png',
      'report.md',
      'results.json',
      'speedup.png',
      'time-split.png',
      'time-vs-documents.png',
    ]);
  });

  it('re-renders report.md and the charts of a run folder from results.json alone', async () => {
    const run = path.join(dir, 'rerender');
    await mkdir(run);
    await writeFile(path.join(run, 'results.json'), JSON.stringify(benchResultsFixture));
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await reportCommand.run([run])).toBe(0);
      expect(stdout.mock.calls.map((c) => String(c[0]))).toEqual([`${path.join(run, 'report.md')}\n`]);
      expect(stderr.mock.calls.map((c) => String(c[0]))).toEqual(['6 charts drawn\n']);
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
    const report = await readFile(path.join(run, 'report.md'), 'utf8');
    expect(report).toContain('# hfc-bench report 2026-02-03T10-15-00Z-seed42');
    expect(report).toContain('![Speed-up of v2 per case, with 95 % intervals](speedup.png)');
    expect(await readFile(path.join(run, 'appendix-plans.md'), 'utf8')).toContain('## Plans');
    expect((await stat(path.join(run, 'speedup.png'))).size).toBeGreaterThan(5 * 1024);
  });

  it('refuses a missing folder argument, and an invalid results.json, with a readable error', async () => {
    await expect(reportCommand.run([])).rejects.toThrow(UsageError);
    await expect(reportCommand.run(['a', 'b'])).rejects.toThrow(
      'expected one run folder (e.g. reports/<run-id>), received a b',
    );
    const run = path.join(dir, 'old');
    await mkdir(run);
    await writeFile(path.join(run, 'results.json'), JSON.stringify({ ...benchResultsFixture, version: 0 }));
    await expect(reportCommand.run([run])).rejects.toThrow(
      /version is 0, but this hfc-bench reads results version 2/,
    );
  });
});
