import { CHILD_QUERIES } from './child-queries.ts';
import type { OrmModelName } from './orm-models.ts';
import type { ChildRelation, ChildRelations } from './records.ts';

/**
 * An x2many field of `document.extraction` and the statement Odoo 18 reads it with, for a batch of
 * documents. Each statement returns `(parent, line)` pairs in the order the cache keeps them.
 */
export interface X2ManyField {
  /** The field's key in the cache (the child table for a one2many). */
  name: string;
  /** For a one2many: the line model, whose `document_id` the read caches as well. */
  inverseOf: OrmModelName | null;
  sql(parentIds: readonly number[]): string;
}

const inList = (ids: readonly number[]) => ids.join(', ');

/**
 * `One2many.read`: `search_fetch([('document_id', 'in', ids)], ['document_id'])` on the line model, ordered by
 * its `_order`. A many2one in `_order` (`document_id` of the two collection tables) sorts by the
 * document's own `_order` through a LEFT JOIN, as the traces show.
 *
 * Adapted: `collection_recycling_report`'s `_order` (`document_id, substance_name`) has no tie-break in
 * Odoo, so equal names come in whatever order the plan gives (spec 8.6); here they are ordered by
 * code-point name and id, the contract every collector follows.
 */
function one2many(table: ChildRelation): X2ManyField {
  const t = `"${table}"`;
  const select = `SELECT ${t}."id" AS "line", ${t}."document_id" AS "parent" FROM ${t}`;
  const where = (ids: readonly number[]) => `WHERE (${t}."document_id" IN (${inList(ids)}))`;
  if (table === 'collection_recycling' || table === 'collection_recycling_report') {
    const d = `"${table}__document_id"`;
    const join = `LEFT JOIN "document_extraction" AS ${d} ON (${t}."document_id" = ${d}."id")`;
    const byDocument = `${d}."extraction_date" DESC, ${d}."id" DESC`;
    const within =
      table === 'collection_recycling'
        ? `${t}."sequence", ${t}."id"`
        : `${t}."substance_name" COLLATE "C", ${t}."id"`;
    return {
      name: table,
      inverseOf: table,
      sql: (ids) => `${select} ${join} ${where(ids)} ORDER BY ${byDocument}, ${within}`,
    };
  }
  return {
    name: table,
    inverseOf: table,
    sql: (ids) => `${select} ${where(ids)} ORDER BY ${t}."sequence", ${t}."id"`,
  };
}

/** The one2many fields the sheets read, by line table. */
export const ONE2MANY_FIELDS: { readonly [R in ChildRelation]: X2ManyField } = {
  substance_usage: one2many('substance_usage'),
  quota_usage: one2many('quota_usage'),
  equipment_product: one2many('equipment_product'),
  equipment_product_report: one2many('equipment_product_report'),
  equipment_ownership: one2many('equipment_ownership'),
  equipment_ownership_report: one2many('equipment_ownership_report'),
  collection_recycling: one2many('collection_recycling'),
  collection_recycling_report: one2many('collection_recycling_report'),
};

/**
 * `activity_field_ids` (`Many2many.read`): the rel table joined to the comodel, ordered by the comodel's
 * `_order` (`sequence, name`); no `active` condition in SQL (archived fields are dropped in Python).
 */
export const ACTIVITY_FIELD_IDS: X2ManyField = {
  name: 'activity_field_ids',
  inverseOf: null,
  sql: (ids) => {
    const rel = '"document_extraction_activity_field_rel"';
    return (
      `SELECT ${rel}."document_id" AS "parent", ${rel}."activity_field_id" AS "line" FROM "activity_field" ` +
      `JOIN ${rel} ON (${rel}."activity_field_id" = "activity_field"."id") ` +
      `WHERE ${rel}."document_id" IN (${inList(ids)}) ` +
      `ORDER BY "activity_field"."sequence", "activity_field"."name"->>'en_US'`
    );
  },
};

/**
 * The column behind each field of the child record types (`records.ts`). A field missing from a table
 * (`production_type` on Form 01 products, `notes` on Form 01 ownership) is absent here and reads as null.
 */
const CHILD_FIELD_COLUMNS: Readonly<Record<string, string>> = {
  sequence: 'sequence',
  isTitle: 'is_title',
  substanceId: 'substance_id',
  substanceName: 'substance_name',
  notes: 'notes',
  year1QuantityKg: 'year_1_quantity_kg',
  year1QuantityCo2: 'year_1_quantity_co2',
  year2QuantityKg: 'year_2_quantity_kg',
  year2QuantityCo2: 'year_2_quantity_co2',
  year3QuantityKg: 'year_3_quantity_kg',
  year3QuantityCo2: 'year_3_quantity_co2',
  hsCode: 'hs_code',
  allocatedQuotaKg: 'allocated_quota_kg',
  allocatedQuotaCo2: 'allocated_quota_co2',
  adjustedQuotaKg: 'adjusted_quota_kg',
  adjustedQuotaCo2: 'adjusted_quota_co2',
  totalQuotaKg: 'total_quota_kg',
  totalQuotaCo2: 'total_quota_co2',
  nextYearQuotaKg: 'next_year_quota_kg',
  nextYearQuotaCo2: 'next_year_quota_co2',
  productType: 'product_type',
  hsCodeId: 'hs_code_id',
  capacity: 'capacity',
  coolingCapacity: 'cooling_capacity',
  powerCapacity: 'power_capacity',
  quantity: 'quantity',
  substanceQuantityPerUnit: 'substance_quantity_per_unit',
  productionType: 'production_type',
  equipmentType: 'equipment_type',
  startYear: 'start_year',
  equipmentQuantity: 'equipment_quantity',
  refillFrequency: 'refill_frequency',
  substanceQuantityPerRefill: 'substance_quantity_per_refill',
  quantityKg: 'quantity_kg',
  collectionQuantityKg: 'collection_quantity_kg',
  reuseQuantityKg: 'reuse_quantity_kg',
  recycleQuantityKg: 'recycle_quantity_kg',
  disposalQuantityKg: 'disposal_quantity_kg',
  collectionLocation: 'collection_location',
  storageLocation: 'storage_location',
  reuseTechnology: 'reuse_technology',
  recycleTechnology: 'recycle_technology',
  recycleUsageLocation: 'recycle_usage_location',
  disposalTechnology: 'disposal_technology',
  disposalFacility: 'disposal_facility',
};

/** The record fields of a table's child records and their columns (absent columns read as null). */
export interface ChildRecordShape {
  /** `[record field, column]` of the columns the table has, in record-field order. */
  present: readonly (readonly [string, string])[];
  /** Record fields the table has no column for. */
  absent: readonly string[];
}

/** Which record fields a table with `tableColumns` fills, and from which columns. */
export function childRecordShape(tableColumns: ReadonlySet<string>): ChildRecordShape {
  const entries = Object.entries(CHILD_FIELD_COLUMNS);
  return {
    present: entries.filter(([, column]) => tableColumns.has(column)),
    absent: entries.filter(([, column]) => !tableColumns.has(column)).map(([field]) => field),
  };
}

/**
 * A child record from its cached column values (`values[i]` belongs to `shape.present[i]`), converted exactly
 * as `CHILD_QUERIES` converts v1's and v2's rows (one parse of `numeric`, one place), so all collectors hand
 * the sheets identical records.
 */
export function childRecord<R extends ChildRelation>(
  relation: R,
  id: number,
  shape: ChildRecordShape,
  values: readonly unknown[],
): ChildRelations[R] {
  const row: Record<string, unknown> = { id };
  shape.present.forEach(([field], index) => (row[field] = values[index] ?? null));
  for (const field of shape.absent) row[field] = null;
  return CHILD_QUERIES[relation].toRecord(row);
}
