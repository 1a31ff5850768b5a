/**
 * Python's `x or default` for the values the sheets write (spec 4.8). The records keep SQL NULL as `null`;
 * these helpers apply the truthiness of the value as Odoo's ORM hands it to the export code.
 */

/** `x or ''` for a Char/Text value: NULL and `''` give `''`; whitespace is truthy and kept. */
export function textOrEmpty(value: string | null): string {
  return value ? value : '';
}

/**
 * `x or 0` for an Integer or Float value. Unlike JavaScript's `x || 0`, a NaN is kept: `float('nan')` is
 * truthy in Python (PostgreSQL `numeric` can store NaN).
 */
export function numberOrZero(value: number | null): number {
  return value === null || value === 0 ? 0 : value;
}

/** Python truthiness of a numeric value: NULL, 0 and -0 are falsy; NaN and negatives are truthy. */
export function isNonZero(value: number | null): boolean {
  return value !== null && value !== 0;
}
