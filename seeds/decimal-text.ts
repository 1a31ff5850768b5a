/**
 * Exact decimal text from an integer count of `10^-decimals` units, e.g. `(-123456, 4)` gives `'-12.3456'`.
 * Seeded `numeric` values are built this way so that no binary float ever touches them (spec: at most 4
 * decimals, as Odoo rounds on write).
 */
export function decimalText(units: number, decimals: number): string {
  if (!Number.isSafeInteger(units))
    throw new RangeError(`decimalText: units must be a safe integer, got ${units}`);
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 4) {
    throw new RangeError(`decimalText: decimals must be an integer 0..4, got ${decimals}`);
  }
  if (decimals === 0) return String(units);
  const sign = units < 0 ? '-' : '';
  const digits = String(Math.abs(units)).padStart(decimals + 1, '0');
  return `${sign}${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}

/**
 * Timestamp text `YYYY-MM-DD HH:MM:SS.ffffff` (naive UTC, as Odoo stores datetimes) from microseconds since
 * the Unix epoch.
 */
export function timestampText(epochMicros: number): string {
  if (!Number.isSafeInteger(epochMicros) || epochMicros < 0) {
    throw new RangeError(
      `timestampText: epochMicros must be a non-negative safe integer, got ${epochMicros}`,
    );
  }
  const iso = new Date(Math.floor(epochMicros / 1000)).toISOString();
  const micros = String(epochMicros % 1_000_000).padStart(6, '0');
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${micros}`;
}

/** `YYYY-MM-DD` from microseconds since the Unix epoch (UTC). */
export function dateText(epochMicros: number): string {
  return timestampText(epochMicros).slice(0, 10);
}
