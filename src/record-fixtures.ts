import type {
  CollectionRecyclingReportRow,
  CollectionRecyclingRow,
  DocumentRecord,
  EquipmentOwnershipRow,
  EquipmentProductRow,
  QuotaUsageRow,
  SubstanceUsageRow,
} from './records.ts';

/**
 * Record factories for unit tests: every column NULL (or `false` for `isTitle`) unless overridden, so a
 * test states only the values it is about.
 */

type WithId<T> = Partial<T> & { id: number };

export function makeDocument(values: WithId<DocumentRecord>): DocumentRecord {
  return {
    documentType: '01',
    year: null,
    year1: null,
    year2: null,
    year3: null,
    organizationId: null,
    contactStateId: null,
    legalRepresentativeName: null,
    legalRepresentativePosition: null,
    contactPersonName: null,
    contactAddress: null,
    contactPhone: null,
    contactEmail: null,
    ...values,
  };
}

export function makeSubstanceUsage(values: WithId<SubstanceUsageRow>): SubstanceUsageRow {
  return {
    sequence: null,
    isTitle: false,
    substanceId: null,
    substanceName: null,
    notes: null,
    year1QuantityKg: null,
    year1QuantityCo2: null,
    year2QuantityKg: null,
    year2QuantityCo2: null,
    year3QuantityKg: null,
    year3QuantityCo2: null,
    ...values,
  };
}

export function makeQuotaUsage(values: WithId<QuotaUsageRow>): QuotaUsageRow {
  return {
    sequence: null,
    isTitle: false,
    substanceId: null,
    substanceName: null,
    hsCode: null,
    notes: null,
    allocatedQuotaKg: null,
    allocatedQuotaCo2: null,
    adjustedQuotaKg: null,
    adjustedQuotaCo2: null,
    totalQuotaKg: null,
    totalQuotaCo2: null,
    nextYearQuotaKg: null,
    nextYearQuotaCo2: null,
    ...values,
  };
}

export function makeEquipmentProduct(values: WithId<EquipmentProductRow>): EquipmentProductRow {
  return {
    sequence: null,
    isTitle: false,
    productType: null,
    hsCodeId: null,
    capacity: null,
    coolingCapacity: null,
    powerCapacity: null,
    quantity: null,
    substanceId: null,
    substanceQuantityPerUnit: null,
    productionType: null,
    ...values,
  };
}

export function makeEquipmentOwnership(values: WithId<EquipmentOwnershipRow>): EquipmentOwnershipRow {
  return {
    sequence: null,
    isTitle: false,
    equipmentType: null,
    startYear: null,
    capacity: null,
    coolingCapacity: null,
    powerCapacity: null,
    equipmentQuantity: null,
    substanceId: null,
    refillFrequency: null,
    substanceQuantityPerRefill: null,
    notes: null,
    ...values,
  };
}

export function makeCollectionRecycling(values: WithId<CollectionRecyclingRow>): CollectionRecyclingRow {
  return {
    sequence: null,
    isTitle: false,
    substanceId: null,
    substanceName: null,
    quantityKg: null,
    ...values,
  };
}

export function makeCollectionRecyclingReport(
  values: WithId<CollectionRecyclingReportRow>,
): CollectionRecyclingReportRow {
  return {
    substanceId: null,
    substanceName: null,
    collectionQuantityKg: null,
    reuseQuantityKg: null,
    recycleQuantityKg: null,
    disposalQuantityKg: null,
    collectionLocation: null,
    storageLocation: null,
    reuseTechnology: null,
    recycleTechnology: null,
    recycleUsageLocation: null,
    disposalTechnology: null,
    disposalFacility: null,
    ...values,
  };
}
