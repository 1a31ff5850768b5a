import type { SeedValue } from './seed-row.ts';

/** The characters COPY's text format would read as syntax. */
const NEEDS_ESCAPE = /[\\\n\r\t]/;
const ESCAPES = /[\\\n\r\t]/g;

/**
 * One value in PostgreSQL's COPY text format: `\N` for NULL; backslash, newline, carriage return and tab
 * escaped (the only characters that would be read as syntax); booleans as `t`/`f`; translated (jsonb)
 * values as JSON text.
 */
export function copyTextValue(value: SeedValue): string {
  switch (typeof value) {
    case 'number':
      if (!Number.isFinite(value)) throw new RangeError(`COPY value must be a finite number, got ${value}`);
      return String(value);
    case 'boolean':
      return value ? 't' : 'f';
    case 'string':
      // Most strings need no escape: test first, which is much cheaper than a replace on every value.
      return NEEDS_ESCAPE.test(value) ? value.replace(ESCAPES, escapeChar) : value;
    default:
      if (value === null) return '\\N';
      return copyTextValue(JSON.stringify(value));
  }
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
  let line = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) line += '\t';
    line += copyTextValue(values[i] as SeedValue);
  }
  return `${line}\n`;
}
