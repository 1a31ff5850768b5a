/** The three capacity columns of `equipment_product(_report)` and `equipment_ownership(_report)`. */
export interface CapacityColumns {
  capacity: string | null;
  coolingCapacity: string | null;
  powerCapacity: string | null;
}

/**
 * `_format_capacity` (spec 4.0b), the NangSuat column of sheets 2 and 3: `capacity` unchanged when it is
 * truthy (whitespace-only counts), otherwise the truthy values among cooling and power capacity joined by
 * `'/'` (`"5 HP/3.5 kW"`), or `''`. Always a string.
 */
export function formatCapacity(row: CapacityColumns): string {
  if (row.capacity) return row.capacity;
  return [row.coolingCapacity, row.powerCapacity].filter((part): part is string => Boolean(part)).join('/');
}
