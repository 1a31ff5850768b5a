import { describe, expect, it } from 'vitest';
import type { BenchResults, CaseResult } from '../results/bench-results.ts';
import { benchResultsFixture } from '../results/bench-results.fixture.ts';
import { comparePredictions, measureCase, MATRIX_PREDICTIONS } from './plan-predictions.ts';

function withCases(cases: CaseResult[]): BenchResults {
  return { ...benchResultsFixture, cases };
}

const fixtureCase = (scenario: string, indexState = 'schema') =>
  benchResultsFixture.cases.find((c) => c.scenario === scenario && c.indexState === indexState)!;

describe('measureCase', () => {
  it('computes the reduction and the speed-up from the timing means', () => {
    const m = measureCase(fixtureCase('large'))!;
    expect(m.v1Queries).toBe(3301);
    expect(m.v2Queries).toBe(9);
    expect(m.reductionPct).toBeCloseTo((1 - 9 / 3301) * 100, 10);
    expect(m.speedup).toBeCloseTo(1650 / 95, 10);
    expect(m.speedupRme).toBeCloseTo(Math.hypot(2.4, 1.9), 10);
  });

  it('gives nothing for a failed case or a collector that ended with a contract error', () => {
    expect(measureCase(fixtureCase('medium'))).toBeNull();
    const small = fixtureCase('small');
    const contractError: CaseResult = {
      ...small,
      collectors: {
        ...small.collectors,
        v2: { ...small.collectors.v2!, outcome: 'failed', errorName: 'NoDocumentsError' },
      },
    };
    expect(measureCase(contractError)).toBeNull();
  });

  it('has no speed-up when a collector was not timed', () => {
    const small = fixtureCase('small');
    const untimed: CaseResult = {
      ...small,
      collectors: { ...small.collectors, v1: { ...small.collectors.v1!, timing: null } },
    };
    expect(measureCase(untimed)).toMatchObject({ v1Queries: 67, speedup: null, speedupRme: null });
  });
});

describe('comparePredictions', () => {
  const comparison = comparePredictions(benchResultsFixture);

  it('matches matrix rows by scenario name, one row per index state', () => {
    const small = comparison.rows.filter((r) => r.prediction.scenario === 'small');
    expect(small.map((r) => [r.matchedBy, r.indexState, r.measured?.v1Queries])).toEqual([
      ['scenario', 'schema', 67],
      ['scenario', 'proposed-indexes', 67],
    ]);
    expect(small[0]!.prediction).toMatchObject({ documents: 10, v1Queries: 100, v2Queries: 12, speedup: 8 });
  });

  it('keeps a failed case as not measured, with the reason', () => {
    const medium = comparison.rows.filter((r) => r.prediction.scenario === 'medium');
    expect(medium).toHaveLength(1);
    expect(medium[0]!.measured).toBeNull();
    expect(medium[0]!.note).toBe(
      'case failed: SeedError: could not seed 125 documents: connection terminated unexpectedly',
    );
  });

  it('says when no case of a row was run', () => {
    const xl = comparison.rows.filter((r) => r.prediction.scenario === 'xl');
    expect(xl).toEqual([
      {
        prediction: MATRIX_PREDICTIONS[3],
        matchedBy: null,
        scenario: null,
        targetDocuments: null,
        indexState: null,
        measured: null,
        note: 'no case of this scenario or size was run',
      },
    ]);
  });

  it('falls back to the target size when no case has the row scenario name', () => {
    const growth = benchResultsFixture.cases
      .filter((c) => c.scenario === 'large')
      .map((c) => ({ ...c, scenario: 'growth' }));
    const rows = comparePredictions(withCases(growth)).rows.filter((r) => r.prediction.scenario === 'large');
    expect(rows.map((r) => [r.matchedBy, r.scenario, r.indexState])).toEqual([
      ['size', 'growth', 'schema'],
      ['size', 'growth', 'proposed-indexes'],
    ]);
  });

  it('judges each target on its worst case', () => {
    expect(comparison.targets.map((t) => [t.target.id, t.verdict, t.cases])).toEqual([
      ['query-reduction', 'not met', 4],
      ['speedup-100-documents', 'met', 2],
      ['v2-query-budget', 'met', 4],
    ]);
    expect(comparison.targets[0]!.measured).toBe(
      'worst 86.6 % fewer queries (small/10/schema) over 4 cases; 2 miss the target',
    );
    expect(comparison.targets[1]!.measured).toBe('worst 17.4× faster (large/500/schema) over 2 cases');
  });

  it('reports a target as not measured when no case applies', () => {
    const onlySmall = benchResultsFixture.cases.filter((c) => c.scenario === 'small');
    const targets = comparePredictions(withCases(onlySmall)).targets;
    expect(targets.find((t) => t.target.id === 'speedup-100-documents')).toMatchObject({
      verdict: 'not measured',
      cases: 0,
    });
    expect(comparePredictions(withCases([])).targets.map((t) => t.verdict)).toEqual([
      'not measured',
      'not measured',
      'not measured',
    ]);
  });

  it('sums the measured index sizes and never claims to have measured the write cost', () => {
    expect(comparison.indexSize).toMatchObject({ measuredBytes: 81_920, indexes: 2, measuredDocuments: 625 });
    expect(comparison.writeCost.verdict).toBe('not measured');
    expect(
      comparePredictions({ ...benchResultsFixture, indexMigration: null }).indexSize.measuredBytes,
    ).toBeNull();
  });
});
