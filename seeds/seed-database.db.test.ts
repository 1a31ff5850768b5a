import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../harness/schema/migrator.ts';
import { createTestDatabase, type TestDatabase } from '../test/helpers/test-database.ts';
import { contentHash } from './content-hash.ts';
import { secondaryIndexes } from './seed-connections.ts';
import { SeedRefusedError, seedDatabase, type SeedResult } from './seed-database.ts';
import { SEEDED_TABLES } from './seed-row.ts';

const DOCUMENTS = 1000;
const SEED = 42;

let a: TestDatabase;
let b: TestDatabase;
let c: TestDatabase;
let seededA: SeedResult;
let hashA: string;

async function count(db: TestDatabase, sql: string): Promise<number> {
  const { rows } = await db.client.query<{ n: string }>(`SELECT count(*)::text AS n FROM (${sql}) AS shape`);
  return Number(rows[0]?.n);
}

beforeAll(async () => {
  [a, b, c] = await Promise.all([
    createTestDatabase('seed_a'),
    createTestDatabase('seed_b'),
    createTestDatabase('seed_c'),
  ]);
  for (const db of [a, b, c]) await migrate({ dbClient: db.client, direction: 'up', count: 1 });
  seededA = await seedDatabase(a.client, { documents: DOCUMENTS, seed: SEED });
  hashA = await contentHash(a.client);
});

afterAll(async () => {
  await Promise.all([a, b, c].filter(Boolean).map((db) => db.drop()));
});

describe('seedDatabase', () => {
  it('loads the requested documents and reports the rows it loaded', async () => {
    expect(seededA.rowsByTable.document_extraction).toBe(DOCUMENTS);
    expect(seededA.rowsByTable.res_partner).toBe(200);
    expect(seededA.rowsByTable.controlled_substance).toBe(64);
    expect(await count(a, 'SELECT 1 FROM document_extraction')).toBe(DOCUMENTS);
    for (const [table, rows] of Object.entries(seededA.rowsByTable)) {
      expect(await count(a, `SELECT 1 FROM "${table}"`), table).toBe(rows);
    }
    expect(seededA.totalRows).toBe(Object.values(seededA.rowsByTable).reduce((x, y) => x + y, 0));
  });

  it('gives the same content hash for the same seed in another database (loaded on one connection instead of several), and a different one for another seed', async () => {
    const loaded = await seedDatabase(b.client, { documents: DOCUMENTS, seed: SEED, lanes: 'single' });
    expect(loaded.connections).toBe(1);
    expect(seededA.connections).toBeGreaterThan(1);
    expect(await contentHash(b.client)).toBe(hashA);
    await seedDatabase(c.client, { documents: DOCUMENTS, seed: SEED + 1 });
    expect(await contentHash(c.client)).not.toBe(hashA);
  });

  it('refuses a database that already holds HFC data, and reseeds it with reset', async () => {
    await expect(seedDatabase(c.client, { documents: 10, seed: SEED })).rejects.toThrow(SeedRefusedError);
    await expect(seedDatabase(c.client, { documents: 10, seed: SEED })).rejects.toThrow(/--reset/);
    // An invalid option is refused before anything is emptied, even with reset.
    const before = await contentHash(c.client);
    await expect(
      seedDatabase(c.client, { documents: 10, seed: SEED, reset: true, finishWidth: 0 }),
    ).rejects.toThrow(/finishWidth must be a whole number >= 1/);
    expect(await contentHash(c.client)).toBe(before);
    await seedDatabase(c.client, { documents: DOCUMENTS, seed: SEED, reset: true });
    expect(await contentHash(c.client)).toBe(hashA);
  });

  it('leaves every secondary index as the migration created it (dropped for the load, rebuilt after)', async () => {
    const fresh = await createTestDatabase('seed_idx');
    try {
      await migrate({ dbClient: fresh.client, direction: 'up', count: 1 });
      const before = await secondaryIndexes(fresh.client, SEEDED_TABLES);
      expect([...before.values()].flat().length).toBeGreaterThan(30);
      const after = await secondaryIndexes(a.client, SEEDED_TABLES);
      const definitions = (m: typeof before) =>
        [...m.values()]
          .flat()
          .map((i) => i.definition)
          .sort();
      expect(definitions(after)).toEqual(definitions(before));
      const { rows } = await a.client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
          WHERE c.relnamespace = 'public'::regnamespace AND NOT (i.indisvalid AND i.indisready)`,
      );
      expect(rows[0]?.n).toBe(0);
    } finally {
      await fresh.drop();
    }
  });

  it('sets every id sequence past the largest seeded id', async () => {
    const { rows } = await c.client.query<{ id: number }>(
      `INSERT INTO res_partner (create_date, name) VALUES (now(), 'new') RETURNING id`,
    );
    expect(rows[0]?.id).toBe(201);
    const { rows: docs } = await c.client.query<{ id: number }>(
      `INSERT INTO document_extraction (create_date, document_type, state, source)
       VALUES (now(), '01', 'draft', 'from_user_upload') RETURNING id`,
    );
    expect(docs[0]?.id).toBe(DOCUMENTS + 1);
  });
});

// One query per shape the spec's rules depend on; each counts the rows showing the shape.
const GROUP = `organization_id, COALESCE(year, 0), document_type`;
const DATA_CAPACITY_TABLES = [
  'equipment_product',
  'equipment_product_report',
  'equipment_ownership',
  'equipment_ownership_report',
];
const blank = (column: string): string => `(${column} IS NULL OR ${column} = '')`;
const capacityShapes: [string, string][] = DATA_CAPACITY_TABLES.flatMap((t): [string, string][] => {
  const data = `FROM ${t} WHERE NOT is_title`;
  return [
    [`${t}: capacity set`, `SELECT 1 ${data} AND btrim(capacity, E' \\t') <> ''`],
    [
      `${t}: capacity whitespace-only`,
      `SELECT 1 ${data} AND capacity <> '' AND btrim(capacity, E' \\t') = ''`,
    ],
    [
      `${t}: only cooling`,
      `SELECT 1 ${data} AND ${blank('capacity')} AND NOT ${blank('cooling_capacity')} AND ${blank('power_capacity')}`,
    ],
    [
      `${t}: only power`,
      `SELECT 1 ${data} AND ${blank('capacity')} AND ${blank('cooling_capacity')} AND NOT ${blank('power_capacity')}`,
    ],
    [
      `${t}: cooling and power`,
      `SELECT 1 ${data} AND ${blank('capacity')} AND NOT ${blank('cooling_capacity')} AND NOT ${blank('power_capacity')}`,
    ],
    [
      `${t}: no capacity at all`,
      `SELECT 1 ${data} AND ${blank('capacity')} AND ${blank('cooling_capacity')} AND ${blank('power_capacity')}`,
    ],
  ];
});

const SHAPES: [string, string][] = [
  [
    'create_date ties within a group',
    `SELECT 1 FROM document_extraction GROUP BY ${GROUP}, create_date HAVING count(*) > 1`,
  ],
  [
    'back-dated: create_date order differs from id order within a group',
    `SELECT 1 FROM document_extraction x JOIN document_extraction y
       ON x.organization_id IS NOT DISTINCT FROM y.organization_id AND COALESCE(x.year, 0) = COALESCE(y.year, 0)
      AND x.document_type = y.document_type AND x.id < y.id AND x.create_date > y.create_date`,
  ],
  [
    'several documents per (organisation, year, type)',
    `SELECT 1 FROM document_extraction GROUP BY ${GROUP} HAVING count(*) > 2`,
  ],
  ['documents without organisation', `SELECT 1 FROM document_extraction WHERE organization_id IS NULL`],
  [
    'several NULL-organisation documents in one (year, type)',
    `SELECT 1 FROM document_extraction WHERE organization_id IS NULL GROUP BY year, document_type HAVING count(*) > 1`,
  ],
  ['NULL year', `SELECT 1 FROM document_extraction WHERE year IS NULL`],
  ['year 0', `SELECT 1 FROM document_extraction WHERE year = 0`],
  [
    'at least 5 distinct real years',
    `SELECT 1 HAVING (SELECT count(DISTINCT year) FROM document_extraction WHERE year > 0) >= 5`,
  ],
  ['state draft', `SELECT 1 FROM document_extraction WHERE state = 'draft'`],
  ['state validated', `SELECT 1 FROM document_extraction WHERE state = 'validated'`],
  ['state completed', `SELECT 1 FROM document_extraction WHERE state = 'completed'`],
  ['form 01', `SELECT 1 FROM document_extraction WHERE document_type = '01'`],
  ['form 02', `SELECT 1 FROM document_extraction WHERE document_type = '02'`],
  [
    'year_i NULL on a Form 01 document with a year',
    `SELECT 1 FROM document_extraction WHERE document_type = '01' AND year > 0 AND (year_1 IS NULL OR year_2 IS NULL OR year_3 IS NULL)`,
  ],
  ['year_1..3 set', `SELECT 1 FROM document_extraction WHERE year_1 IS NOT NULL AND year_3 IS NOT NULL`],
  ['NULL contact field', `SELECT 1 FROM document_extraction WHERE contact_person_name IS NULL`],
  ["'' contact field", `SELECT 1 FROM document_extraction WHERE contact_address = ''`],
  ['NULL contact_state_id', `SELECT 1 FROM document_extraction WHERE contact_state_id IS NULL`],
  [
    'documents with no activity code',
    `SELECT 1 FROM document_extraction d WHERE NOT EXISTS (SELECT 1 FROM document_extraction_activity_field_rel r WHERE r.document_id = d.id)`,
  ],
  [
    'documents with several activity codes',
    `SELECT 1 FROM document_extraction_activity_field_rel GROUP BY document_id HAVING count(*) > 2`,
  ],
  [
    'documents linked to the archived activity field',
    `SELECT 1 FROM document_extraction_activity_field_rel r JOIN activity_field f ON f.id = r.activity_field_id WHERE NOT f.active`,
  ],
  ['duplicate partner names', `SELECT 1 FROM res_partner WHERE name <> '' GROUP BY name HAVING count(*) > 1`],
  [
    'partner names differing only in case',
    `SELECT 1 FROM res_partner x JOIN res_partner y ON x.id < y.id AND x.name <> y.name AND lower(x.name) = lower(y.name)`,
  ],
  ["partner names starting with 'Đ'", `SELECT 1 FROM res_partner WHERE name LIKE 'Đ%'`],
  ['partner names starting with a lower-case letter', `SELECT 1 FROM res_partner WHERE name ~ '^[a-z]'`],
  ['empty partner names', `SELECT 1 FROM res_partner WHERE name = ''`],
  [
    'documents of an empty-named partner',
    `SELECT 1 FROM document_extraction d JOIN res_partner p ON p.id = d.organization_id WHERE p.name = ''`,
  ],
  ['NULL business_id', `SELECT 1 FROM res_partner WHERE business_id IS NULL`],
  ['archived partners', `SELECT 1 FROM res_partner WHERE NOT active`],
  [
    'partners with a Vietnamese state',
    `SELECT 1 FROM res_partner p JOIN res_country_state s ON s.id = p.state_id JOIN res_country c ON c.id = s.country_id WHERE c.code = 'VN'`,
  ],
  [
    'partners with a foreign state',
    `SELECT 1 FROM res_partner p JOIN res_country_state s ON s.id = p.state_id JOIN res_country c ON c.id = s.country_id WHERE c.code <> 'VN'`,
  ],
  ['partners without state', `SELECT 1 FROM res_partner WHERE state_id IS NULL`],
  [
    'Vietnamese usage titles',
    `SELECT 1 FROM substance_usage WHERE is_title AND substance_name LIKE 'Nhập khẩu%'`,
  ],
  [
    'English-code usage titles',
    `SELECT 1 FROM substance_usage WHERE is_title AND substance_name IN ('production', 'import', 'export')`,
  ],
  [
    'Vietnamese quota titles',
    `SELECT 1 FROM quota_usage WHERE is_title AND substance_name LIKE '%chất được kiểm soát'`,
  ],
  [
    'English-code quota titles',
    `SELECT 1 FROM quota_usage WHERE is_title AND substance_name IN ('production', 'import', 'export')`,
  ],
  [
    'empty or NULL usage titles',
    `SELECT 1 FROM (SELECT substance_name FROM substance_usage WHERE is_title UNION ALL SELECT substance_name FROM quota_usage WHERE is_title) t WHERE substance_name IS NULL OR substance_name = ''`,
  ],
  [
    'usage data rows before any title',
    `SELECT 1 FROM substance_usage u WHERE NOT is_title AND NOT EXISTS (SELECT 1 FROM substance_usage t WHERE t.document_id = u.document_id AND t.is_title AND t.id < u.id)`,
  ],
  [
    'Vietnamese collection titles',
    `SELECT 1 FROM collection_recycling WHERE is_title AND substance_name LIKE 'Thu gom%'`,
  ],
  [
    'English-code collection titles',
    `SELECT 1 FROM collection_recycling WHERE is_title AND substance_name IN ('collection', 'reuse', 'recycle', 'disposal')`,
  ],
  [
    'equipment ownership titles in Vietnamese',
    `SELECT 1 FROM equipment_ownership WHERE is_title AND equipment_type = 'Thiết bị điều hòa không khí'`,
  ],
  [
    'equipment product titles',
    `SELECT 1 FROM equipment_product WHERE is_title AND product_type LIKE '%thiết bị%'`,
  ],
  [
    'NULL sequence',
    `SELECT 1 FROM (SELECT sequence FROM substance_usage UNION ALL SELECT sequence FROM equipment_ownership UNION ALL SELECT sequence FROM quota_usage) t WHERE sequence IS NULL`,
  ],
  [
    'data rows without substance',
    `SELECT 1 FROM equipment_ownership WHERE NOT is_title AND substance_id IS NULL`,
  ],
  [
    'data rows with Other Substance',
    `SELECT 1 FROM substance_usage u JOIN controlled_substance s ON s.id = u.substance_id WHERE s.code = 'OTHER-SUBSTANCE'`,
  ],
  [
    'data rows with the archived substance',
    `SELECT 1 FROM quota_usage u JOIN controlled_substance s ON s.id = u.substance_id WHERE NOT s.active`,
  ],
  [
    'usage rows whose three years are all zero or NULL',
    `SELECT 1 FROM substance_usage WHERE NOT is_title AND COALESCE(year_1_quantity_kg, 0) = 0 AND COALESCE(year_1_quantity_co2, 0) = 0 AND COALESCE(year_2_quantity_kg, 0) = 0 AND COALESCE(year_2_quantity_co2, 0) = 0 AND COALESCE(year_3_quantity_kg, 0) = 0 AND COALESCE(year_3_quantity_co2, 0) = 0`,
  ],
  ['usage rows with 4 decimals', `SELECT 1 FROM substance_usage WHERE scale(year_1_quantity_kg) = 4`],
  ['negative adjusted quotas', `SELECT 1 FROM quota_usage WHERE adjusted_quota_kg < 0`],
  ['negative next-year quotas', `SELECT 1 FROM quota_usage WHERE next_year_quota_kg < 0`],
  [
    'all-zero quota rows',
    `SELECT 1 FROM quota_usage WHERE NOT is_title AND allocated_quota_kg = 0 AND allocated_quota_co2 = 0 AND adjusted_quota_kg = 0 AND adjusted_quota_co2 = 0 AND total_quota_kg = 0 AND total_quota_co2 = 0 AND next_year_quota_kg = 0 AND next_year_quota_co2 = 0`,
  ],
  [
    'all-NULL quota rows',
    `SELECT 1 FROM quota_usage WHERE NOT is_title AND num_nonnulls(allocated_quota_kg, allocated_quota_co2, adjusted_quota_kg, adjusted_quota_co2, total_quota_kg, total_quota_co2, next_year_quota_kg, next_year_quota_co2) = 0`,
  ],
  [
    'quota hs_code text empty or NULL',
    `SELECT 1 FROM quota_usage WHERE NOT is_title AND (hs_code IS NULL OR hs_code = '')`,
  ],
  ['collection quantity zero', `SELECT 1 FROM collection_recycling WHERE NOT is_title AND quantity_kg = 0`],
  [
    'collection quantity NULL',
    `SELECT 1 FROM collection_recycling WHERE NOT is_title AND quantity_kg IS NULL`,
  ],
  ['collection quantity negative', `SELECT 1 FROM collection_recycling WHERE quantity_kg < 0`],
  [
    'equipment product quantity zero, NULL and negative',
    `SELECT 1 HAVING (SELECT count(DISTINCT sign(COALESCE(quantity, 0)) + (quantity IS NULL)::int * 10) FROM equipment_product WHERE NOT is_title) = 4`,
  ],
  [
    'equipment quantity zero and NULL',
    `SELECT 1 HAVING (SELECT count(*) FILTER (WHERE equipment_quantity = 0) * count(*) FILTER (WHERE equipment_quantity IS NULL) FROM equipment_ownership WHERE NOT is_title) > 0`,
  ],
  ...capacityShapes,
  ['start_year 0', `SELECT 1 FROM equipment_ownership WHERE NOT is_title AND start_year = 0`],
  ['start_year NULL', `SELECT 1 FROM equipment_ownership WHERE NOT is_title AND start_year IS NULL`],
  ['start_year real', `SELECT 1 FROM equipment_ownership WHERE start_year > 1990`],
  [
    'refill quantity NULL',
    `SELECT 1 FROM equipment_ownership WHERE NOT is_title AND substance_quantity_per_refill IS NULL`,
  ],
  [
    "refill quantity ''",
    `SELECT 1 FROM equipment_ownership WHERE NOT is_title AND substance_quantity_per_refill = ''`,
  ],
  [
    'refill quantity text',
    `SELECT 1 FROM equipment_ownership WHERE substance_quantity_per_refill LIKE '%kg'`,
  ],
  [
    'production_type production',
    `SELECT 1 FROM equipment_product_report WHERE NOT is_title AND production_type = 'production'`,
  ],
  [
    'production_type import',
    `SELECT 1 FROM equipment_product_report WHERE NOT is_title AND production_type = 'import'`,
  ],
  [
    'production_type NULL',
    `SELECT 1 FROM equipment_product_report WHERE NOT is_title AND production_type IS NULL`,
  ],
  [
    'EoL report rows with NULL substance_name',
    `SELECT 1 FROM collection_recycling_report WHERE substance_name IS NULL`,
  ],
  [
    'EoL report ties on substance_name',
    `SELECT 1 FROM collection_recycling_report WHERE substance_name IS NOT NULL GROUP BY document_id, substance_name HAVING count(*) > 1`,
  ],
  [
    'EoL report zero and NULL quantities',
    `SELECT 1 FROM collection_recycling_report WHERE reuse_quantity_kg = 0 OR disposal_quantity_kg IS NULL`,
  ],
  [
    'Form 01 documents carrying Form 02 children',
    `SELECT 1 FROM quota_usage q JOIN document_extraction d ON d.id = q.document_id WHERE d.document_type = '01'`,
  ],
  [
    'Form 02 documents carrying Form 01 children',
    `SELECT 1 FROM (SELECT document_id FROM substance_usage UNION SELECT document_id FROM equipment_ownership) c JOIN document_extraction d ON d.id = c.document_id WHERE d.document_type = '02'`,
  ],
];

// Invariants of the extraction module's output (spec 6): each query counts violations.
const INVARIANTS: [string, string][] = [
  [
    'has_table flags follow the activity codes for the form',
    `SELECT 1 FROM document_extraction d
       CROSS JOIN LATERAL (SELECT array_agg(f.code) AS codes FROM document_extraction_activity_field_rel r
                           JOIN activity_field f ON f.id = r.activity_field_id WHERE r.document_id = d.id) a
      WHERE (d.document_type = '01' AND (d.has_table_2_1 OR d.has_table_2_2 OR d.has_table_2_3 OR d.has_table_2_4))
         OR (d.document_type = '02' AND (d.has_table_1_1 OR d.has_table_1_2 OR d.has_table_1_3 OR d.has_table_1_4))
         OR (d.has_table_1_1 OR d.has_table_2_1) <> COALESCE(a.codes && ARRAY['production', 'import', 'export']::varchar[], false)
         OR (d.has_table_1_2 OR d.has_table_2_2) <> COALESCE(a.codes && ARRAY['equipment_production', 'equipment_import']::varchar[], false)
         OR (d.has_table_1_3 OR d.has_table_2_3) <> COALESCE(a.codes && ARRAY['ac_ownership', 'refrigeration_ownership']::varchar[], false)
         OR (d.has_table_1_4 OR d.has_table_2_4) <> COALESCE(a.codes && ARRAY['collection_recycling']::varchar[], false)`,
  ],
  [
    'substance_usage rows only on documents with a usage code',
    `SELECT 1 FROM substance_usage u WHERE NOT EXISTS (SELECT 1 FROM document_extraction_activity_field_rel r
       JOIN activity_field f ON f.id = r.activity_field_id WHERE r.document_id = u.document_id AND f.code IN ('production', 'import', 'export'))`,
  ],
  [
    'a title is always followed by a data row (in extraction order)',
    `SELECT 1 FROM (SELECT is_title, lead(is_title) OVER (PARTITION BY document_id ORDER BY id) AS next_is_title
                      FROM equipment_ownership) t WHERE is_title AND next_is_title IS DISTINCT FROM false`,
  ],
  [
    'sequences are 10, 20, 30, ... in extraction order',
    `SELECT 1 FROM (SELECT sequence, 10 * row_number() OVER (PARTITION BY document_id ORDER BY id) AS expected
                      FROM substance_usage) t WHERE sequence <> expected`,
  ],
  ['title rows have no substance', `SELECT 1 FROM quota_usage WHERE is_title AND substance_id IS NOT NULL`],
  [
    'business_id unique where set',
    `SELECT 1 FROM res_partner WHERE business_id IS NOT NULL GROUP BY business_id HAVING count(*) > 1`,
  ],
];

describe('the 1000-document dataset (seed 42)', () => {
  it.each(SHAPES)('contains: %s', async (_name, sql) => {
    expect(await count(a, sql)).toBeGreaterThan(0);
  });

  it.each(INVARIANTS)('holds: %s', async (_name, sql) => {
    expect(await count(a, sql)).toBe(0);
  });
});
