import type {
  CandidateEvaluation,
  IndexSizeEvaluation,
  PlanBrief,
  QueryEffect,
} from '../results/index-evaluation-results.ts';
import { compareWithWithout } from './compare-with-without.ts';
import { PROPOSED_CANDIDATES } from './proposed-candidates.ts';
import { ALTERNATIVE_INDEXES } from './operator-fit.ts';

/**
 * Hand-built measurements for the unit tests of the verdicts and of `indexes.md`. The numbers are shaped like a
 * real run but were written by hand: tests assert on them, so change them together.
 */

/** `n` samples spread evenly over `centre` +-`spread` (relative): a known median and a known range. */
export function samplesAround(centre: number, n: number, spread = 0.02): number[] {
  return Array.from({ length: n }, (_, i) => centre * (1 + spread * ((2 * i) / Math.max(1, n - 1) - 1)));
}

/** A plan brief: the indexes it reads, a Seq Scan on `document_extraction` when it reads none. */
export function planFixture(indexesUsed: string[] = [], executionMs = 1, actualRows = 10): PlanBrief {
  return {
    executionMs,
    planningMs: 0.1,
    totalCost: 10,
    nodeTypes: indexesUsed.length === 0 ? ['Seq Scan'] : ['Index Scan'],
    indexesUsed,
    seqScans: indexesUsed.length === 0 ? ['document_extraction'] : [],
    actualRows,
  };
}

/**
 * A query whose plan uses `index`, with `withoutMs` and `withMs` as the medians of 10 round-trip samples and of
 * 5 server executions a side (`spread` relative around each).
 */
export function usedQuery(
  index: string,
  withoutMs: number,
  withMs: number,
  spread = 0.02,
  queryId = 'organization-code/v2/abc123',
): QueryEffect {
  return {
    queryId,
    usesIndex: true,
    planChanged: true,
    with: planFixture([index], withMs),
    without: planFixture([], withoutMs),
    planTimes: compareWithWithout(samplesAround(withMs, 5, spread), samplesAround(withoutMs, 5, spread)),
    timing: compareWithWithout(samplesAround(withMs, 10, spread), samplesAround(withoutMs, 10, spread)),
    timingSkipped: null,
  };
}

/** A write cost whose with/without medians are `withMs`/`withoutMs` (20 samples a side). */
export function writeCostFixture(withoutMs: number, withMs: number, spread = 0.02) {
  return compareWithWithout(samplesAround(withMs, 20, spread), samplesAround(withoutMs, 20, spread));
}

/** A measured candidate (looked up among the real candidates by name), unused, undecided, with a flat write cost. */
export function candidateFixture(
  name: string,
  overrides: Partial<CandidateEvaluation> = {},
): CandidateEvaluation {
  const candidate = [...PROPOSED_CANDIDATES, ...ALTERNATIVE_INDEXES].find((c) => c.name === name) ?? {
    ...PROPOSED_CANDIDATES[0]!,
    name,
  };
  return {
    candidate,
    status: 'measured',
    error: null,
    createSql: `CREATE INDEX CONCURRENTLY ${name} ON ${candidate.table} (${candidate.columns})`,
    catalogDefinition: `CREATE INDEX ${name} ON public.${candidate.table} USING btree (${candidate.columns})`,
    buildMs: 12,
    analyzeMs: 3,
    sizeBytes: 16_384,
    redundancy: [],
    operatorFit: [],
    queries: [],
    scans: 0,
    writeCost: writeCostFixture(1, 1),
    hypopg: null,
    verdict: { kind: 'undecided', replacement: null, headline: '', reasons: [] },
    ...overrides,
  };
}

/** An evaluation at one size with the given candidates (verdicts as given: decide them before if needed). */
export function sizeFixture(
  documents: number,
  candidates: CandidateEvaluation[],
  overrides: Partial<IndexSizeEvaluation> = {},
): IndexSizeEvaluation {
  return {
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:01:00.000Z',
    durationMs: 60_000,
    options: {
      seed: 42,
      documents,
      timeBudgetMs: 20_000,
      writeSamples: 20,
      planRepeats: 5,
      organizationCode: '123456',
      organizationSearch: 'Minh',
      queriesFromDocuments: null,
      scanCollectors: ['v1-orm', 'v2'],
    },
    environment: {
      serverVersion: '18.4',
      serverVersionNum: 180004,
      tableRows: {
        document_extraction: documents,
        res_partner: Math.round(documents / 3),
        document_extraction_activity_field_rel: documents * 2,
      },
      databaseSizeBytes: documents * 20_000,
    },
    writeWorkload: 'one document with its child rows',
    filterCases: [
      {
        id: 'organization-code',
        filters: { organization_code: '123456' },
        exportedDocuments: 3,
        queries: { v1: 30, v2: 9 },
        error: null,
      },
    ],
    queries: [
      {
        id: 'organization-code/v2/abc123',
        source: 'v2',
        filterCase: 'organization-code',
        fingerprintId: 'abc123',
        fingerprint:
          'SELECT d.id FROM document_extraction d WHERE d.organization_id = ANY($1) AND d.x || $2 = $3',
        calls: 1,
        tables: ['document_extraction'],
        sql: 'SELECT 1',
        params: [],
      },
    ],
    existingIndexes: [],
    extensions: [{ name: 'pg_trgm', available: true, reason: 'created' }],
    hypopg: { available: false, reason: 'not installed' },
    migrationSafety: { available: true, reason: 'checked', findings: [] },
    candidates,
    warnings: [],
    ...overrides,
  };
}
