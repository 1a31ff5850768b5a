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
 * the Unix epoch. Integer arithmetic only (days to a civil date by Howard Hinnant's algorithm): the seeder
 * formats about two timestamps per document, and `Date#toISOString` took about 8 % of its generation time. The
 * test compares it with `Date` over a spread of instants.
 */
export function timestampText(epochMicros: number): string {
  if (!Number.isSafeInteger(epochMicros) || epochMicros < 0) {
    throw new RangeError(
      `timestampText: epochMicros must be a non-negative safe integer, got ${epochMicros}`,
    );
  }
  const micros = epochMicros % 1_000_000;
  const seconds = (epochMicros - micros) / 1_000_000;
  const secondOfDay = seconds % 86_400;
  const { year, month, day } = civilDate((seconds - secondOfDay) / 86_400);
  const hour = Math.floor(secondOfDay / 3600);
  const minute = Math.floor((secondOfDay % 3600) / 60);
  return (
    `${year}-${two(month)}-${two(day)} ` +
    `${two(hour)}:${two(minute)}:${two(secondOfDay % 60)}.${String(micros).padStart(6, '0')}`
  );
}

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** The proleptic Gregorian date of `days` since 1970-01-01 (days >= 0). */
function civilDate(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** `YYYY-MM-DD` from microseconds since the Unix epoch (UTC). */
export function dateText(epochMicros: number): string {
  return timestampText(epochMicros).slice(0, 10);
}
