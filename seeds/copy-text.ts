import type { SeedValue } from './seed-row.ts';

/**
 * One value in PostgreSQL's COPY text format: `\N` for NULL; backslash, newline, carriage return and tab
 * escaped (the only characters that would be read as syntax); booleans as `t`/`f`; translated (jsonb)
 * values as JSON text.
 */
export function copyTextValue(value: SeedValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`COPY value must be a finite number, got ${value}`);
    return String(value);
  }
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.replace(/[\\\n\r\t]/g, escapeChar);
}

function escapeChar(char: string): string {
  switch (char) {
    case '\\':
      return '\\\\';
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
    default:
      return '\\t';
  }
}

/** One COPY text line (tab-separated, newline-terminated). */
export function copyTextLine(values: readonly SeedValue[]): string {
  return `${values.map(copyTextValue).join('\t')}\n`;
}
