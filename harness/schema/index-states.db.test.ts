import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeededTestDatabase } from '../../test/helpers/seeded-test-database.ts';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/test-database.ts';
import {
  catalogFingerprint,
  diffCatalogFingerprints,
  type CatalogFingerprint,
} from './catalog-fingerprint.ts';
import {
  INDEX_MIGRATION,
  INDEX_STATES,
  InvalidIndexError,
  PROPOSED_INDEXES,
  SCHEMA_MIGRATION,
  currentIndexState,
  existingProposedIndexes,
  indexMigrationRoundTrip,
  moveToIndexState,
} from './index-states.ts';
import { MIGRATIONS_DIR, appliedMigrations, migrate } from './migrator.ts';

const MIGRATION_FILE = join(MIGRATIONS_DIR, `${INDEX_MIGRATION}.js`);

/** The six indexes as PostgreSQL prints them back, in the list's (build) order. */
const EXPECTED_INDEXES = [
  {
    name: 'idx_document_extraction_create_date',
    table: 'document_extraction',
    definition:
      'CREATE INDEX idx_document_extraction_create_date ON public.document_extraction USING btree (create_date DESC)',
  },
  {
    name: 'idx_document_extraction_group_latest',
    table: 'document_extraction',
    definition:
      'CREATE INDEX idx_document_extraction_group_latest ON public.document_extraction USING btree (organization_id, year, document_type, create_date DESC)',
  },
  {
    name: 'idx_doc_activity_rel_doc_id',
    table: 'document_extraction_activity_field_rel',
    definition:
      'CREATE INDEX idx_doc_activity_rel_doc_id ON public.document_extraction_activity_field_rel USING btree (document_id)',
  },
  {
    name: 'idx_doc_activity_rel_activity_id',
    table: 'document_extraction_activity_field_rel',
    definition:
      'CREATE INDEX idx_doc_activity_rel_activity_id ON public.document_extraction_activity_field_rel USING btree (activity_field_id)',
  },
  {
    name: 'idx_res_partner_business_id',
    table: 'res_partner',
    definition: 'CREATE INDEX idx_res_partner_business_id ON public.res_partner USING btree (business_id)',
  },
  {
    name: 'idx_res_partner_business_id_lower',
    table: 'res_partner',
    definition:
      'CREATE INDEX idx_res_partner_business_id_lower ON public.res_partner USING btree (lower((business_id)::text))',
  },
];

interface MigrationModule {
  LOCK_TIMEOUT: string;
  upStatements: (indexes: readonly { name: string; table: string; columns: string }[]) => string[];
  downStatements: (indexes: readonly { name: string; table: string; columns: string }[]) => string[];
}

/** The migration module itself (a variable specifier: it is plain JS without type declarations). */
async function loadMigration(): Promise<MigrationModule> {
  const url = pathToFileURL(MIGRATION_FILE).href;
  return (await import(url)) as MigrationModule;
}

describe('the proposed-index list and the migration statements (no database)', () => {
  it('lists the six indexes of the plan, on the real many2many relation table', () => {
    expect(PROPOSED_INDEXES.map((i) => [i.name, i.table, i.columns])).toEqual([
      ['idx_document_extraction_create_date', 'document_extraction', 'create_date DESC'],
      [
        'idx_document_extraction_group_latest',
        'document_extraction',
        'organization_id, year, document_type, create_date DESC',
      ],
      ['idx_doc_activity_rel_doc_id', 'document_extraction_activity_field_rel', 'document_id'],
      ['idx_doc_activity_rel_activity_id', 'document_extraction_activity_field_rel', 'activity_field_id'],
      ['idx_res_partner_business_id', 'res_partner', 'business_id'],
      ['idx_res_partner_business_id_lower', 'res_partner', 'LOWER(business_id)'],
    ]);
    expect(INDEX_STATES).toEqual(['schema', 'proposed-indexes']);
  });

  it('runs outside a transaction in both directions', async () => {
    const source = await readFile(MIGRATION_FILE, 'utf8');
    const body = (fn: 'up' | 'down') =>
      /\{([^}]*)\}/.exec(source.slice(source.indexOf(`export function ${fn}(pgm)`)))?.[1];
    expect(body('up')).toContain('pgm.noTransaction();');
    expect(body('down')).toContain('pgm.noTransaction();');
  });

  it('builds each index concurrently, IF NOT EXISTS, under a lock_timeout, then checks it is valid', async () => {
    const { upStatements, LOCK_TIMEOUT } = await loadMigration();
    expect(LOCK_TIMEOUT).toBe('5s');
    const statements = upStatements(PROPOSED_INDEXES);
    // 3 statements per index, then ANALYZE of the 3 tables, then RESET.
    expect(statements).toHaveLength(6 * 3 + 3 + 1);
    for (const [i, index] of PROPOSED_INDEXES.entries()) {
      expect(statements[3 * i]).toBe(`SET lock_timeout = '5s'`);
      expect(statements[3 * i + 1]).toBe(
        `CREATE INDEX CONCURRENTLY IF NOT EXISTS "${index.name}" ON "${index.table}" (${index.columns})`,
      );
      expect(statements[3 * i + 2]).toMatch(/^DO \$check\$/);
      expect(statements[3 * i + 2]).toContain(`to_regclass('"${index.name}"')`);
      expect(statements[3 * i + 2]).toContain(`DROP INDEX CONCURRENTLY IF EXISTS "${index.name}"`);
    }
    expect(statements.slice(-4)).toEqual([
      'ANALYZE "document_extraction"',
      'ANALYZE "document_extraction_activity_field_rel"',
      'ANALYZE "res_partner"',
      'RESET lock_timeout',
    ]);
    expect(statements.join('\n')).not.toContain('activity_field_ids_rel');
  });

  it('drops each index concurrently, IF EXISTS, in reverse order', async () => {
    const { downStatements } = await loadMigration();
    const drops = [...PROPOSED_INDEXES]
      .reverse()
      .flatMap((i) => [`SET lock_timeout = '5s'`, `DROP INDEX CONCURRENTLY IF EXISTS "${i.name}"`]);
    expect(downStatements(PROPOSED_INDEXES)).toEqual([...drops, 'RESET lock_timeout']);
  });

  it('refuses a name that is not a plain identifier instead of quoting it', async () => {
    const { upStatements } = await loadMigration();
    expect(() =>
      upStatements([{ name: "x'; DROP TABLE res_partner; --", table: 'res_partner', columns: 'name' }]),
    ).toThrow(
      /index name "x'; DROP TABLE res_partner; --" in scenarios\/proposed-indexes\.json must be a lower-case identifier/,
    );
  });
});

describe('moving between index states on a seeded database', () => {
  let db: TestDatabase;
  let schemaFingerprint: CatalogFingerprint;

  beforeAll(async () => {
    db = await createSeededTestDatabase('index_states', 50);
    schemaFingerprint = await catalogFingerprint(db.client);
  });

  afterAll(async () => {
    await db?.drop();
  });

  const lockTimeout = async (): Promise<string> =>
    (await db.client.query<{ lock_timeout: string }>('SHOW lock_timeout')).rows[0]?.lock_timeout ?? '?';

  it('starts in "schema", with the schema migration only', async () => {
    expect(await appliedMigrations(db.client)).toEqual([SCHEMA_MIGRATION]);
    expect(await currentIndexState(db.client)).toBe('schema');
    expect(await existingProposedIndexes(db.client)).toEqual([]);
  });

  it('round trip: down restores exactly the catalog before up', async () => {
    const record = await indexMigrationRoundTrip(db.client);
    expect(record.roundTripIdentical).toBe(true);
    expect(record.differences).toEqual([]);
    expect(record.invalidIndexes).toEqual([]);
    expect(record.indexes.map(({ name, table, definition }) => ({ name, table, definition }))).toEqual(
      EXPECTED_INDEXES,
    );
    // 50 documents fit in one leaf page: a btree's metapage plus one leaf.
    expect(record.indexes.map((i) => i.sizeBytes)).toEqual(EXPECTED_INDEXES.map(() => 16_384));
    expect(record.upMs).toBeGreaterThan(0);
    expect(record.downMs).toBeGreaterThan(0);
    expect(await currentIndexState(db.client)).toBe('schema');
    expect(diffCatalogFingerprints(schemaFingerprint, await catalogFingerprint(db.client))).toEqual([]);
  });

  it('up adds exactly the six indexes, valid; up again is a no-op; down removes exactly them', async () => {
    const up = await moveToIndexState(db.client, 'proposed-indexes');
    expect(up).toMatchObject({ from: 'schema', to: 'proposed-indexes', migrations: [INDEX_MIGRATION] });
    expect(up.invalidIndexes).toEqual([]);
    expect(await appliedMigrations(db.client)).toEqual([SCHEMA_MIGRATION, INDEX_MIGRATION]);
    expect(await lockTimeout()).toBe('0');

    const withIndexes = await catalogFingerprint(db.client);
    const added = diffCatalogFingerprints(schemaFingerprint, withIndexes);
    expect(added.map((d) => [d.change, d.kind, d.name])).toEqual(
      [...EXPECTED_INDEXES].map((i) => ['added', 'index', i.name]).sort((a, b) => (a[2]! < b[2]! ? -1 : 1)),
    );
    expect(withIndexes.indexes.filter((i) => PROPOSED_INDEXES.some((p) => p.name === i.name))).toEqual(
      expect.arrayContaining(EXPECTED_INDEXES.map((i) => ({ ...i, valid: true, ready: true }))),
    );

    const again = await moveToIndexState(db.client, 'proposed-indexes');
    expect(again).toMatchObject({ from: 'proposed-indexes', to: 'proposed-indexes', migrations: [] });
    expect(diffCatalogFingerprints(withIndexes, await catalogFingerprint(db.client))).toEqual([]);

    const down = await moveToIndexState(db.client, 'schema');
    expect(down).toMatchObject({ from: 'proposed-indexes', to: 'schema', migrations: [INDEX_MIGRATION] });
    expect(await appliedMigrations(db.client)).toEqual([SCHEMA_MIGRATION]);
    expect(diffCatalogFingerprints(schemaFingerprint, await catalogFingerprint(db.client))).toEqual([]);
    expect(await moveToIndexState(db.client, 'schema')).toMatchObject({
      from: 'schema',
      to: 'schema',
      migrations: [],
    });
    expect(await appliedMigrations(db.client)).toEqual([SCHEMA_MIGRATION]);
  });

  it('reports an INVALID index left by a failed concurrent build, by name, and recovers once it is dropped', async () => {
    // A UNIQUE build on a column full of duplicates fails after its catalog entry exists: INVALID.
    await expect(
      db.client.query(
        'CREATE UNIQUE INDEX CONCURRENTLY idx_document_extraction_group_latest ON document_extraction (document_type)',
      ),
    ).rejects.toMatchObject({ code: '23505' });

    const failure = await moveToIndexState(db.client, 'proposed-indexes').then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(InvalidIndexError);
    const invalid = failure as InvalidIndexError;
    expect(invalid.invalidIndexes).toEqual(['idx_document_extraction_group_latest']);
    expect(invalid.message).toContain(
      'INVALID index idx_document_extraction_group_latest (a failed or interrupted concurrent build)',
    );
    expect(invalid.message).toContain(
      'DROP INDEX CONCURRENTLY IF EXISTS "idx_document_extraction_group_latest";',
    );
    // The migration's own check is what stopped it (IF NOT EXISTS skipped the name).
    expect(String((invalid.cause as Error).message)).toContain(
      'index idx_document_extraction_group_latest on "document_extraction" is INVALID',
    );
    // Not recorded as applied; the index built before the failure stays; the session is left as it was.
    expect(await appliedMigrations(db.client)).toEqual([SCHEMA_MIGRATION]);
    expect((await existingProposedIndexes(db.client)).map((i) => [i.name, i.valid])).toEqual([
      ['idx_document_extraction_create_date', true],
      ['idx_document_extraction_group_latest', false],
    ]);
    expect(await lockTimeout()).toBe('0');

    // "schema" with proposed indexes in it is refused, naming them.
    await expect(moveToIndexState(db.client, 'schema')).rejects.toThrow(
      'Index state "schema" still has proposed indexes: idx_document_extraction_create_date, idx_document_extraction_group_latest (INVALID)',
    );

    // The fix the error gives: drop the INVALID index and move again.
    await db.client.query('DROP INDEX CONCURRENTLY IF EXISTS "idx_document_extraction_group_latest"');
    const up = await moveToIndexState(db.client, 'proposed-indexes');
    expect(up.invalidIndexes).toEqual([]);
    expect(
      (await existingProposedIndexes(db.client)).map(({ name, table, definition }) => ({
        name,
        table,
        definition,
      })),
    ).toEqual(EXPECTED_INDEXES);
    await moveToIndexState(db.client, 'schema');
    expect(diffCatalogFingerprints(schemaFingerprint, await catalogFingerprint(db.client))).toEqual([]);
  });

  it('the round trip records INVALID indexes in its result instead of throwing', async () => {
    // An INVALID index the migration does not own: its builds succeed, the check after the move fails.
    await expect(
      db.client.query('CREATE UNIQUE INDEX CONCURRENTLY hfcb_test_invalid_idx ON res_partner (is_company)'),
    ).rejects.toMatchObject({ code: '23505' });
    const record = await indexMigrationRoundTrip(db.client);
    expect(record.invalidIndexes).toEqual(['hfcb_test_invalid_idx']);
    expect(record.roundTripIdentical).toBe(false);
    expect(record.downMs).toBe(0);
    expect(record.indexes.map(({ name, table, definition }) => ({ name, table, definition }))).toEqual(
      EXPECTED_INDEXES,
    );
    expect(record.differences).toHaveLength(6);
    expect(record.differences.every((d) => d.startsWith('added index idx_'))).toBe(true);
    // Left as it is, for a person to look at: the migration did apply.
    expect(await currentIndexState(db.client)).toBe('proposed-indexes');

    await db.client.query('DROP INDEX CONCURRENTLY hfcb_test_invalid_idx');
    await moveToIndexState(db.client, 'schema');
    expect(diffCatalogFingerprints(schemaFingerprint, await catalogFingerprint(db.client))).toEqual([]);
  });

  it('refuses a same-named index on another table', async () => {
    await db.client.query('CREATE INDEX idx_res_partner_business_id ON document_extraction (business_id)');
    await expect(moveToIndexState(db.client, 'proposed-indexes')).rejects.toThrow(
      'index idx_res_partner_business_id already exists on table document_extraction, not on res_partner',
    );
    expect(await appliedMigrations(db.client)).toEqual([SCHEMA_MIGRATION]);
    // Clean up what the failed move built before it reached that name.
    for (const index of PROPOSED_INDEXES) await db.client.query(`DROP INDEX IF EXISTS "${index.name}"`);
    expect(diffCatalogFingerprints(schemaFingerprint, await catalogFingerprint(db.client))).toEqual([]);
  });
});

describe('index states on a database that is not in one', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase('index_states_bare');
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('refuses a database without the HFC schema, and never applies it', async () => {
    await expect(moveToIndexState(db.client, 'schema')).rejects.toThrow(
      /^The database is not migrated to the HFC schema \(applied migrations: none\)/,
    );
    expect(await appliedMigrations(db.client)).toEqual([]);
  });

  it('refuses an unknown target state', async () => {
    await migrate({ dbClient: db.client, direction: 'up', count: 1 });
    // @ts-expect-error: a state the harness does not know
    await expect(moveToIndexState(db.client, 'all-indexes')).rejects.toThrow(
      /unknown index state "all-indexes"/,
    );
    expect(await currentIndexState(db.client)).toBe('schema');
  });
});
