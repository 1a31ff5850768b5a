/**
 * Records as the export reads them (spec sections 1 and 4). Values keep SQL NULL as `null`; the sheet
 * builders apply Odoo's read conversions (`x or ''`, `x or 0`) themselves, so both collectors hand over
 * exactly what is stored. `numeric` columns arrive already parsed with `parseNumeric` (one parse, one
 * place, for both collectors).
 */

/** `document_extraction`, the columns the export reads. */
export interface DocumentRecord {
  id: number;
  /** `'01'` (Form 01, registration) or `'02'` (Form 02, report); a selection column, so plain text. */
  documentType: string;
  year: number | null;
  year1: number | null;
  year2: number | null;
  year3: number | null;
  organizationId: number | null;
  contactStateId: number | null;
  legalRepresentativeName: string | null;
  legalRepresentativePosition: string | null;
  contactPersonName: string | null;
  contactAddress: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
}

/** `res_partner`, the columns the export reads. */
export interface OrganizationRecord {
  id: number;
  name: string | null;
  businessId: string | null;
}

/** Fields common to the child tables that have `sequence` and `is_title`. */
export interface SequencedChild {
  id: number;
  sequence: number | null;
  isTitle: boolean | null;
}

/** `substance_usage` (Form 01, table 1.1). */
export interface SubstanceUsageRow extends SequencedChild {
  substanceId: number | null;
  substanceName: string | null;
  notes: string | null;
  year1QuantityKg: number | null;
  year1QuantityCo2: number | null;
  year2QuantityKg: number | null;
  year2QuantityCo2: number | null;
  year3QuantityKg: number | null;
  year3QuantityCo2: number | null;
}

/** `quota_usage` (Form 02, table 2.1). */
export interface QuotaUsageRow extends SequencedChild {
  substanceId: number | null;
  substanceName: string | null;
  hsCode: string | null;
  notes: string | null;
  allocatedQuotaKg: number | null;
  allocatedQuotaCo2: number | null;
  adjustedQuotaKg: number | null;
  adjustedQuotaCo2: number | null;
  totalQuotaKg: number | null;
  totalQuotaCo2: number | null;
  nextYearQuotaKg: number | null;
  nextYearQuotaCo2: number | null;
}

/** `equipment_product` (Form 01, 1.2) and `equipment_product_report` (Form 02, 2.2). */
export interface EquipmentProductRow extends SequencedChild {
  productType: string | null;
  hsCodeId: number | null;
  capacity: string | null;
  coolingCapacity: string | null;
  powerCapacity: string | null;
  quantity: number | null;
  substanceId: number | null;
  substanceQuantityPerUnit: string | null;
  /** Only on `equipment_product_report`; always `null` for Form 01. */
  productionType: string | null;
}

/** `equipment_ownership` (Form 01, 1.3) and `equipment_ownership_report` (Form 02, 2.3). */
export interface EquipmentOwnershipRow extends SequencedChild {
  equipmentType: string | null;
  startYear: number | null;
  capacity: string | null;
  coolingCapacity: string | null;
  powerCapacity: string | null;
  equipmentQuantity: number | null;
  substanceId: number | null;
  refillFrequency: string | null;
  substanceQuantityPerRefill: string | null;
  /** Only on `equipment_ownership_report`; always `null` for Form 01 (that table has no notes). */
  notes: string | null;
}

/** `collection_recycling` (Form 01, 1.4). */
export interface CollectionRecyclingRow extends SequencedChild {
  substanceId: number | null;
  substanceName: string | null;
  quantityKg: number | null;
}

/** `collection_recycling_report` (Form 02, 2.4): no sequence, no title. */
export interface CollectionRecyclingReportRow {
  id: number;
  substanceId: number | null;
  substanceName: string | null;
  collectionQuantityKg: number | null;
  reuseQuantityKg: number | null;
  recycleQuantityKg: number | null;
  disposalQuantityKg: number | null;
  collectionLocation: string | null;
  storageLocation: string | null;
  reuseTechnology: string | null;
  recycleTechnology: string | null;
  recycleUsageLocation: string | null;
  disposalTechnology: string | null;
  disposalFacility: string | null;
}

/** The child relations the export reads, by table name, with their row types. */
export interface ChildRelations {
  substance_usage: SubstanceUsageRow;
  quota_usage: QuotaUsageRow;
  equipment_product: EquipmentProductRow;
  equipment_product_report: EquipmentProductRow;
  equipment_ownership: EquipmentOwnershipRow;
  equipment_ownership_report: EquipmentOwnershipRow;
  collection_recycling: CollectionRecyclingRow;
  collection_recycling_report: CollectionRecyclingReportRow;
}

export type ChildRelation = keyof ChildRelations;

/**
 * `numeric` columns: node-postgres returns them as strings. The contract reads them as the nearest double
 * to the stored decimal (`Number(text)`), not rounded, NULL kept as `null`.
 */
export function parseNumeric(text: string | null): number | null {
  return text === null ? null : Number(text);
}
