import type { ChildRelation, ChildRelations } from './records.ts';
import { parseNumeric } from './records.ts';

/**
 * How each child relation is read: its columns (as the record types name them), its database order, and the
 * mapping from a result row to a record. Both collectors read children through these definitions, so they
 * read the same columns in the same order and parse `numeric` the same way; only *how many rows per round
 * trip* differs (v1: one document, v2: all documents).
 */
interface ChildQuery<R extends ChildRelation> {
  relation: R;
  /** `SELECT` list over alias `c`, aliased to the record's field names. */
  columns: string;
  /** The relation's `_order` within one document (spec 1.9 and the 4.4 collation decision). */
  orderBy: string;
  toRecord(row: Record<string, unknown>): ChildRelations[R];
}

type Row = Record<string, unknown>;
const int = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
// pg hands these columns over as strings, numbers or booleans (never objects), so JSON text is their text.
const text = (v: unknown): string | null =>
  v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v);
const bool = (v: unknown): boolean | null => (v === null || v === undefined ? null : Boolean(v));
const num = (v: unknown): number | null => parseNumeric(text(v));

const SEQUENCED = `c.id, c.sequence, c.is_title AS "isTitle"`;
const SEQUENCE_ORDER = 'c.sequence, c.id'; // Odoo `_order = 'sequence, id'`: ASC, NULLS LAST

function sequenced(row: Row) {
  return { id: Number(row.id), sequence: int(row.sequence), isTitle: bool(row.isTitle) };
}

const equipmentProduct = <R extends 'equipment_product' | 'equipment_product_report'>(
  relation: R,
): ChildQuery<R> => ({
  relation,
  columns: `${SEQUENCED}, c.product_type AS "productType", c.hs_code_id AS "hsCodeId", c.capacity,
    c.cooling_capacity AS "coolingCapacity", c.power_capacity AS "powerCapacity", c.quantity::text AS quantity,
    c.substance_id AS "substanceId", c.substance_quantity_per_unit AS "substanceQuantityPerUnit",
    ${relation === 'equipment_product_report' ? 'c.production_type' : 'NULL::varchar'} AS "productionType"`,
  orderBy: SEQUENCE_ORDER,
  toRecord: (row) => ({
    ...sequenced(row),
    productType: text(row.productType),
    hsCodeId: int(row.hsCodeId),
    capacity: text(row.capacity),
    coolingCapacity: text(row.coolingCapacity),
    powerCapacity: text(row.powerCapacity),
    quantity: num(row.quantity),
    substanceId: int(row.substanceId),
    substanceQuantityPerUnit: text(row.substanceQuantityPerUnit),
    productionType: text(row.productionType),
  }),
});

const equipmentOwnership = <R extends 'equipment_ownership' | 'equipment_ownership_report'>(
  relation: R,
): ChildQuery<R> => ({
  relation,
  columns: `${SEQUENCED}, c.equipment_type AS "equipmentType", c.start_year AS "startYear", c.capacity,
    c.cooling_capacity AS "coolingCapacity", c.power_capacity AS "powerCapacity",
    c.equipment_quantity AS "equipmentQuantity", c.substance_id AS "substanceId",
    c.refill_frequency AS "refillFrequency", c.substance_quantity_per_refill AS "substanceQuantityPerRefill",
    ${relation === 'equipment_ownership_report' ? 'c.notes' : 'NULL::text'} AS notes`,
  orderBy: SEQUENCE_ORDER,
  toRecord: (row) => ({
    ...sequenced(row),
    equipmentType: text(row.equipmentType),
    startYear: int(row.startYear),
    capacity: text(row.capacity),
    coolingCapacity: text(row.coolingCapacity),
    powerCapacity: text(row.powerCapacity),
    equipmentQuantity: int(row.equipmentQuantity),
    substanceId: int(row.substanceId),
    refillFrequency: text(row.refillFrequency),
    substanceQuantityPerRefill: text(row.substanceQuantityPerRefill),
    notes: text(row.notes),
  }),
});

/** Every child relation the export reads, by table name. */
export const CHILD_QUERIES: { [R in ChildRelation]: ChildQuery<R> } = {
  substance_usage: {
    relation: 'substance_usage',
    columns: `${SEQUENCED}, c.substance_id AS "substanceId", c.substance_name AS "substanceName", c.notes,
      c.year_1_quantity_kg::text AS "year1QuantityKg", c.year_1_quantity_co2::text AS "year1QuantityCo2",
      c.year_2_quantity_kg::text AS "year2QuantityKg", c.year_2_quantity_co2::text AS "year2QuantityCo2",
      c.year_3_quantity_kg::text AS "year3QuantityKg", c.year_3_quantity_co2::text AS "year3QuantityCo2"`,
    orderBy: SEQUENCE_ORDER,
    toRecord: (row) => ({
      ...sequenced(row),
      substanceId: int(row.substanceId),
      substanceName: text(row.substanceName),
      notes: text(row.notes),
      year1QuantityKg: num(row.year1QuantityKg),
      year1QuantityCo2: num(row.year1QuantityCo2),
      year2QuantityKg: num(row.year2QuantityKg),
      year2QuantityCo2: num(row.year2QuantityCo2),
      year3QuantityKg: num(row.year3QuantityKg),
      year3QuantityCo2: num(row.year3QuantityCo2),
    }),
  },
  quota_usage: {
    relation: 'quota_usage',
    columns: `${SEQUENCED}, c.substance_id AS "substanceId", c.substance_name AS "substanceName",
      c.hs_code AS "hsCode", c.notes,
      c.allocated_quota_kg::text AS "allocatedQuotaKg", c.allocated_quota_co2::text AS "allocatedQuotaCo2",
      c.adjusted_quota_kg::text AS "adjustedQuotaKg", c.adjusted_quota_co2::text AS "adjustedQuotaCo2",
      c.total_quota_kg::text AS "totalQuotaKg", c.total_quota_co2::text AS "totalQuotaCo2",
      c.next_year_quota_kg::text AS "nextYearQuotaKg", c.next_year_quota_co2::text AS "nextYearQuotaCo2"`,
    orderBy: SEQUENCE_ORDER,
    toRecord: (row) => ({
      ...sequenced(row),
      substanceId: int(row.substanceId),
      substanceName: text(row.substanceName),
      hsCode: text(row.hsCode),
      notes: text(row.notes),
      allocatedQuotaKg: num(row.allocatedQuotaKg),
      allocatedQuotaCo2: num(row.allocatedQuotaCo2),
      adjustedQuotaKg: num(row.adjustedQuotaKg),
      adjustedQuotaCo2: num(row.adjustedQuotaCo2),
      totalQuotaKg: num(row.totalQuotaKg),
      totalQuotaCo2: num(row.totalQuotaCo2),
      nextYearQuotaKg: num(row.nextYearQuotaKg),
      nextYearQuotaCo2: num(row.nextYearQuotaCo2),
    }),
  },
  equipment_product: equipmentProduct('equipment_product'),
  equipment_product_report: equipmentProduct('equipment_product_report'),
  equipment_ownership: equipmentOwnership('equipment_ownership'),
  equipment_ownership_report: equipmentOwnership('equipment_ownership_report'),
  collection_recycling: {
    relation: 'collection_recycling',
    columns: `${SEQUENCED}, c.substance_id AS "substanceId", c.substance_name AS "substanceName",
      c.quantity_kg::text AS "quantityKg"`,
    orderBy: SEQUENCE_ORDER,
    toRecord: (row) => ({
      ...sequenced(row),
      substanceId: int(row.substanceId),
      substanceName: text(row.substanceName),
      quantityKg: num(row.quantityKg),
    }),
  },
  collection_recycling_report: {
    relation: 'collection_recycling_report',
    columns: `c.id, c.substance_id AS "substanceId", c.substance_name AS "substanceName",
      c.collection_quantity_kg::text AS "collectionQuantityKg", c.reuse_quantity_kg::text AS "reuseQuantityKg",
      c.recycle_quantity_kg::text AS "recycleQuantityKg", c.disposal_quantity_kg::text AS "disposalQuantityKg",
      c.collection_location AS "collectionLocation", c.storage_location AS "storageLocation",
      c.reuse_technology AS "reuseTechnology", c.recycle_technology AS "recycleTechnology",
      c.recycle_usage_location AS "recycleUsageLocation", c.disposal_technology AS "disposalTechnology",
      c.disposal_facility AS "disposalFacility"`,
    // `_order = 'document_id, substance_name'` in database collation with no tie-break; the contract fixes
    // code-point order, NULLs last, then id (spec 4.4 decision).
    orderBy: 'c.substance_name COLLATE "C" NULLS LAST, c.id',
    toRecord: (row) => ({
      id: Number(row.id),
      substanceId: int(row.substanceId),
      substanceName: text(row.substanceName),
      collectionQuantityKg: num(row.collectionQuantityKg),
      reuseQuantityKg: num(row.reuseQuantityKg),
      recycleQuantityKg: num(row.recycleQuantityKg),
      disposalQuantityKg: num(row.disposalQuantityKg),
      collectionLocation: text(row.collectionLocation),
      storageLocation: text(row.storageLocation),
      reuseTechnology: text(row.reuseTechnology),
      recycleTechnology: text(row.recycleTechnology),
      recycleUsageLocation: text(row.recycleUsageLocation),
      disposalTechnology: text(row.disposalTechnology),
      disposalFacility: text(row.disposalFacility),
    }),
  },
};

/** The relations of each form (spec 4: only the document type's relations are read). */
export const FORM_RELATIONS = {
  '01': ['substance_usage', 'equipment_product', 'equipment_ownership', 'collection_recycling'],
  '02': [
    'quota_usage',
    'equipment_product_report',
    'equipment_ownership_report',
    'collection_recycling_report',
  ],
} as const satisfies Record<'01' | '02', readonly ChildRelation[]>;

/** The columns of `document_extraction` the export reads, aliased to `DocumentRecord` fields (alias `d`). */
export const DOCUMENT_COLUMNS = `d.id, d.document_type AS "documentType", d.year, d.year_1 AS "year1",
  d.year_2 AS "year2", d.year_3 AS "year3", d.organization_id AS "organizationId",
  d.contact_state_id AS "contactStateId", d.legal_representative_name AS "legalRepresentativeName",
  d.legal_representative_position AS "legalRepresentativePosition", d.contact_person_name AS "contactPersonName",
  d.contact_address AS "contactAddress", d.contact_phone AS "contactPhone", d.contact_email AS "contactEmail"`;
