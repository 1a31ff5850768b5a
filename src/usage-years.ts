import type { DocumentRecord, SubstanceUsageRow } from './records.ts';
import { isNonZero, numberOrZero } from './odoo-values.ts';

/** One year of a `substance_usage` record after the Form 01 unpivot of sheets 5 and 6. */
export interface UsageYear {
  /** NamDuLieu: `doc.year_i`, 0 when NULL. */
  dataYear: number;
  /** `year_i_quantity_kg or 0`. */
  quantityKg: number;
  /** `year_i_quantity_co2 or 0`. */
  quantityCo2: number;
}

/**
 * The Form 01 unpivot shared by sheets 5 and 6 (spec 4.5, 4.6): for i = 1, 2, 3 in that order, a year is
 * emitted when its kg **or** its CO2 value is non-zero (NULL counts as 0). Pure.
 */
export function usageYears(doc: DocumentRecord, record: SubstanceUsageRow): UsageYear[] {
  const candidates: [number | null, number | null, number | null][] = [
    [doc.year1, record.year1QuantityKg, record.year1QuantityCo2],
    [doc.year2, record.year2QuantityKg, record.year2QuantityCo2],
    [doc.year3, record.year3QuantityKg, record.year3QuantityCo2],
  ];
  const years: UsageYear[] = [];
  for (const [dataYear, quantityKg, quantityCo2] of candidates) {
    if (!isNonZero(quantityKg) && !isNonZero(quantityCo2)) continue;
    years.push({
      dataYear: numberOrZero(dataYear),
      quantityKg: numberOrZero(quantityKg),
      quantityCo2: numberOrZero(quantityCo2),
    });
  }
  return years;
}
