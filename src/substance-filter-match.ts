import type { SubstanceFilter } from './substance-filter-type.ts';

/** `substance_filter_ids` is truthy: a non-empty list (an empty one disables filtering, spec 8.2). */
function isActive(filter: SubstanceFilter): filter is { ids: ReadonlySet<number> } {
  return filter !== null && filter.ids.size > 0;
}

/**
 * Substance-filter rule of sheets 2, 3 and 4 (spec 4.7): a row is dropped only when the filter is active,
 * the row has a substance, and that substance is not in the list. Rows without a substance are kept.
 */
export function passesFilterKeepingNoSubstance(filter: SubstanceFilter, substanceId: number | null): boolean {
  if (!isActive(filter) || substanceId === null) return true;
  return filter.ids.has(substanceId);
}

/**
 * Substance-filter rule of sheets 5 and 6 (spec 4.7): when the filter is active, a row passes only if its
 * substance is in the list, so rows without a substance are dropped (`False not in ids` in the original).
 */
export function passesFilterRequiringSubstance(filter: SubstanceFilter, substanceId: number | null): boolean {
  if (!isActive(filter)) return true;
  return substanceId !== null && filter.ids.has(substanceId);
}
