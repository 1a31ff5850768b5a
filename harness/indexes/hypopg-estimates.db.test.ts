import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createSeededTestDatabase } from '../../test/helpers/seeded-test-database.ts';
import type { TestDatabase } from '../../test/helpers/test-database.ts';
import { catalogFingerprint } from '../schema/catalog-fingerprint.ts';
import { connect } from '../database/database-server.ts';
import { estimateWithHypotheticalIndex, hypopgStatus, type EstimateQuery } from './hypopg-estimates.ts';
import { PROPOSED_INDEXES } from '../schema/index-states.ts';

/**
 * Decided when the file is collected, so that the HypoPG tests are skipped (not failed) on a server
 * without it, such as the embedded PostgreSQL 18: read-only, from the admin database's catalog.
 */
async function serverHasHypopg(): Promise<boolean> {
  const client = await connect(inject('serverUrl'));
  try {
    const { rows } = await client.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'hypopg'`);
    return rows.length === 1;
  } finally {
    await client.end();
  }
}

const hasHypopg = await serverHasHypopg();
const serverMajor = Number.parseInt(inject('serverVersion'), 10);
if (!hasHypopg) {
  process.stderr.write(
    `hypopg-estimates.db.test.ts: PostgreSQL ${inject('serverVersion')} (${inject('serverKind')}) has no HypoPG: ` +
      `the estimate tests are skipped; on Debian, apt-get install postgresql-${serverMajor}-hypopg enables them\n`,
  );
}

const createDateIndex = PROPOSED_INDEXES.find((i) => i.name === 'idx_document_extraction_create_date')!;
const businessIdLowerIndex = PROPOSED_INDEXES.find((i) => i.name === 'idx_res_partner_business_id_lower')!;

/** The plan's "latest document" lookup: served by an index on create_date, by nothing in the schema. */
const LATEST_DOCUMENT: EstimateQuery = {
  id: 'latest-document',
  sql: 'SELECT id, create_date FROM document_extraction WHERE create_date <= $1 ORDER BY create_date DESC LIMIT 1',
  params: ['2100-01-01'],
};

const BY_YEAR: EstimateQuery = {
  id: 'by-year',
  sql: 'SELECT count(*) FROM document_extraction WHERE year = $1',
  params: [2023],
};

describe('HypoPG estimates', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createSeededTestDatabase('hypopg', 300);
  });

  afterAll(async () => {
    await db?.drop();
  });

  const realIndexes = async (): Promise<string[]> =>
    (
      await db.client.query<{ name: string }>(
        `SELECT indexname AS name FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname`,
      )
    ).rows.map((r) => r.name);

  const hypotheticalIndexCount = async (): Promise<number> =>
    Number((await db.client.query<{ n: string }>('SELECT count(*)::text AS n FROM hypopg()')).rows[0]?.n);

  it('hypopgStatus says whether HypoPG is available here, and why', async () => {
    const status = await hypopgStatus(db.client);
    expect(status.available).toBe(hasHypopg);
    if (hasHypopg) {
      expect(status.reason).toMatch(
        new RegExp(`^HypoPG \\d+\\.\\d+(\\.\\d+)? is installed on this PostgreSQL ${serverMajor} server$`),
      );
    } else {
      expect(status.reason).toMatch(
        new RegExp(`^HypoPG is not installed on this PostgreSQL ${serverMajor} server `),
      );
      expect(status.reason).toContain(`Install the package postgresql-${serverMajor}-hypopg`);
      const { rows } = await db.client.query(`SELECT 1 FROM pg_extension WHERE extname = 'hypopg'`);
      expect(rows).toEqual([]);
    }
  });

  it.skipIf(hasHypopg)('without HypoPG, estimating fails and points to hypopgStatus', async () => {
    await expect(
      estimateWithHypotheticalIndex(
        db.client,
        { name: 'idx_x', table: 'document_extraction', definitionSql: 'create_date' },
        [LATEST_DOCUMENT],
      ),
    ).rejects.toThrow(
      /^HypoPG is not available in this database \(.*\); check hypopgStatus\(\) before estimating index idx_x\.$/,
    );
  });

  it.runIf(hasHypopg)(
    'a hypothetical index on the filtered and ordered column is used and lowers the cost, building nothing',
    async () => {
      expect((await hypopgStatus(db.client)).available).toBe(true);
      const catalogBefore = await catalogFingerprint(db.client);
      const indexesBefore = await realIndexes();
      expect(indexesBefore).not.toContain(createDateIndex.name);

      const [latest, byYear] = await estimateWithHypotheticalIndex(
        db.client,
        {
          name: createDateIndex.name,
          table: createDateIndex.table,
          definitionSql: `CREATE INDEX CONCURRENTLY IF NOT EXISTS ${createDateIndex.name} ON ${createDateIndex.table} (${createDateIndex.columns})`,
        },
        [LATEST_DOCUMENT, BY_YEAR],
      );

      expect(latest!.queryId).toBe('latest-document');
      expect(latest!.usesIndex).toBe(true);
      expect(latest!.costWith).toBeLessThan(latest!.costWithout);
      expect(latest!.planWithout.some((line) => /^\s*Seq Scan on document_extraction /.test(line))).toBe(
        true,
      );
      expect(
        latest!.planWith.some((line) =>
          /Index Scan using <\d+>btree_document_extraction_create_date on document_extraction /.test(line),
        ),
      ).toBe(true);
      expect(latest!.planWith[0]).toMatch(/^Limit \(cost=\d+\.\d\d\.\.\d+\.\d\d rows=1\)$/);

      // The year filter has its own index already; the create_date index changes nothing for it.
      expect(byYear!.queryId).toBe('by-year');
      expect(byYear!.usesIndex).toBe(false);
      expect(byYear!.costWith).toBe(byYear!.costWithout);
      expect(byYear!.planWith).toEqual(byYear!.planWithout);

      expect(await hypotheticalIndexCount()).toBe(0);
      expect(await realIndexes()).toEqual(indexesBefore);
      expect(await catalogFingerprint(db.client)).toEqual(catalogBefore);
    },
  );

  it.runIf(hasHypopg)('builds the statement from a column list, and with enable_seqscan off', async () => {
    await db.client.query('SET enable_seqscan = off');
    try {
      const [estimate] = await estimateWithHypotheticalIndex(
        db.client,
        {
          name: businessIdLowerIndex.name,
          table: businessIdLowerIndex.table,
          definitionSql: businessIdLowerIndex.columns,
        },
        [
          {
            id: 'lower-code',
            sql: 'SELECT id FROM res_partner WHERE lower(business_id) = $1',
            params: ['x0001'],
          },
        ],
      );
      expect(estimate!.usesIndex).toBe(true);
      expect(estimate!.costWith).toBeLessThan(estimate!.costWithout);
      expect(estimate!.planWith.join('\n')).toMatch(/using <\d+>btree_res_partner\w* on res_partner/);
    } finally {
      await db.client.query('RESET enable_seqscan');
    }
    expect(await hypotheticalIndexCount()).toBe(0);
  });

  it.runIf(hasHypopg)('removes the hypothetical index when a query fails, naming the query', async () => {
    await expect(
      estimateWithHypotheticalIndex(
        db.client,
        { name: createDateIndex.name, table: createDateIndex.table, definitionSql: createDateIndex.columns },
        [
          LATEST_DOCUMENT,
          { id: 'broken', sql: 'SELECT no_such_column FROM document_extraction', params: [] },
        ],
      ),
    ).rejects.toThrow(
      /^EXPLAIN of query broken failed while estimating index idx_document_extraction_create_date: column "no_such_column" does not exist$/,
    );
    expect(await hypotheticalIndexCount()).toBe(0);
    expect(await realIndexes()).not.toContain(createDateIndex.name);
  });

  it('refuses a statement that is not a SELECT before planning anything', async () => {
    await expect(
      estimateWithHypotheticalIndex(
        db.client,
        { name: createDateIndex.name, table: createDateIndex.table, definitionSql: createDateIndex.columns },
        [{ id: 'write', sql: 'DELETE FROM document_extraction', params: [] }],
      ),
    ).rejects.toThrow(/refuses a DELETE statement/);
  });
});
