import { describe, expect, it } from 'vitest';
import { makeDocument, makeSubstanceUsage } from './record-fixtures.ts';
import { usageYears } from './usage-years.ts';

describe('usageYears', () => {
  it('emits years 1-3 in order when kg or CO2 is non-zero; NULL years give 0', () => {
    const doc = makeDocument({ id: 1, year1: 2022, year2: null, year3: 2024 });
    const record = makeSubstanceUsage({
      id: 10,
      year1QuantityKg: 1.5,
      year1QuantityCo2: null,
      year2QuantityKg: 0,
      year2QuantityCo2: 2.25,
      year3QuantityKg: 0,
      year3QuantityCo2: null,
    });
    expect(usageYears(doc, record)).toEqual([
      { dataYear: 2022, quantityKg: 1.5, quantityCo2: 0 },
      { dataYear: 0, quantityKg: 0, quantityCo2: 2.25 },
    ]);
  });

  it('emits nothing for a record whose quantities are all zero or NULL', () => {
    const doc = makeDocument({ id: 1, year1: 2022, year2: 2023, year3: 2024 });
    expect(usageYears(doc, makeSubstanceUsage({ id: 10, year1QuantityKg: 0, year2QuantityCo2: 0 }))).toEqual(
      [],
    );
  });
});
