import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collector } from '../src/collector.ts';
import { collectV2 } from '../src/collector-v2.ts';
import { parseExportFilters } from '../src/export-filters.ts';
import type { Queryable } from '../src/queryable.ts';
import { compareCollectors } from '../harness/compare/compare-collectors.ts';
import { outcomeQueryCount, runCollector } from '../harness/compare/run-collector.ts';
import { CountingClient } from '../harness/queries/counting-client.ts';
import { compareSheetRows } from '../harness/compare/equivalence.ts';
import { runExport } from '../harness/compare/run-export.ts';
import { collectV1 } from '../src/collector-v1.ts';
import { contentHash } from '../seeds/content-hash.ts';
import { createSeededTestDatabase } from './helpers/seeded-test-database.ts';
import type { TestDatabase } from './helpers/test-database.ts';

/**
 * Issue 3's "must show" on seeded data: every registered collector (v1, v1-orm, v2) equivalent to v1 for every
 * filter key alone and in combinations, hostile strings matching literally and leaving the database intact,
 * v2's round trips constant and exact, v1's growing, and the equivalence check catching the plan's two known
 * errors.
 */
const SIZES = [10, 100, 1000] as const;

/** Filter cases, as the front end would post them. */
const FILTER_CASES: Record<string, Record<string, unknown>> = {
  'no filter': {},
  'all front-end keys, empty': {
    organization_search: '',
    organization_code: '',
    province: '',
    substance_name: '',
    hs_code: '',
    substance_group_id: null,
    activity_field_ids: [],
    year_from: null,
    year_to: null,
    quantity_min: null,
    quantity_max: '',
    quota_min: null,
    status: [],
  },
  organization_search: { organization_search: 'Công' },
  organization_code: { organization_code: '01' },
  province: { province: 'Hà' },
  'province matching no state (quirk 8.3)': { province: 'Atlantis' },
  substance_name: { substance_name: 'HFC-1' },
  'substance_group_id (matches nothing: quirk 8.2)': { substance_group_id: 1 },
  activity_field_ids: { activity_field_ids: [1, 3] },
  year_from: { year_from: 2022 },
  'year_to (NULL years included)': { year_to: 2021 },
  status: { status: ['draft', 'validated'] },
  'hs_code (contract error)': { hs_code: '2903' },
  'ignored keys': { quantity_min: 5, quantity_max: 10, quota_min: 1 },
  'all states, year range': { status: ['draft', 'validated', 'completed'], year_from: 2020, year_to: 2024 },
  'name and code and province': { organization_search: 'n', organization_code: '0', province: 'a' },
  'substance and activity and year': {
    substance_name: 'R-4',
    activity_field_ids: [2, 4, 6, 8],
    year_from: 2021,
  },
  'percent wildcard': { organization_search: '%' },
  'underscore wildcard': { organization_code: '0_1' },
  quote: { organization_search: "O'Brien" },
  'SQL fragment': { organization_search: "'; DROP TABLE res_partner; --", status: ['completed', 'draft'] },
  'SQL fragment in substance': { substance_name: "x' OR '1'='1" },
  backslash: { organization_search: '\\' },
};

/** Cases whose outcome on the 1000-document dataset is a contract error, and which. */
const EXPECTED_FAILURES: Record<string, string> = {
  'hs_code (contract error)': 'HsCodeFilterError',
  quote: 'NoDocumentsError',
  'SQL fragment': 'NoDocumentsError',
  backslash: 'NoDocumentsError',
};

const databases = new Map<number, TestDatabase>();

beforeAll(async () => {
  for (const size of SIZES) databases.set(size, await createSeededTestDatabase(`eq${size}`, size));
});

afterAll(async () => {
  for (const db of databases.values()) await db.drop();
});

function db(size: number): TestDatabase {
  const found = databases.get(size);
  if (!found) throw new Error(`no database for ${size}`);
  return found;
}

describe.each(SIZES)('v1, v1-orm and v2 on %i seeded documents', (size) => {
  it.each(Object.keys(FILTER_CASES))('are equivalent: %s', async (name) => {
    const filters = parseExportFilters(FILTER_CASES[name]);
    const before = await contentHash(db(size).client);
    const comparison = await compareCollectors(db(size).client, filters);
    // Every registered collector ran, in registry order, and each other one was compared with v1.
    expect(comparison.reference).toBe('v1');
    expect(comparison.collectors.map((c) => c.id)).toEqual(['v1', 'v1-orm', 'v2']);
    expect(comparison.comparisons.map((c) => c.id)).toEqual(['v1-orm', 'v2']);
    for (const against of comparison.comparisons) {
      expect(against.outcomeDifference).toBeUndefined();
      expect(against.rows?.differences ?? []).toEqual([]);
      expect(against.equivalent).toBe(true);
    }
    expect(comparison.equivalent).toBe(true);
    // All three end the same way: the same documents exported, or the same contract error.
    const endings = comparison.collectors.map(({ outcome }) =>
      outcome.kind === 'exported' ? `exported ${outcome.run.documentCount}` : `failed ${outcome.errorName}`,
    );
    expect(new Set(endings).size).toBe(1);
    // Hostile strings are data: the database is exactly as seeded.
    expect(await contentHash(db(size).client)).toBe(before);
    if (size === 1000) {
      // On the largest dataset every case but the contract errors really exports rows.
      const expectedFailure = EXPECTED_FAILURES[name] ?? null;
      for (const { outcome } of comparison.collectors) {
        expect(outcome.kind === 'failed' ? outcome.errorName : null).toBe(expectedFailure);
      }
    }
  });
});

const ALL_STATES = ['draft', 'validated', 'completed'];

describe('round trips', () => {
  it('v2 issues exactly 9 (10 with a substance key) at every size; v1 grows with the documents', async () => {
    const counts: Record<string, { v1: number[]; v2: number[] }> = {};
    for (const [name, raw] of [
      ['none', { status: ALL_STATES }],
      ['substance', { status: ALL_STATES, substance_name: 'HFC' }],
      ['organisation', { status: ALL_STATES, organization_search: '%', province: '%' }],
    ] as const) {
      counts[name] = { v1: [], v2: [] };
      for (const size of SIZES) {
        const filters = parseExportFilters(raw);
        for (const collector of ['v1', 'v2'] as const) {
          const outcome = await runCollector(db(size).client, collector, filters);
          expect(outcome.kind).toBe('exported');
          counts[name][collector].push(outcomeQueryCount(outcome));
        }
      }
    }
    expect(counts.none!.v2).toEqual([9, 9, 9]);
    expect(counts.substance!.v2).toEqual([10, 10, 10]);
    expect(counts.organisation!.v2).toEqual([9, 9, 9]);
    for (const { v1, v2 } of Object.values(counts)) {
      expect(Math.max(...v2)).toBeLessThanOrEqual(12);
      expect(v1[0]!).toBeLessThan(v1[1]!);
      expect(v1[1]!).toBeLessThan(v1[2]!);
    }
  });
});

/** Wraps a database so that one SQL fragment is rewritten: how the tests build the plan's wrong variants. */
function rewriting(q: Queryable, from: string, to: string, seen: { count: number }): Queryable {
  return {
    query(sql, params) {
      if (sql.includes(from)) seen.count += 1;
      return q.query(sql.replace(from, to), params);
    },
  };
}

function variant(from: string, to: string, seen: { count: number }): Collector {
  return (q, filters) => collectV2(rewriting(q, from, to, seen), filters);
}

describe('the equivalence check catches the plan’s errors on seeded data', () => {
  const filters = parseExportFilters({ status: ['draft', 'validated', 'completed'] });

  async function rowsOf(collector: Collector, size: number) {
    return (await runExport(new CountingClient(db(size).client), 'variant', collector, filters)).rows;
  }

  it('a v2 that picks the latest document by MAX(id) is not equivalent', async () => {
    const seen = { count: 0 };
    const maxId = variant(
      'ORDER BY organization_id, year_key, document_type, create_date DESC, id DESC',
      'ORDER BY organization_id, year_key, document_type, id DESC',
      seen,
    );
    const v1 = await runExport(new CountingClient(db(1000).client), 'v1', collectV1, filters);
    const result = compareSheetRows(v1.rows, await rowsOf(maxId, 1000));
    expect(seen.count).toBe(1);
    expect(result.equivalent).toBe(false);
    expect(result.differenceCount).toBeGreaterThan(0);
    const first = result.differences[0]!;
    expect(typeof first.sheet).toBe('string');
    expect(first.row).toBeGreaterThanOrEqual(2);
  });

  it('a v2 that reads the vi_VN translation instead of en_US is not equivalent (issue 14.3)', async () => {
    // The default seeded data is a Vietnamese deployment's: translated names carry vi_VN next to en_US.
    const { rows } = await db(1000).client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM controlled_substance WHERE name ? 'vi_VN' AND name->>'vi_VN' <> name->>'en_US'`,
    );
    expect(rows[0]?.n).toBeGreaterThan(50);
    // As Odoo reads a translated field for a Vietnamese user: vi_VN, falling back to en_US. On data with
    // en_US only (before issue 14) this variant returned the same sheets and went unnoticed.
    const seen = { count: 0 };
    const wrongLanguage = variant(
      `cs.name->>'en_US'`,
      `COALESCE(cs.name->>'vi_VN', cs.name->>'en_US')`,
      seen,
    );
    const v1 = await runExport(new CountingClient(db(1000).client), 'v1', collectV1, filters);
    const result = compareSheetRows(v1.rows, await rowsOf(wrongLanguage, 1000));
    expect(seen.count).toBeGreaterThan(0);
    expect(result.equivalent).toBe(false);
    // The substance name (TenChat) of the data sheets is where the languages differ.
    expect(result.differences.some((d) => d.sheet !== '1_Hoso_DoanhNhiep')).toBe(true);
  });

  it('a v2 that orders by organisation id is not equivalent', async () => {
    const seen = { count: 0 };
    const byOrgId = variant(
      `ORDER BY COALESCE(p.name, '') COLLATE "C",`,
      'ORDER BY d.organization_id NULLS FIRST,',
      seen,
    );
    const v1 = await runExport(new CountingClient(db(1000).client), 'v1', collectV1, filters);
    const result = compareSheetRows(v1.rows, await rowsOf(byOrgId, 1000));
    expect(seen.count).toBe(1);
    expect(result.equivalent).toBe(false);
    expect(result.differences.some((d) => d.sheet === '1_Hoso_DoanhNhiep')).toBe(true);
  });
});
