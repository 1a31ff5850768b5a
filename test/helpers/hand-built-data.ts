import type pg from 'pg';
import { expect } from 'vitest';
import { COLLECTOR_REGISTRY } from '../../harness/compare/collectors.ts';
import { CountingClient } from '../../harness/queries/counting-client.ts';
import { migrate } from '../../harness/schema/migrator.ts';
import { runExport, type ExportRun } from '../../harness/compare/run-export.ts';
import { parseExportFilters } from '../../src/export-filters.ts';
import type { ChildRelation } from '../../src/records.ts';
import type { SheetName } from '../../src/sheet-definitions.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

/**
 * Small hand-built datasets for the export-rule tests: a migrated throwaway database, minimal master data
 * with predictable ids, and concise insert helpers whose defaults are the "uninteresting" values (NULL
 * texts, `completed` state, one fixed `create_date`), so a test only spells out what it is about.
 */

/** Sheet names by topic; sheet 6's trailing space is easy to forget when typed by hand. */
export const SHEET = {
  organisations: '1_Hoso_DoanhNhiep',
  ownership: '2_DL_ThietBi_SoHuu',
  products: '3_DL_ThietBi_SX_NK',
  endOfLife: '4_DL_MoiChat_EoL',
  bulk: '5_DL_MoiChat_Bulk',
  quota: '6_DL_QuanLy_HanNgach ',
} as const satisfies Record<string, SheetName>;

/** The `create_date` given to every row unless a test says otherwise. */
export const DEFAULT_CREATE_DATE = '2024-01-01 00:00:00';

/** The 8 activity codes of the module, in `sequence` order (10..80); their ids are 1..8 in this order. */
export const ACTIVITY_CODES = [
  'production',
  'import',
  'export',
  'equipment_production',
  'equipment_import',
  'ac_ownership',
  'refrigeration_ownership',
  'collection_recycling',
] as const;

export type ActivityCode = (typeof ACTIVITY_CODES)[number];

/** Ids of the master records `reset` inserts (deterministic: every sequence restarts at 1). */
export interface MasterData {
  country: { vn: number; us: number };
  /** `Hà Nội`, `Hà Nam`, `Thừa Thiên - Huế`, `TP Hồ Chí Minh` (VN) and `California` (US). */
  state: { haNoi: number; haNam: number; hue: number; hoChiMinh: number; california: number };
  activity: Record<ActivityCode, number>;
  /** `HFC` has members; `HCFC` has none, as every group in the shipped data (spec 6). */
  group: { hfc: number; hcfc: number };
  hsCode: { h29033900: number; h84151020: number };
  /**
   * `HFC-134a` (HFC, 29033900), `HFC-32` (no group, 29033900), `R-410A` (HFC, 84151020), `Other Substance`
   * (no group, no HS code) and `HFC-23` (HFC, **archived**).
   */
  substance: { hfc134a: number; hfc32: number; r410a: number; other: number; hfc23Archived: number };
}

export interface MasterDataOptions {
  /** Activity codes to insert with `active = false`. */
  archivedActivityCodes?: readonly ActivityCode[];
}

export interface PartnerInput {
  name?: string | null;
  businessId?: string | null;
  stateId?: number | null;
  /** Default `true`. */
  active?: boolean;
}

export interface StateInput {
  name: string;
  code: string;
  /** Default: the Vietnam row of the master data (id 1). */
  countryId?: number;
}

export interface DocumentInput {
  type: '01' | '02';
  /** Default `completed`. */
  state?: 'draft' | 'validated' | 'completed';
  /** Default NULL. */
  year?: number | null;
  year1?: number | null;
  year2?: number | null;
  year3?: number | null;
  organizationId?: number | null;
  /** Default {@link DEFAULT_CREATE_DATE}; give microseconds to tell documents of one second apart. */
  createDate?: string;
  legalRepresentativeName?: string | null;
  legalRepresentativePosition?: string | null;
  contactPersonName?: string | null;
  contactAddress?: string | null;
  contactStateId?: number | null;
  contactPhone?: string | null;
  contactEmail?: string | null;
  activityFieldIds?: readonly number[];
}

/** A value for a column of a child table: numeric columns may be given as text to store an exact decimal. */
export type ColumnValue = string | number | boolean | null;

/** A child row in the schema's own column names (snake_case); `document_id` is required. */
export type ChildInput = { document_id: number } & Record<string, ColumnValue>;

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** Inserts hand-built rows into one migrated test database. */
export class HandBuiltData {
  constructor(readonly client: pg.Client) {}

  /**
   * Empties every table (sequences restarted, so ids start at 1 again) and inserts the master data.
   * Call it at the start of each test (or describe block) to get a fresh dataset.
   */
  async reset(options: MasterDataOptions = {}): Promise<MasterData> {
    const { rows } = await this.client.query<{ name: string }>(
      `SELECT quote_ident(tablename) AS name FROM pg_tables
        WHERE schemaname = 'public' AND tablename <> 'pgmigrations' ORDER BY tablename`,
    );
    await this.client.query(`TRUNCATE ${rows.map((r) => r.name).join(', ')} RESTART IDENTITY CASCADE`);
    return this.insertMasterData(options);
  }

  private async insertMasterData(options: MasterDataOptions): Promise<MasterData> {
    const archived = new Set(options.archivedActivityCodes ?? []);
    const vn = await this.insertRow('res_country', { name: json('Vietnam'), code: 'VN' });
    const us = await this.insertRow('res_country', { name: json('United States'), code: 'US' });
    const state = {
      haNoi: await this.insertState({ name: 'Hà Nội', code: 'VN-HN', countryId: vn }),
      haNam: await this.insertState({ name: 'Hà Nam', code: 'VN-63', countryId: vn }),
      hue: await this.insertState({ name: 'Thừa Thiên - Huế', code: 'VN-26', countryId: vn }),
      hoChiMinh: await this.insertState({ name: 'TP Hồ Chí Minh', code: 'VN-SG', countryId: vn }),
      california: await this.insertState({ name: 'California', code: 'CA', countryId: us }),
    };
    const activity = {} as Record<ActivityCode, number>;
    for (const [index, code] of ACTIVITY_CODES.entries()) {
      activity[code] = await this.insertRow('activity_field', {
        name: json(code),
        code,
        sequence: (index + 1) * 10,
        active: !archived.has(code),
      });
    }
    const group = {
      hfc: await this.insertRow('substance_group', {
        name: json('HFC'),
        code: 'HFC',
        sequence: 10,
        active: true,
      }),
      hcfc: await this.insertRow('substance_group', {
        name: json('HCFC'),
        code: 'HCFC',
        sequence: 20,
        active: true,
      }),
    };
    const hsCode = {
      h29033900: await this.insertRow('hs_code', { code: '29033900', name: json('HFC'), active: true }),
      h84151020: await this.insertRow('hs_code', {
        code: '84151020',
        name: json('Air conditioners'),
        active: true,
      }),
    };
    const substance = async (
      name: string,
      code: string,
      hsCodeId: number | null,
      groupId: number | null,
      active = true,
    ): Promise<number> =>
      this.insertRow('controlled_substance', {
        name: json(name),
        code,
        hs_code_id: hsCodeId,
        substance_group_id: groupId,
        form_type: 'both',
        active,
      });
    return {
      country: { vn, us },
      state,
      activity,
      group,
      hsCode,
      substance: {
        hfc134a: await substance('HFC-134a', 'R-134a', hsCode.h29033900, group.hfc),
        hfc32: await substance('HFC-32', 'R-32', hsCode.h29033900, null),
        r410a: await substance('R-410A', 'R-410A', hsCode.h84151020, group.hfc),
        other: await substance('Other Substance', 'OTHER-SUBSTANCE', null, null),
        hfc23Archived: await substance('HFC-23', 'R-23', hsCode.h29033900, group.hfc, false),
      },
    };
  }

  /** A `res_country_state` row; returns its id. */
  insertState(input: StateInput): Promise<number> {
    return this.insertRow('res_country_state', {
      name: input.name,
      code: input.code,
      country_id: input.countryId ?? 1,
    });
  }

  /** A `res_partner` row (active unless told otherwise); returns its id. */
  insertPartner(input: PartnerInput): Promise<number> {
    return this.insertRow('res_partner', {
      name: input.name ?? null,
      business_id: input.businessId ?? null,
      state_id: input.stateId ?? null,
      active: input.active ?? true,
      is_company: true,
      x_partner_type: 'organization',
    });
  }

  /** A `document_extraction` row and its activity-field links; returns its id. */
  async insertDocument(input: DocumentInput): Promise<number> {
    const id = await this.insertRow(
      'document_extraction',
      {
        document_type: input.type,
        state: input.state ?? 'completed',
        source: 'from_user_upload',
        year: input.year ?? null,
        year_1: input.year1 ?? null,
        year_2: input.year2 ?? null,
        year_3: input.year3 ?? null,
        organization_id: input.organizationId ?? null,
        legal_representative_name: input.legalRepresentativeName ?? null,
        legal_representative_position: input.legalRepresentativePosition ?? null,
        contact_person_name: input.contactPersonName ?? null,
        contact_address: input.contactAddress ?? null,
        contact_state_id: input.contactStateId ?? null,
        contact_phone: input.contactPhone ?? null,
        contact_email: input.contactEmail ?? null,
      },
      input.createDate,
    );
    for (const activityFieldId of input.activityFieldIds ?? []) {
      await this.client.query(
        'INSERT INTO document_extraction_activity_field_rel (document_id, activity_field_id) VALUES ($1, $2)',
        [id, activityFieldId],
      );
    }
    return id;
  }

  /** A row of one of the 8 child tables, columns named as in the schema; returns its id. */
  insertChild(table: ChildRelation, values: ChildInput): Promise<number> {
    return this.insertRow(table, values);
  }

  /** Inserts one row with `create_date` set (NOT NULL on every model table); returns its id. */
  private async insertRow(
    table: string,
    values: Record<string, ColumnValue>,
    createDate: string = DEFAULT_CREATE_DATE,
  ): Promise<number> {
    const columns = ['create_date', ...Object.keys(values)];
    for (const column of [table, ...columns]) {
      if (!IDENTIFIER.test(column)) throw new Error(`hand-built data: "${column}" is not a plain identifier`);
    }
    const params = [createDate, ...Object.values(values)];
    const { rows } = await this.client.query<{ id: number }>(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${params.map((_, i) => `$${i + 1}`).join(', ')})
       RETURNING id`,
      params,
    );
    const row = rows[0];
    if (row === undefined) throw new Error(`hand-built data: INSERT INTO ${table} returned no id`);
    return row.id;
  }
}

/** A translated name as Odoo stores it (jsonb, `en_US` only). */
function json(enUs: string): string {
  return JSON.stringify({ en_US: enUs });
}

/** A migrated throwaway database with its fixture builder. */
export interface RulesDatabase {
  db: TestDatabase;
  data: HandBuiltData;
}

/**
 * Creates a throwaway test database and migrates it to the HFC schema only (the first migration; the
 * index proposal that follows changes plans, never rows, and is not what these tests are about). Drop it
 * with `db.drop()`.
 */
export async function openRulesDatabase(label: string): Promise<RulesDatabase> {
  const db = await createTestDatabase(label);
  try {
    await migrate({ dbClient: db.client, direction: 'up', count: 1 });
  } catch (error) {
    await db.drop();
    throw error;
  }
  return { db, data: new HandBuiltData(db.client) };
}

/** Every collector's run on the same data and filters. */
export interface BothRuns {
  v1: ExportRun;
  v2: ExportRun;
  /** The current code as Odoo's ORM runs it (production). */
  v1Orm: ExportRun;
}

/**
 * Runs the export with v1, then v2, then v1-orm, on a counting client (filters as the front end posts them),
 * and asserts that v2 and v1-orm produced exactly v1's rows and document counts. Returns the runs: a test
 * asserts the literal rows on `v1.rows`.
 */
export async function exportBoth(
  client: pg.Client,
  filters: Record<string, unknown> = {},
): Promise<BothRuns> {
  const parsed = parseExportFilters(filters);
  const counting = new CountingClient(client);
  const v1 = await runExport(counting, 'v1', COLLECTOR_REGISTRY.v1.collect, parsed);
  const v2 = await runExport(counting, 'v2', COLLECTOR_REGISTRY.v2.collect, parsed);
  expect(v2.rows, 'v2 rows must equal v1 rows').toStrictEqual(v1.rows);
  expect(v2.documentCount).toBe(v1.documentCount);
  expect(v2.matchingCount).toBe(v1.matchingCount);
  const v1Orm = await runExport(counting, 'v1-orm', COLLECTOR_REGISTRY['v1-orm'].collect, parsed);
  expect(v1Orm.rows, 'v1-orm rows must equal v1 rows').toStrictEqual(v1.rows);
  expect(v1Orm.documentCount).toBe(v1.documentCount);
  expect(v1Orm.matchingCount).toBe(v1.matchingCount);
  return { v1, v2, v1Orm };
}

/** How each collector's export ended when it was expected to fail. */
export interface BothFailures {
  v1: unknown;
  v2: unknown;
  /** Round trips each collector sent before failing. */
  v1QueryCount: number;
  v2QueryCount: number;
}

/**
 * Runs the export with v1, then v2, then v1-orm, expecting all to fail; returns what v1 and v2 threw and
 * asserts that v1-orm threw the same kind of error as v1. Fails the test when a collector succeeds.
 */
export async function exportBothFailing(
  client: pg.Client,
  filters: Record<string, unknown>,
): Promise<BothFailures> {
  const parsed = parseExportFilters(filters);
  const counting = new CountingClient(client);
  const failure = async (name: 'v1' | 'v1-orm' | 'v2'): Promise<unknown> => {
    try {
      await runExport(counting, name, COLLECTOR_REGISTRY[name].collect, parsed);
    } catch (error) {
      return error;
    }
    throw new Error(`${name} exported although the test expects it to fail`);
  };
  const v1 = await failure('v1');
  const v1QueryCount = counting.count;
  const v2 = await failure('v2');
  const v2QueryCount = counting.count;
  const v1Orm = await failure('v1-orm');
  expect((v1Orm as Error).name, 'v1-orm must fail as v1 does').toBe((v1 as Error).name);
  return { v1, v2, v1QueryCount, v2QueryCount };
}
