import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/test-database.ts';
import {
  catalogFingerprint,
  diffCatalogFingerprints,
  invalidIndexes,
  isEmptyCatalog,
  type CatalogFingerprint,
} from './catalog-fingerprint.ts';
import { MIGRATIONS_DIR, appliedMigrations, migrate } from './migrator.ts';

const SCHEMA_MIGRATION = '1700000000000_hfc-schema';

/** The 25 tables of the HFC schema (22 model tables, 3 many2many relation tables). */
const HFC_TABLES = [
  'activity_field',
  'collection_location',
  'collection_recycling',
  'collection_recycling_report',
  'controlled_substance',
  'controlled_substance_sub_hs_code_rel',
  'document_extraction',
  'document_extraction_activity_field_rel',
  'equipment_ownership',
  'equipment_ownership_report',
  'equipment_product',
  'equipment_product_report',
  'equipment_type',
  'facility_technology_rel',
  'google_drive_extraction_log',
  'hs_code',
  'ir_attachment',
  'quota_usage',
  'recycling_facility',
  'recycling_technology',
  'res_country',
  'res_country_state',
  'res_partner',
  'substance_group',
  'substance_usage',
];
const RELATION_TABLES = [
  'controlled_substance_sub_hs_code_rel',
  'document_extraction_activity_field_rel',
  'facility_technology_rel',
];

describe('migrate + catalogFingerprint on real PostgreSQL', () => {
  let db: TestDatabase;
  let firstUp: CatalogFingerprint;

  beforeAll(async () => {
    db = await createTestDatabase('migrator');
    // Loading the migration file happens inside node-pg-migrate (jiti), from this vitest worker.
    // count 1: the schema alone (the proposed-index migration after it has its own tests).
    const runs = await migrate({ dbClient: db.client, direction: 'up', count: 1 });
    expect(runs.map((r) => r.name)).toEqual([SCHEMA_MIGRATION]);
    expect(runs[0]?.path).toBe(join(MIGRATIONS_DIR, `${SCHEMA_MIGRATION}.js`));
    firstUp = await catalogFingerprint(db.client);
  });

  afterAll(async () => {
    await db?.drop();
  });

  const column = (table: string, name: string) =>
    firstUp.columns.find((c) => c.table === table && c.name === name);
  const constraint = (table: string, name: string) =>
    firstUp.constraints.find((c) => c.table === table && c.name === name);
  const index = (name: string) => firstUp.indexes.find((i) => i.name === name);

  it('creates exactly the HFC tables, and leaves the bookkeeping table out of the fingerprint', async () => {
    expect(firstUp.tables.map((t) => t.name)).toEqual(HFC_TABLES);
    expect(await appliedMigrations(db.client)).toEqual([SCHEMA_MIGRATION]);
    expect(firstUp.sequences.map((s) => s.name)).not.toContain('pgmigrations_id_seq');
    expect(firstUp.indexes.map((i) => i.name)).not.toContain('pgmigrations_pkey');
  });

  it('gives every model table the magic columns, create_date NOT NULL, and a serial id', () => {
    const modelTables = HFC_TABLES.filter((t) => !RELATION_TABLES.includes(t));
    for (const table of modelTables) {
      expect(column(table, 'id')).toEqual({
        table,
        name: 'id',
        type: 'integer',
        notNull: true,
        default: `nextval('${table}_id_seq'::regclass)`,
      });
      expect(column(table, 'create_date')).toMatchObject({
        type: 'timestamp without time zone',
        notNull: true,
      });
      expect(column(table, 'write_date')).toMatchObject({
        type: 'timestamp without time zone',
        notNull: false,
      });
      expect(column(table, 'create_uid')).toMatchObject({ type: 'integer', notNull: false });
      expect(column(table, 'write_uid')).toMatchObject({ type: 'integer', notNull: false });
      expect(constraint(table, `${table}_pkey`)).toEqual({
        table,
        name: `${table}_pkey`,
        type: 'primary key',
        definition: 'PRIMARY KEY (id)',
      });
    }
    expect(firstUp.sequences).toContainEqual({
      name: 'document_extraction_id_seq',
      dataType: 'integer',
      start: '1',
      increment: '1',
      ownedBy: 'document_extraction.id',
    });
    expect(firstUp.sequences).toHaveLength(modelTables.length);
  });

  it('has the exact column types of spec section 0', () => {
    expect(column('hs_code', 'code')).toMatchObject({ type: 'character varying(12)', notNull: true });
    expect(column('controlled_substance', 'name')).toMatchObject({ type: 'jsonb', notNull: true });
    expect(column('controlled_substance', 'gwp')).toMatchObject({ type: 'double precision' });
    expect(column('quota_usage', 'total_quota_kg')).toMatchObject({ type: 'numeric', notNull: false });
    expect(column('document_extraction', 'year')).toMatchObject({ type: 'integer', notNull: false });
    expect(column('document_extraction', 'document_type')).toMatchObject({
      type: 'character varying',
      notNull: true,
    });
    expect(column('substance_usage', 'document_id')).toMatchObject({ type: 'integer', notNull: true });
    expect(column('collection_recycling_report', 'sequence')).toBeUndefined();
    expect(column('equipment_ownership', 'notes')).toBeUndefined();
    expect(column('equipment_ownership_report', 'notes')).toMatchObject({ type: 'text' });
    // Only the model tables get column defaults (their serial id); Odoo sets no other DB default.
    expect(firstUp.columns.filter((c) => c.default !== null && c.name !== 'id')).toEqual([]);
  });

  it('names indexes and unique constraints the Odoo way', () => {
    expect(index('document_extraction__organization_id_index')?.definition).toBe(
      'CREATE INDEX document_extraction__organization_id_index ON public.document_extraction USING btree (organization_id)',
    );
    expect(index('res_partner__business_id_index')?.definition).toBe(
      'CREATE INDEX res_partner__business_id_index ON public.res_partner USING btree (business_id)',
    );
    expect(constraint('res_partner', 'res_partner_business_id_unique')).toEqual({
      table: 'res_partner',
      name: 'res_partner_business_id_unique',
      type: 'unique',
      definition: 'UNIQUE (business_id)',
    });
    expect(constraint('activity_field', 'activity_field_code_unique')?.definition).toBe('UNIQUE (code)');
    expect(index('quota_usage__total_quota_kg_index')).toBeDefined();
    expect(index('substance_usage__document_id_index')).toBeDefined();
    expect(firstUp.indexes.every((i) => i.valid && i.ready)).toBe(true);
  });

  it('gives the many2many tables Odoo primary key, reverse index and cascading foreign keys', () => {
    const table = 'document_extraction_activity_field_rel';
    expect(firstUp.columns.filter((c) => c.table === table)).toEqual([
      { table, name: 'activity_field_id', type: 'integer', notNull: true, default: null },
      { table, name: 'document_id', type: 'integer', notNull: true, default: null },
    ]);
    expect(firstUp.indexes.filter((i) => i.table === table).map((i) => i.definition)).toEqual([
      // PostgreSQL's own name for Odoo's unnamed index, truncated to 63 bytes.
      'CREATE INDEX document_extraction_activity__activity_field_id_document_id_idx ON public.document_extraction_activity_field_rel USING btree (activity_field_id, document_id)',
      'CREATE UNIQUE INDEX document_extraction_activity_field_rel_pkey ON public.document_extraction_activity_field_rel USING btree (document_id, activity_field_id)',
    ]);
    expect(firstUp.constraints.filter((c) => c.table === table)).toEqual([
      {
        table,
        name: 'document_extraction_activity_field_rel_activity_field_id_fkey',
        type: 'foreign key',
        definition: 'FOREIGN KEY (activity_field_id) REFERENCES activity_field(id) ON DELETE CASCADE',
      },
      {
        table,
        name: 'document_extraction_activity_field_rel_document_id_fkey',
        type: 'foreign key',
        definition: 'FOREIGN KEY (document_id) REFERENCES document_extraction(id) ON DELETE CASCADE',
      },
      {
        table,
        name: 'document_extraction_activity_field_rel_pkey',
        type: 'primary key',
        definition: 'PRIMARY KEY (document_id, activity_field_id)',
      },
    ]);
    expect(index('facility_technology_rel_technology_id_facility_id_idx')).toBeDefined();
  });

  it('declares each foreign key with the ON DELETE the spec gives', () => {
    const fk = (table: string, col: string) => constraint(table, `${table}_${col}_fkey`)?.definition;
    expect(fk('document_extraction', 'organization_id')).toBe(
      'FOREIGN KEY (organization_id) REFERENCES res_partner(id) ON DELETE RESTRICT',
    );
    expect(fk('document_extraction', 'contact_state_id')).toBe(
      'FOREIGN KEY (contact_state_id) REFERENCES res_country_state(id) ON DELETE SET NULL',
    );
    expect(fk('document_extraction', 'pdf_attachment_id')).toBe(
      'FOREIGN KEY (pdf_attachment_id) REFERENCES ir_attachment(id) ON DELETE CASCADE',
    );
    expect(fk('controlled_substance', 'hs_code_id')).toBe(
      'FOREIGN KEY (hs_code_id) REFERENCES hs_code(id) ON DELETE RESTRICT',
    );
    expect(fk('quota_usage', 'substance_id')).toBe(
      'FOREIGN KEY (substance_id) REFERENCES controlled_substance(id) ON DELETE CASCADE',
    );
    expect(fk('substance_usage', 'substance_id')).toBe(
      'FOREIGN KEY (substance_id) REFERENCES controlled_substance(id) ON DELETE RESTRICT',
    );
    expect(fk('equipment_product', 'document_id')).toBe(
      'FOREIGN KEY (document_id) REFERENCES document_extraction(id) ON DELETE CASCADE',
    );
  });

  it("has quota_usage's and substance_usage's CHECK constraints", () => {
    const checks = (table: string) =>
      firstUp.constraints
        .filter((c) => c.table === table && c.type === 'check')
        .map((c) => [c.name, c.definition]);
    expect(checks('quota_usage')).toEqual([
      ['quota_usage_adjusted_quota_kg_check', 'CHECK (((adjusted_quota_kg IS NULL) OR true))'],
      [
        'quota_usage_allocated_quota_co2_positive',
        'CHECK (((allocated_quota_co2 IS NULL) OR (allocated_quota_co2 >= (0)::numeric)))',
      ],
      [
        'quota_usage_allocated_quota_kg_positive',
        'CHECK (((allocated_quota_kg IS NULL) OR (allocated_quota_kg >= (0)::numeric)))',
      ],
      [
        'quota_usage_total_quota_co2_positive',
        'CHECK (((total_quota_co2 IS NULL) OR (total_quota_co2 >= (0)::numeric)))',
      ],
      [
        'quota_usage_total_quota_kg_positive',
        'CHECK (((total_quota_kg IS NULL) OR (total_quota_kg >= (0)::numeric)))',
      ],
    ]);
    expect(checks('substance_usage').map(([name]) => name)).toEqual([
      'substance_usage_avg_quantity_co2_positive',
      'substance_usage_avg_quantity_kg_positive',
      'substance_usage_year_1_quantity_co2_positive',
      'substance_usage_year_1_quantity_kg_positive',
      'substance_usage_year_2_quantity_co2_positive',
      'substance_usage_year_2_quantity_kg_positive',
      'substance_usage_year_3_quantity_co2_positive',
      'substance_usage_year_3_quantity_kg_positive',
    ]);
  });

  it('enforces the constraints on data (a negative total quota is refused, a negative adjustment is not)', async () => {
    const client = db.client;
    await client.query('BEGIN');
    try {
      await client.query(
        `INSERT INTO document_extraction (id, create_date, document_type, state, source) VALUES (1, now(), '02', 'draft', 'from_user_upload')`,
      );
      await client.query(
        `INSERT INTO quota_usage (create_date, document_id, adjusted_quota_kg) VALUES (now(), 1, -5)`,
      );
      await client.query('SAVEPOINT negative_total');
      await expect(
        client.query(
          `INSERT INTO quota_usage (create_date, document_id, total_quota_kg) VALUES (now(), 1, -1)`,
        ),
      ).rejects.toMatchObject({ code: '23514', constraint: 'quota_usage_total_quota_kg_positive' });
      await client.query('ROLLBACK TO SAVEPOINT negative_total');
      await expect(client.query(`INSERT INTO quota_usage (document_id) VALUES (1)`)).rejects.toMatchObject({
        code: '23502',
        column: 'create_date',
      });
    } finally {
      await client.query('ROLLBACK');
    }
  });

  it('down removes every object of the schema; up again gives the identical fingerprint', async () => {
    const down = await migrate({ dbClient: db.client, direction: 'down' });
    expect(down).toEqual([
      { name: SCHEMA_MIGRATION, path: join(MIGRATIONS_DIR, `${SCHEMA_MIGRATION}.js`), direction: 'down' },
    ]);
    const afterDown = await catalogFingerprint(db.client);
    expect(afterDown).toEqual({
      schema: 'public',
      tables: [],
      columns: [],
      indexes: [],
      constraints: [],
      sequences: [],
    });
    expect(isEmptyCatalog(afterDown)).toBe(true);
    expect(await appliedMigrations(db.client)).toEqual([]);

    expect(await migrate({ dbClient: db.client, direction: 'down' })).toEqual([]);

    const up = await migrate({ dbClient: db.client, direction: 'up', count: 1 });
    expect(up.map((r) => r.name)).toEqual([SCHEMA_MIGRATION]);
    const secondUp = await catalogFingerprint(db.client);
    expect(diffCatalogFingerprints(firstUp, secondUp)).toEqual([]);
    expect(secondUp).toEqual(firstUp);
    expect(await invalidIndexes(db.client)).toEqual([]);

    // The next migration up is the index proposal, never the schema again.
    expect(await appliedMigrations(db.client)).toEqual([SCHEMA_MIGRATION]);
  });

  it('migrates through a URL too, and the fingerprint is JSON-stable', async () => {
    const runs = await migrate({ databaseUrl: db.url, direction: 'up' });
    expect(runs.map((r) => r.name)).toEqual(['1700000000001_proposed-indexes']);
    await migrate({ databaseUrl: db.url, direction: 'down', count: 1 });
    const again = await catalogFingerprint(db.client);
    expect(JSON.stringify(again)).toBe(JSON.stringify(firstUp));
  });
});

describe('migrate errors', () => {
  let db: TestDatabase;
  let dir: string;

  beforeAll(async () => {
    db = await createTestDatabase('migrator_errors');
    dir = await mkdtemp(join(tmpdir(), 'hfcb-migrations-'));
    await writeFile(
      join(dir, '1000_good.js'),
      `export const up = (pgm) => { pgm.sql('CREATE TABLE good_table (id int)'); };\nexport const down = (pgm) => { pgm.sql('DROP TABLE good_table'); };\n`,
    );
    await writeFile(
      join(dir, '2000_broken.js'),
      `export const up = (pgm) => { pgm.sql('ALTER TABLE missing_table ADD COLUMN x int'); };\nexport const down = () => {};\n`,
    );
    await writeFile(join(dir, '2000_broken.test.ts'), 'this file must be ignored\n');
  });

  afterAll(async () => {
    await db?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('names the failing migration, keeps the PostgreSQL error as cause, and keeps the migrations before it', async () => {
    const messages: string[] = [];
    const failure = await migrate({
      dbClient: db.client,
      direction: 'up',
      dir,
      log: (m) => messages.push(m),
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    const error = failure as Error;
    expect(error.message).toMatch(/^Migration 2000_broken \(up\) failed on the given client: /);
    expect(error.message).toContain('relation "missing_table" does not exist');
    expect(error.cause).toMatchObject({ code: '42P01' });
    expect(messages).toContain('### MIGRATION 2000_broken (UP) ###');
    // The caller's client is usable again and holds no migration lock.
    expect(await appliedMigrations(db.client)).toEqual(['1000_good']);
    const { rows } = await db.client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()`,
    );
    expect(rows[0]?.n).toBe(0);
  });

  it('is silent without a log function', async () => {
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
      vi.spyOn(console, method).mockImplementation(() => undefined),
    );
    try {
      expect(await migrate({ dbClient: db.client, direction: 'down', dir })).toEqual([
        { name: '1000_good', path: join(dir, '1000_good.js'), direction: 'down' },
      ]);
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(await appliedMigrations(db.client)).toEqual([]);
  });

  it('rejects a bad count and a missing target before touching the database', async () => {
    await expect(migrate({ dbClient: db.client, direction: 'up', count: 0 })).rejects.toThrow(
      'migrate: count must be a positive integer or Infinity, got 0',
    );
    await expect(migrate({ direction: 'up' })).rejects.toThrow(
      'migrate: pass exactly one of databaseUrl or dbClient',
    );
  });

  it('never shows the password of an unreachable database', async () => {
    const error = (await migrate({
      databaseUrl: 'postgres://someone:s3cret-pw@127.0.0.1:1/nowhere',
      direction: 'up',
    }).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(Error);
    expect(error.message).not.toContain('s3cret-pw');
    expect(error.message).toContain('127.0.0.1:1');
  });
});
