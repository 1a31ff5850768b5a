import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIOS } from '../scenarios/default-scenarios.ts';
import type { BenchResults, CaseResult } from '../harness/results/bench-results.ts';
import { newRunId, PROJECTION_RTT_MS, runBench } from '../harness/bench/bench-runner.ts';
import { summaryTable } from '../harness/cli/commands/bench.ts';
import { writeReport } from '../harness/cli/write-report.ts';
import { openDatabaseServer, type DatabaseServer } from '../harness/database/database-server.ts';
import { validateBenchResults } from '../harness/results/validate-results.ts';
import { testServerUrl } from './helpers/test-database.ts';

/**
 * `--premise-max` through the real runner: a scenario at two sizes, the premise (v1) allowed only in the
 * smaller one. The larger case runs production and the candidate, checks them against each other, and
 * projects the premise from the smaller case's exact round trips.
 */
let server: DatabaseServer;
let outDir: string;
let results: BenchResults;
let aboveOnly: BenchResults;

/** The `small` scenario at `sizes` (in this order), the premise allowed up to 6 exported documents. */
function benchSmall(sizes: number[], dir: string, longCaseBudgetMs?: number): Promise<BenchResults> {
  return runBench({
    ...(longCaseBudgetMs === undefined ? {} : { longCaseBudgetMs }),
    server,
    scenarios: DEFAULT_SCENARIOS.filter((s) => s.name === 'small'),
    sizes,
    seed: 42,
    quick: true,
    rttMs: null,
    premiseMaxDocuments: 6,
    projectionRttMs: PROJECTION_RTT_MS,
    outDir: dir,
    runId: newRunId(),
    argv: ['bench', '--test'],
    keep: false,
    progress: () => undefined,
    indexEvaluationScenario: 'small',
  });
}

beforeAll(async () => {
  server = await openDatabaseServer({ databaseUrl: testServerUrl() });
  outDir = await mkdtemp(join(tmpdir(), 'hfcb-premise-cap-'));
  // Larger first: the projection and the index evaluation's choice must not depend on the order.
  results = await benchSmall([14, 6], join(outDir, 'two-sizes'));
  await writeReport(results, join(outDir, 'two-sizes'));
  // One size, above the limit: no light index evaluation (it would export with every collector).
  // It also carries a --long-budget, which the results must record.
  aboveOnly = await benchSmall([9], join(outDir, 'above-only'), 45_000);
});

afterAll(async () => {
  await server?.close();
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

describe('bench --premise-max', () => {
  it('runs the premise only up to the limit and projects it above, per index state', () => {
    expect(results.options.premiseMaxDocuments).toBe(6);
    expect(results.cases.map((c) => `${c.targetDocuments}/${c.indexState}`)).toEqual([
      '14/schema',
      '14/proposed-indexes',
      '6/schema',
      '6/proposed-indexes',
    ]);
    for (const c of results.cases) expect(c.equivalent).toBe(true);
    const pairs: [CaseResult, CaseResult][] = [
      [results.cases[2]!, results.cases[0]!],
      [results.cases[3]!, results.cases[1]!],
    ];
    for (const [smallCase, bigCase] of pairs) {
      expect(Object.keys(smallCase.collectors)).toEqual(['v1', 'v1-orm', 'v2']);
      expect(smallCase.notRun).toBeUndefined();
      expect(Object.keys(bigCase.collectors)).toEqual(['v1-orm', 'v2']);
      const basis = smallCase.collectors.v1!;
      const exported = bigCase.collectors.v2!.exportedDocuments;
      expect(exported).toBeGreaterThan(basis.exportedDocuments);
      expect(bigCase.notRun).toEqual([
        {
          collector: 'v1',
          reason:
            'v1 runs only in cases of at most 6 exported documents (--premise-max); this one asks for 14',
          projection: {
            basisTargetDocuments: 6,
            basisExportedDocuments: basis.exportedDocuments,
            exportedDocuments: exported,
            queryCount: Math.round(basis.queryCount * (exported / basis.exportedDocuments)),
            ms: basis.timing!.p50Ms * (exported / basis.exportedDocuments),
          },
        },
      ]);
      // Only the headline pair is compared: the premise's pairs have no premise.
      expect(bigCase.comparisons.map((x) => x.purpose)).toEqual(['headline']);
      expect(bigCase.sampling?.notes.join(' ')).not.toContain('v1 ');
      expect(bigCase.collectors.v2?.queryCount).toBe(9);
    }
  });

  it('writes results that validate, and a report and summary that say the premise was projected', async () => {
    const json: unknown = JSON.parse(await readFile(join(outDir, 'two-sizes', 'results.json'), 'utf8'));
    expect(validateBenchResults(json)).toEqual({ valid: true, errors: [] });
    const report = await readFile(join(outDir, 'two-sizes', 'report.md'), 'utf8');
    expect(report).toContain('Collectors not run (italic figures above are projections, not measurements)');
    const projected = results.cases[0]!.notRun![0]!.projection!;
    expect(report).toContain(`*not run, ~${projected.queryCount}*`);
    expect(report).toMatch(/v1 runs only in cases of at most 6 exported documents.*Projected linearly/);
    expect(summaryTable(results)).toContain(`not run (~${projected.queryCount} projected)`);
  });

  it('runs the light index evaluation on the smallest size, and none above the limit', () => {
    expect(results.indexEvaluation?.error).toBeUndefined();
    expect(results.indexEvaluation?.seededDocuments).toBe(results.cases[2]!.seededDocuments);
    expect(results.warnings).toEqual([]);
    expect(aboveOnly.indexEvaluation).toBeNull();
    expect(aboveOnly.warnings).toEqual([
      'index evaluation not run: its database (small, 9 documents) is above --premise-max 6, where it would ' +
        'export every filter case with every collector; run hfc-bench indexes --documents N for the ' +
        "DBA's evaluation at a large size",
    ]);
    expect(aboveOnly.cases.map((c) => Object.keys(c.collectors).join(','))).toEqual([
      'v1-orm,v2',
      'v1-orm,v2',
    ]);
    // No smaller case ran the premise: nothing to project from.
    expect(aboveOnly.cases.map((c) => c.notRun?.[0]?.projection)).toEqual([null, null]);
  });

  it('records the long-export budget it was given, and the policy default otherwise', () => {
    expect(aboveOnly.options.timing.longCaseBudgetMs).toBe(45_000);
    expect(results.options.timing.longCaseBudgetMs).toBe(3_000);
  });
});
