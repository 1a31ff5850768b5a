import { describe, expect, it } from 'vitest';
import type { BenchResults, CaseResult } from '../results/bench-results.ts';
import { benchResultsFixture } from '../results/bench-results.fixture.ts';
import { measurePair } from './pair-measures.ts';
import { comparePredictions, MATRIX_PREDICTIONS } from './plan-predictions.ts';
import { withoutProductionCollector } from './report.fixture.ts';

function withCases(cases: CaseResult[]): BenchResults {
  return { ...benchResultsFixture, cases };
}

const fixtureCase = (scenario: string, indexState = 'schema') =>
  benchResultsFixture.cases.find((c) => c.scenario === scenario && c.indexState === indexState)!;

describe('measurePair', () => {
  it('computes the reduction and takes the time comparison the run recorded', () => {
    const m = measurePair(fixtureCase('large'), 'v1-orm', 'v2')!;
    expect([m.baselineQueries, m.candidateQueries]).toEqual([29, 9]);
    expect(m.reductionPct).toBeCloseTo((1 - 9 / 29) * 100, 10);
    expect(m.time).toMatchObject({ source: 'recorded', verdict: 'faster' });
    expect(m.time!.ratio).toBeCloseTo(95 / 210, 10);
  });

  it('computes the comparison from the raw samples when the run did not record that pair', () => {
    const large = { ...fixtureCase('large'), comparisons: [] };
    const time = measurePair(large, 'v1', 'v2')!.time!;
    expect(time.source).toBe('samples');
    expect(time.verdict).toBe('faster');
    expect(time.low).not.toBeNull();
  });

  it('gives nothing for a failed case or a collector that ended with a contract error', () => {
    expect(measurePair(fixtureCase('medium'), 'v1', 'v2')).toBeNull();
    const small = fixtureCase('small');
    const contractError: CaseResult = {
      ...small,
      collectors: {
        ...small.collectors,
        v2: { ...small.collectors.v2!, outcome: 'failed', errorName: 'NoDocumentsError' },
      },
    };
    expect(measurePair(contractError, 'v1', 'v2')).toBeNull();
  });

  it('has no time comparison when a collector was not timed', () => {
    const small = fixtureCase('small');
    const untimed: CaseResult = {
      ...small,
      collectors: { ...small.collectors, v1: { ...small.collectors.v1!, timing: null } },
    };
    expect(measurePair(untimed, 'v1', 'v2')).toMatchObject({ baselineQueries: 67, time: null });
  });
});

describe('comparePredictions', () => {
  const comparison = comparePredictions(benchResultsFixture);

  it('matches matrix rows by scenario name, one row per index state', () => {
    const small = comparison.rows.filter((r) => r.prediction.scenario === 'small');
    expect(small.map((r) => [r.matchedBy, r.indexState, r.premise?.baselineQueries])).toEqual([
      ['scenario', 'schema', 67],
      ['scenario', 'proposed-indexes', 67],
    ]);
    expect(small[0]!.prediction).toMatchObject({ documents: 10, v1Queries: 100, v2Queries: 12, speedup: 8 });
  });

  it('keeps a failed case as not measured, with the reason', () => {
    const medium = comparison.rows.filter((r) => r.prediction.scenario === 'medium');
    expect(medium).toHaveLength(1);
    expect(medium[0]!.premise).toBeNull();
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
        premise: null,
        production: null,
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

  it('judges each target on its worst case, against the premise when production did not run', () => {
    const premiseOnly = comparePredictions(withoutProductionCollector(benchResultsFixture));
    expect(premiseOnly.targets.map((t) => [t.target.id, t.verdict, t.cases])).toEqual([
      ['query-reduction', 'not met', 4],
      ['speedup-100-documents', 'met', 2],
      ['v2-query-budget', 'met', 4],
    ]);
    expect(premiseOnly.targets[0]!.measured).toBe(
      'worst 86.6 % fewer queries than v1 (small/10/schema) over 4 cases; 2 miss the target',
    );
    expect(premiseOnly.targets[1]!.measured).toBe(
      'worst 16.5× faster than v1 (low end of the 95 % interval) (large/500/schema) over 2 cases',
    );
    expect(premiseOnly.targets.map((t) => t.baseline)).toEqual(['v1', 'v1', 'v1']);
  });

  it('sets production next to the premise, and judges the targets against production when it ran', () => {
    const three = comparison;
    expect([three.premise, three.production, three.candidate]).toEqual(['v1', 'v1-orm', 'v2']);
    const large = three.rows.find((r) => r.prediction.scenario === 'large' && r.indexState === 'schema')!;
    expect([
      large.premise?.baselineQueries,
      large.production?.baselineQueries,
      large.production?.candidateQueries,
    ]).toEqual([3301, 29, 9]);
    expect(three.targets.map((t) => [t.target.id, t.verdict, t.baseline])).toEqual([
      ['query-reduction', 'not met', 'v1-orm'],
      ['speedup-100-documents', 'not met', 'v1-orm'],
      ['v2-query-budget', 'met', 'v1-orm'],
    ]);
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

  it('sums the measured index sizes and says where the write cost was measured', () => {
    expect(comparison.indexSize).toMatchObject({ measuredBytes: 81_920, indexes: 2, measuredDocuments: 625 });
    expect(comparison.writeCost.verdict).toBe('not measured');
    const evaluated = comparePredictions({
      ...benchResultsFixture,
      indexEvaluation: {
        reportFile: 'indexes.md',
        dataFile: 'index-evaluation.json',
        scenario: 'xl',
        seededDocuments: 6188,
        verdicts: [],
      },
    });
    expect(evaluated.writeCost.verdict).toBe('measured elsewhere');
    expect(
      comparePredictions({ ...benchResultsFixture, indexMigration: null }).indexSize.measuredBytes,
    ).toBeNull();
  });
});
