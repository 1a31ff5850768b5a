import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/test-database.ts';
import {
  catalogFingerprint,
  diffCatalogFingerprints,
  invalidIndexes,
  isEmptyCatalog,
  type CatalogFingerprint,
} from './catalog-fingerprint.ts';

function fingerprint(overrides: Partial<CatalogFingerprint> = {}): CatalogFingerprint {
  return {
    schema: 'public',
    tables: [{ name: 'hs_code' }],
    columns: [
      { table: 'hs_code', name: 'code', type: 'character varying(12)', notNull: true, default: null },
      {
        table: 'hs_code',
        name: 'id',
        type: 'integer',
        notNull: true,
        default: "nextval('hs_code_id_seq'::regclass)",
      },
    ],
    indexes: [
      {
        name: 'hs_code__code_index',
        table: 'hs_code',
        definition: 'CREATE INDEX hs_code__code_index ON public.hs_code USING btree (code)',
        valid: true,
        ready: true,
      },
    ],
    constraints: [
      { name: 'hs_code_pkey', table: 'hs_code', type: 'primary key', definition: 'PRIMARY KEY (id)' },
    ],
    sequences: [
      { name: 'hs_code_id_seq', dataType: 'integer', start: '1', increment: '1', ownedBy: 'hs_code.id' },
    ],
    ...overrides,
  };
}

describe('diffCatalogFingerprints', () => {
  it('finds nothing between equal fingerprints, whatever their schema name', () => {
    expect(diffCatalogFingerprints(fingerprint(), fingerprint())).toEqual([]);
    expect(diffCatalogFingerprints(fingerprint(), fingerprint({ schema: 'other' }))).toEqual([]);
  });

  it('reports an added and a removed object with its kind and name', () => {
    const before = fingerprint();
    const after = fingerprint({
      indexes: [
        {
          name: 'hs_code_lower_code_idx',
          table: 'hs_code',
          definition:
            'CREATE INDEX hs_code_lower_code_idx ON public.hs_code USING btree (lower((code)::text))',
          valid: true,
          ready: true,
        },
      ],
    });
    expect(diffCatalogFingerprints(before, after)).toEqual([
      {
        change: 'removed',
        kind: 'index',
        name: 'hs_code__code_index',
        message:
          'removed index hs_code__code_index: {"name":"hs_code__code_index","table":"hs_code","definition":"CREATE INDEX hs_code__code_index ON public.hs_code USING btree (code)","valid":true,"ready":true}',
      },
      {
        change: 'added',
        kind: 'index',
        name: 'hs_code_lower_code_idx',
        message:
          'added index hs_code_lower_code_idx: {"name":"hs_code_lower_code_idx","table":"hs_code","definition":"CREATE INDEX hs_code_lower_code_idx ON public.hs_code USING btree (lower((code)::text))","valid":true,"ready":true}',
      },
    ]);
  });

  it('reports a changed object field by field', () => {
    const before = fingerprint();
    const after = fingerprint({
      columns: [
        { table: 'hs_code', name: 'code', type: 'character varying', notNull: false, default: null },
        {
          table: 'hs_code',
          name: 'id',
          type: 'integer',
          notNull: true,
          default: "nextval('hs_code_id_seq'::regclass)",
        },
      ],
      indexes: [{ ...fingerprint().indexes[0]!, valid: false }],
    });
    expect(diffCatalogFingerprints(before, after)).toEqual([
      {
        change: 'changed',
        kind: 'column',
        name: 'hs_code.code',
        fields: [
          { field: 'notNull', before: true, after: false },
          { field: 'type', before: 'character varying(12)', after: 'character varying' },
        ],
        message:
          'changed column hs_code.code: notNull true -> false; type "character varying(12)" -> "character varying"',
      },
      {
        change: 'changed',
        kind: 'index',
        name: 'hs_code__code_index',
        fields: [{ field: 'valid', before: true, after: false }],
        message: 'changed index hs_code__code_index: valid true -> false',
      },
    ]);
  });

  it('keys constraints by table, so equal names on two tables are two objects', () => {
    const check = { name: 'positive', type: 'check' as const, definition: 'CHECK ((x >= 0))' };
    const before = fingerprint({ constraints: [{ ...check, table: 'a' }] });
    const after = fingerprint({
      constraints: [
        { ...check, table: 'a' },
        { ...check, table: 'b' },
      ],
    });
    expect(diffCatalogFingerprints(before, after).map((d) => [d.change, d.kind, d.name])).toEqual([
      ['added', 'constraint', 'b.positive'],
    ]);
  });

  it('lists differences in a fixed order: tables, columns, indexes, constraints, sequences', () => {
    const empty = fingerprint({ tables: [], columns: [], indexes: [], constraints: [], sequences: [] });
    expect(isEmptyCatalog(empty)).toBe(true);
    expect(isEmptyCatalog(fingerprint())).toBe(false);
    expect(
      diffCatalogFingerprints(fingerprint(), empty).map((d) => `${d.change} ${d.kind} ${d.name}`),
    ).toEqual([
      'removed table hs_code',
      'removed column hs_code.code',
      'removed column hs_code.id',
      'removed index hs_code__code_index',
      'removed constraint hs_code.hs_code_pkey',
      'removed sequence hs_code_id_seq',
    ]);
  });
});

describe('catalogFingerprint and invalidIndexes on real PostgreSQL', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase('catalog_fingerprint');
    await db.client.query(`CREATE TABLE "Zeta" (id serial PRIMARY KEY, x int NOT NULL DEFAULT 3, "B" text)`);
    await db.client.query(`CREATE TABLE alpha (id int)`);
    await db.client.query(`CREATE SCHEMA other`);
    await db.client.query(`CREATE TABLE other.hidden (id int)`);
    await db.client.query(`CREATE TABLE pgmigrations (id serial PRIMARY KEY, name varchar(255) NOT NULL)`);
    await db.client.query(`INSERT INTO alpha VALUES (1), (1)`);
    // A failed concurrent build leaves an INVALID index behind: the case invalidIndexes exists for.
    await db.client
      .query(`CREATE UNIQUE INDEX CONCURRENTLY alpha_id_uniq ON alpha (id)`)
      .catch(() => undefined);
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('describes one schema in code-point order, without the bookkeeping table', async () => {
    const fp = await catalogFingerprint(db.client);
    expect(fp.tables).toEqual([{ name: 'Zeta' }, { name: 'alpha' }]);
    expect(fp.columns).toEqual([
      { table: 'Zeta', name: 'B', type: 'text', notNull: false, default: null },
      {
        table: 'Zeta',
        name: 'id',
        type: 'integer',
        notNull: true,
        default: `nextval('"Zeta_id_seq"'::regclass)`,
      },
      { table: 'Zeta', name: 'x', type: 'integer', notNull: true, default: '3' },
      { table: 'alpha', name: 'id', type: 'integer', notNull: false, default: null },
    ]);
    expect(fp.indexes.map((i) => [i.name, i.valid])).toEqual([
      ['Zeta_pkey', true],
      ['alpha_id_uniq', false],
    ]);
    expect(fp.constraints).toEqual([
      { name: 'Zeta_pkey', table: 'Zeta', type: 'primary key', definition: 'PRIMARY KEY (id)' },
    ]);
    expect(fp.sequences).toEqual([
      { name: 'Zeta_id_seq', dataType: 'integer', start: '1', increment: '1', ownedBy: 'Zeta.id' },
    ]);
  });

  it('reads another schema when asked, and can keep the bookkeeping table', async () => {
    const other = await catalogFingerprint(db.client, 'other');
    expect(other.schema).toBe('other');
    expect(other.tables).toEqual([{ name: 'hidden' }]);
    const withBookkeeping = await catalogFingerprint(db.client, 'public', { excludeTables: [] });
    expect(withBookkeeping.tables.map((t) => t.name)).toEqual(['Zeta', 'alpha', 'pgmigrations']);
    expect(withBookkeeping.sequences.map((s) => s.name)).toEqual(['Zeta_id_seq', 'pgmigrations_id_seq']);
  });

  it('lists the INVALID index left by a failed concurrent build', async () => {
    expect(await invalidIndexes(db.client)).toEqual([
      {
        schema: 'public',
        name: 'alpha_id_uniq',
        table: 'alpha',
        definition: 'CREATE UNIQUE INDEX alpha_id_uniq ON public.alpha USING btree (id)',
      },
    ]);
    expect(await invalidIndexes(db.client, 'other')).toEqual([]);
  });
});
