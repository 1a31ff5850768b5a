import { describe, expect, it } from 'vitest';
import { benchResultsFixture } from '../results/bench-results.fixture.ts';
import type { CaseResult } from '../results/bench-results.ts';
import { registeredCollectors } from './collector-roles.ts';
import { collectorsForCase, projectNotRun } from './premise-cap.ts';

/** A fixture case again at `documents` exported documents, with the premise left out as the runner does. */
function withoutPremise(base: CaseResult, documents: number, exported: number): CaseResult {
  const { v1: _premise, ...collectors } = base.collectors;
  const scaled = Object.fromEntries(
    Object.entries(collectors).map(([id, r]) => [id, { ...r, exportedDocuments: exported }]),
  );
  return {
    ...base,
    targetDocuments: documents,
    collectors: scaled,
    notRun: collectorsForCase(registeredCollectors(), documents, 1_000).notRun,
  };
}

describe('collectorsForCase', () => {
  const collectors = registeredCollectors();

  it('runs every collector up to the limit, the limit included', () => {
    for (const documents of [1, 999, 1_000]) {
      const { run, notRun } = collectorsForCase(collectors, documents, 1_000);
      expect(run.map((c) => c.id)).toEqual(['v1', 'v1-orm', 'v2']);
      expect(notRun).toEqual([]);
    }
  });

  it('leaves out only the premise above the limit, and says why', () => {
    const { run, notRun } = collectorsForCase(collectors, 1_001, 1_000);
    expect(run.map((c) => c.id)).toEqual(['v1-orm', 'v2']);
    expect(notRun).toEqual([
      {
        collector: 'v1',
        reason:
          'v1 runs only in cases of at most 1000 exported documents (--premise-max); this one asks for 1001',
        projection: null,
      },
    ]);
  });

  it('never runs the premise with a limit of 0', () => {
    expect(collectorsForCase(collectors, 1, 0).run.map((c) => c.id)).toEqual(['v1-orm', 'v2']);
  });
});

describe('projectNotRun', () => {
  const [small, smallIndexed, , large] = benchResultsFixture.cases as [
    CaseResult,
    CaseResult,
    CaseResult,
    CaseResult,
  ];

  it('scales the largest case of the same scenario and index state by exported documents', () => {
    // large/schema: v1 exported 500 documents in 3 301 round trips, median 1 600.5 ms.
    const big = withoutPremise(large, 5_000, 4_000);
    const smaller = { ...small, scenario: 'large' };
    const [projected] = projectNotRun([smaller, large, big]).slice(2);
    expect(projected!.notRun![0]!.projection).toEqual({
      basisTargetDocuments: 500,
      basisExportedDocuments: 500,
      exportedDocuments: 4_000,
      queryCount: 3_301 * 8,
      ms: 1_600.5 * 8,
    });
  });

  it('does not take a basis from another index state or scenario', () => {
    const big = withoutPremise(small, 5_000, 5_000);
    // Only small/proposed-indexes ran v1; the case is small/schema.
    const [, projected] = projectNotRun([smallIndexed, big]);
    expect(projected!.notRun![0]!.projection).toBeNull();
    const [, other] = projectNotRun([{ ...large, indexState: 'schema' }, big]);
    expect(other!.notRun![0]!.projection).toBeNull();
  });

  it('leaves cases that ran every collector as they are', () => {
    const cases = benchResultsFixture.cases;
    const out = projectNotRun(cases);
    out.forEach((c, i) => expect(c).toBe(cases[i]));
  });
});
