import { describe, expect, it } from 'vitest';
import { passesFilterKeepingNoSubstance, passesFilterRequiringSubstance } from './substance-filter-match.ts';

describe('substance filter rules (spec 4.7)', () => {
  const active = { ids: new Set([1, 2]) };

  it('sheets 2-4: keeps rows without a substance, drops substances outside the list', () => {
    expect([1, 3, null].map((id) => passesFilterKeepingNoSubstance(active, id))).toEqual([true, false, true]);
  });

  it('sheets 5-6: drops rows without a substance when the filter is active', () => {
    expect([1, 3, null].map((id) => passesFilterRequiringSubstance(active, id))).toEqual([
      true,
      false,
      false,
    ]);
  });

  it('filters nothing when the filter is null or its list is empty (spec 8.2)', () => {
    for (const filter of [null, { ids: new Set<number>() }]) {
      expect([1, 3, null].map((id) => passesFilterKeepingNoSubstance(filter, id))).toEqual([
        true,
        true,
        true,
      ]);
      expect([1, 3, null].map((id) => passesFilterRequiringSubstance(filter, id))).toEqual([
        true,
        true,
        true,
      ]);
    }
  });
});
