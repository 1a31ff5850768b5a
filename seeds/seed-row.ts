/**
 * The shape the seed generator hands to the loader: rows of one table, with the column list they fill.
 * Columns not listed keep their database default (NULL for every column Odoo creates without a default).
 */

/** A translated (Odoo `translate=True`) value, stored as `jsonb`: `{"en_US": "...", "vi_VN": "..."}`. */
export interface TranslatedValue {
  readonly en_US: string;
  readonly [lang: string]: string;
}

/**
 * One cell as generated. `numeric` columns are strings with at most 4 decimals (no float noise);
 * timestamps are strings `YYYY-MM-DD HH:MM:SS.ffffff` (naive UTC, as Odoo stores them); `jsonb` columns are
 * objects; `null` is SQL NULL.
 */
export type SeedValue = string | number | boolean | null | TranslatedValue;

/** Rows of one table, all with the same `columns`. */
export interface TableBatch {
  readonly table: SeededTable;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly SeedValue[])[];
}

/**
 * Every table the seeder writes, in load order (parents before children, so foreign keys hold at every
 * step). `contentHash` reads them in this order too.
 */
export const SEEDED_TABLES = [
  'res_country',
  'res_country_state',
  'activity_field',
  'substance_group',
  'hs_code',
  'controlled_substance',
  'controlled_substance_sub_hs_code_rel',
  'equipment_type',
  'res_partner',
  'document_extraction',
  'document_extraction_activity_field_rel',
  'substance_usage',
  'quota_usage',
  'equipment_product',
  'equipment_product_report',
  'equipment_ownership',
  'equipment_ownership_report',
  'collection_recycling',
  'collection_recycling_report',
] as const;

export type SeededTable = (typeof SEEDED_TABLES)[number];

/** The many2many relation tables: no `id` column, no sequence. */
export const RELATION_TABLES: ReadonlySet<SeededTable> = new Set([
  'controlled_substance_sub_hs_code_rel',
  'document_extraction_activity_field_rel',
]);

/** The master-data tables: a few hundred rows in all, loaded on one connection. */
export const MASTER_TABLES: ReadonlySet<SeededTable> = new Set([
  'res_country',
  'res_country_state',
  'activity_field',
  'substance_group',
  'hs_code',
  'controlled_substance',
  'controlled_substance_sub_hs_code_rel',
  'equipment_type',
]);
