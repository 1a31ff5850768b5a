import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/helpers/test-database.ts';
import {
  documentSearchSql,
  documentWhereSql,
  organisationFilterRequested,
  partnerLookupSql,
  resolveOrganisationFilter,
  stateLookupSql,
  type SqlQuery,
} from './document-filter-sql.ts';
import { parseExportFilters, type ExportFilters } from './export-filters.ts';
import { substanceFilterFromIds, substanceLookupSql } from './substance-filter.ts';

/*
 * The filter SQL on real PostgreSQL: the few tables it reads, created with plain DDL shaped as Odoo creates
 * them (varchar text columns, jsonb translated names, a nullable `active`), and a small hand-made dataset
 * where every expected result can be checked by reading the rows below.
 */
const SCHEMA = `
  CREATE TABLE res_country_state (id int PRIMARY KEY, name varchar NOT NULL, code varchar NOT NULL, country_id int NOT NULL);
  CREATE TABLE res_partner (id int PRIMARY KEY, name varchar, business_id varchar UNIQUE, state_id int REFERENCES res_country_state, active bool);
  CREATE TABLE activity_field (id int PRIMARY KEY, code varchar NOT NULL, active bool);
  CREATE TABLE document_extraction (
    id int PRIMARY KEY, state varchar NOT NULL, year int, organization_id int REFERENCES res_partner,
    document_type varchar NOT NULL, create_date timestamp NOT NULL, contact_state_id int);
  CREATE TABLE document_extraction_activity_field_rel (
    document_id int NOT NULL REFERENCES document_extraction ON DELETE CASCADE,
    activity_field_id int NOT NULL REFERENCES activity_field ON DELETE CASCADE,
    PRIMARY KEY (document_id, activity_field_id));
  CREATE TABLE controlled_substance (id int PRIMARY KEY, name jsonb NOT NULL, substance_group_id int, active bool);
`;

const DATA = `
  INSERT INTO res_country_state VALUES
    (1, 'Hà Nội', 'VN-HN', 1), (2, 'Hà Nam', 'VN-63', 1), (3, 'Thừa Thiên - Huế', 'VN-26', 1),
    (4, 'California', 'CA', 2), (5, 'A_B State', 'AB', 3);
  INSERT INTO res_partner VALUES
    (1, 'Công ty An Phát', '0101', 1, true),
    (2, 'O''Brien & Co', '0202', 4, true),
    (3, 'Archived Hà Nội Co', '0303', 1, false),
    (4, '50% Discount Ltd', '0404', 2, true),
    (5, '50X Discount', '0505', 3, true),
    (6, 'AxB Trading', '0606', NULL, true),
    (7, 'x''; DROP TABLE res_partner; --', '0707', NULL, true),
    (8, 'back\\slash', '0808', NULL, true),
    (9, NULL, '0909', 2, true),
    (10, 'Sunrise Corp', NULL, 2, true);
  INSERT INTO activity_field VALUES (1, 'production', true), (2, 'import', true), (3, 'collection_recycling', false);
  INSERT INTO document_extraction (id, state, year, organization_id, document_type, create_date) VALUES
    (1, 'completed', 2020, 1, '01', '2024-01-01 10:00'),
    (2, 'completed', 2021, 2, '02', '2023-06-01 10:00'),
    (3, 'completed', 2022, 3, '01', '2024-01-03 10:00'),
    (4, 'completed', NULL, 4, '01', '2024-01-04 10:00'),
    (5, 'completed', 2019, 5, '02', '2024-01-05 10:00'),
    (6, 'completed', 2023, 6, '01', '2024-01-06 10:00'),
    (7, 'completed', 2021, 7, '01', '2024-01-07 10:00'),
    (8, 'completed', 2020, 8, '02', '2024-01-08 10:00'),
    (9, 'completed', 2022, NULL, '01', '2024-01-09 10:00'),
    (10, 'draft', 2021, 1, '01', '2024-01-10 10:00'),
    (11, 'validated', NULL, 2, '02', '2024-01-11 10:00'),
    (12, 'completed', 2024, 10, '01', '2024-01-12 10:00'),
    (13, 'completed', 2020, 9, '02', '2024-01-12 10:00');
  INSERT INTO document_extraction_activity_field_rel VALUES (1, 1), (1, 2), (2, 2), (5, 3), (9, 3), (10, 1), (11, 3);
  INSERT INTO controlled_substance VALUES
    (1, '{"en_US": "HFC-134a"}', NULL, true), (2, '{"en_US": "HFC-125"}', 1, true),
    (3, '{"en_US": "HFC-32"}', NULL, false), (4, '{"en_US": "R-410A"}', 1, true),
    (5, '{"en_US": "Other Substance"}', NULL, true);
`;

const ALL_STATES = ['draft', 'validated', 'completed'];
/** Completed documents: the backend default. */
const COMPLETED = [1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 13];

let db: TestDatabase;
let client: pg.Client;

async function ids(query: SqlQuery): Promise<number[]> {
  const { rows } = await client.query<{ id: number }>(query.text, query.values);
  return rows.map((row) => row.id);
}

/** Odoo's `_build_filter_domain` + `search`, one lookup per round trip, as the v1 collector runs it. */
async function v1DocumentIds(filters: ExportFilters): Promise<number[]> {
  let partnerIds: number[] | null = null;
  if (organisationFilterRequested(filters)) {
    const stateIds = filters.province === null ? null : await ids(stateLookupSql(filters.province));
    const partnerQuery = partnerLookupSql(filters, stateIds);
    partnerIds = partnerQuery === null ? null : await ids(partnerQuery);
  }
  return ids(documentSearchSql(filters, resolveOrganisationFilter(partnerIds)));
}

/** The v2 form: one query, with a parameter of its own before the filter's ones to prove the offset. */
async function v2DocumentIds(filters: ExportFilters): Promise<number[]> {
  const where = documentWhereSql(filters, 2, 'd');
  const { rows } = await client.query<{ id: number }>(
    `SELECT d.id FROM document_extraction d WHERE d.document_type <> $1 AND ${where.text}
      ORDER BY d.create_date DESC, d.id DESC`,
    ['no-such-type', ...where.values],
  );
  return rows.map((row) => row.id);
}

/** Runs both forms, checks they agree (order included), and returns the ids sorted for easy reading. */
async function documentIds(input: Record<string, unknown>): Promise<number[]> {
  const filters = parseExportFilters(input);
  const v1 = await v1DocumentIds(filters);
  const v2 = await v2DocumentIds(filters);
  expect(v2, `v2 differs from v1 for ${JSON.stringify(input)}`).toEqual(v1);
  return [...v1].sort((a, b) => a - b);
}

async function tableCounts(): Promise<Record<string, number>> {
  const { rows } = await client.query<{ partners: number; documents: number; states: number }>(
    `SELECT (SELECT count(*)::int FROM res_partner) AS partners,
            (SELECT count(*)::int FROM document_extraction) AS documents,
            (SELECT count(*)::int FROM res_country_state) AS states`,
  );
  return rows[0] ?? {};
}

beforeAll(async () => {
  db = await createTestDatabase('filters');
  client = db.client;
  await client.query(SCHEMA);
  await client.query(DATA);
});

afterAll(async () => {
  await db?.drop();
});

describe('document filter on PostgreSQL', () => {
  it('defaults to completed documents, latest create_date first, ties by id', async () => {
    expect(await v1DocumentIds(parseExportFilters({}))).toEqual([13, 12, 9, 8, 7, 6, 5, 4, 3, 1, 2]);
    expect(await documentIds({})).toEqual(COMPLETED);
  });

  it('filters on the given states', async () => {
    expect(await documentIds({ status: ['draft', 'validated'] })).toEqual([10, 11]);
    expect(await documentIds({ status: ALL_STATES })).toHaveLength(13);
  });

  it('year_to includes NULL years, year_from excludes them', async () => {
    expect(await documentIds({ year_to: 2020 })).toEqual([1, 4, 5, 8, 13]);
    expect(await documentIds({ year_from: 2022 })).toEqual([3, 6, 9, 12]);
    expect(await documentIds({ year_from: 2020, year_to: 2021 })).toEqual([1, 2, 7, 8, 13]);
    expect(await documentIds({ year_from: -1, year_to: 2019, status: ALL_STATES })).toEqual([4, 5, 11]);
  });

  it('activity_field_ids matches any of the ids, archived fields included', async () => {
    expect(await documentIds({ activity_field_ids: [3] })).toEqual([5, 9]);
    expect(await documentIds({ activity_field_ids: [1, 3], status: ALL_STATES })).toEqual([1, 5, 9, 10, 11]);
  });

  it('% and _ typed by the user act as wildcards', async () => {
    expect(await documentIds({ organization_search: '50%D' })).toEqual([4, 5]);
    expect(await documentIds({ organization_search: 'a_b' })).toEqual([6]);
    expect(await documentIds({ province: 'A_B' })).toEqual([]);
  });

  it('a backslash escapes the next character, as PostgreSQL LIKE does with Odoo 18 patterns', async () => {
    expect(await documentIds({ organization_search: '50\\%' })).toEqual([4]);
    expect(await documentIds({ organization_search: 'a\\_b' })).toEqual([]);
    expect(await documentIds({ organization_search: 'back\\\\slash' })).toEqual([8]);
    expect(await documentIds({ organization_search: 'back\\slash' })).toEqual([]);
    // A trailing backslash escapes the closing '%': no error, and only names ending with "Ltd%" would match.
    expect(await documentIds({ organization_search: 'Ltd\\' })).toEqual([]);
  });

  it('matches quotes and SQL fragments literally and leaves the tables intact', async () => {
    const before = await tableCounts();
    expect(await documentIds({ organization_search: "O'Brien" })).toEqual([2]);
    expect(await documentIds({ organization_search: "x'; DROP TABLE res_partner; --" })).toEqual([7]);
    expect(
      await documentIds({
        organization_search: "Robert'); DROP TABLE document_extraction; --",
        organization_code: "' OR '1'='1",
        province: "'; DELETE FROM res_country_state; --",
      }),
    ).toEqual([]);
    expect(await tableCounts()).toEqual(before);
    expect(before).toEqual({ partners: 10, documents: 13, states: 5 });
  });

  it('never matches archived partners, nor NULL names or codes', async () => {
    expect(await documentIds({ organization_search: 'Archived' })).toEqual([]);
    expect(await documentIds({ organization_code: '0303' })).toEqual([]);
    expect(await documentIds({ organization_search: '%' })).toEqual([1, 2, 4, 5, 6, 7, 8, 12]);
    expect(await documentIds({ organization_code: '0' })).toEqual([1, 2, 4, 5, 6, 7, 8, 13]);
  });

  it('province: partners of the matching states, in every country', async () => {
    expect(await documentIds({ province: 'Hà N' })).toEqual([1, 4, 12, 13]);
    expect(await documentIds({ province: 'Hà N', status: ALL_STATES })).toEqual([1, 4, 10, 12, 13]);
    expect(await documentIds({ province: 'califor' })).toEqual([2]);
  });

  it('province quirk: a province matching no state removes all organisation filtering', async () => {
    expect(await documentIds({ province: 'Atlantis' })).toEqual(COMPLETED);
  });

  it('province quirk: with a name or code, a province matching no state is ignored', async () => {
    expect(await documentIds({ province: 'Atlantis', organization_code: '0101' })).toEqual([1]);
    expect(await documentIds({ province: 'Huế', organization_search: 'Discount' })).toEqual([5]);
    expect(await documentIds({ province: 'California', organization_search: 'An Phát' })).toEqual([]);
  });

  it('a province matching states that no active partner holds gives no documents', async () => {
    expect(await documentIds({ province: 'A_B State' })).toEqual([]);
  });

  it('folds the case of Vietnamese letters only where the database ctype knows them', async () => {
    const { rows } = await client.query<{ ctype: string }>(
      'SELECT datctype AS ctype FROM pg_database WHERE datname = current_database()',
    );
    const folds = rows[0]?.ctype !== 'C';
    expect(await documentIds({ organization_search: 'CÔNG TY' })).toEqual(folds ? [1] : []);
    // Accents are never folded (Odoo's unaccent is off by default).
    expect(await documentIds({ organization_search: 'Cong ty' })).toEqual([]);
  });

  it('v1 and v2 select the same documents, in the same order, for every combination', async () => {
    const options = {
      organization_search: [undefined, 'Co', 'Archived', '50%D'],
      organization_code: [undefined, '0', '09'],
      province: [undefined, 'Hà N', 'Atlantis', 'California', 'A_B'],
      year_from: [undefined, 2021],
      year_to: [undefined, 2020],
      status: [undefined, ALL_STATES],
      activity_field_ids: [undefined, [1, 3]],
    };
    let combinations: Record<string, unknown>[] = [{}];
    for (const [key, values] of Object.entries(options)) {
      combinations = combinations.flatMap((base) =>
        values.map((value) => (value === undefined ? base : { ...base, [key]: value })),
      );
    }
    expect(combinations).toHaveLength(960);
    const sizes = new Set<number>();
    for (const input of combinations) sizes.add((await documentIds(input)).length);
    // The combinations must exercise both empty and non-empty results, or the comparison proves little.
    expect(sizes.has(0)).toBe(true);
    expect(Math.max(...sizes)).toBe(13);
  });
});

describe('substance lookup on PostgreSQL', () => {
  const substanceIds = async (input: Record<string, unknown>): Promise<number[]> =>
    ids(substanceLookupSql(parseExportFilters(input)));

  it('matches active substances by en_US name, case-insensitively, with wildcards', async () => {
    expect(await substanceIds({ substance_name: 'hfc' })).toEqual([1, 2]);
    expect(await substanceIds({ substance_name: '_-4' })).toEqual([4]);
    expect(await substanceIds({ substance_name: "'; DROP TABLE controlled_substance; --" })).toEqual([]);
  });

  it('filters by group and ANDs the parts', async () => {
    expect(await substanceIds({ substance_group_id: 1 })).toEqual([2, 4]);
    expect(await substanceIds({ substance_group_id: 1, substance_name: 'HFC' })).toEqual([2]);
  });

  it('a search matching nothing disables the filter (empty-list quirk)', async () => {
    const matched = await substanceIds({ substance_group_id: 5 });
    expect(matched).toEqual([]);
    expect(substanceFilterFromIds(matched)).toBeNull();
    expect(substanceFilterFromIds(await substanceIds({ substance_name: 'R-4' }))).toEqual({
      ids: new Set([4]),
    });
  });
});
