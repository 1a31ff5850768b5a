import { describe, expect, it } from 'vitest';
import { childOrder } from './child-order.ts';
import { makeSubstanceUsage } from './record-fixtures.ts';

describe('childOrder', () => {
  it('stably re-sorts database order by COALESCE(sequence, 0)', () => {
    // Database order: sequence NULLS LAST, id.
    const databaseOrder = [
      makeSubstanceUsage({ id: 7, sequence: 0 }),
      makeSubstanceUsage({ id: 3, sequence: 10 }),
      makeSubstanceUsage({ id: 1, sequence: 20 }),
      makeSubstanceUsage({ id: 2, sequence: 20 }),
      makeSubstanceUsage({ id: 4, sequence: null }),
      makeSubstanceUsage({ id: 5, sequence: null }),
    ];
    expect(childOrder(databaseOrder).map((row) => row.id)).toEqual([7, 4, 5, 3, 1, 2]);
    expect(databaseOrder.map((row) => row.id)).toEqual([7, 3, 1, 2, 4, 5]);
  });

  it('puts negative sequences before NULL ones', () => {
    const rows = [makeSubstanceUsage({ id: 1, sequence: -5 }), makeSubstanceUsage({ id: 2, sequence: null })];
    expect(childOrder([rows[1]!, rows[0]!]).map((row) => row.id)).toEqual([1, 2]);
  });
});
