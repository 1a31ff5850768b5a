import { describe, expect, it } from 'vitest';
import { copyTextLine, copyTextValue } from './copy-text.ts';

describe('copyTextValue', () => {
  it('writes NULL, booleans, numbers and jsonb values in COPY text form', () => {
    expect(copyTextValue(null)).toBe('\\N');
    expect(copyTextValue(true)).toBe('t');
    expect(copyTextValue(false)).toBe('f');
    expect(copyTextValue(-12)).toBe('-12');
    expect(copyTextValue({ en_US: 'Hà "Nội"' })).toBe('{"en_US":"Hà \\\\"Nội\\\\""}');
  });

  it('escapes backslash, tab, newline and carriage return, and leaves other text alone', () => {
    expect(copyTextValue('a\\b')).toBe('a\\\\b');
    expect(copyTextValue('a\tb\nc\rd')).toBe('a\\tb\\nc\\rd');
    expect(copyTextValue('\\N')).toBe('\\\\N');
    expect(copyTextValue('')).toBe('');
    expect(copyTextValue('Đà Nẵng 100%_')).toBe('Đà Nẵng 100%_');
  });

  it('refuses non-finite numbers', () => {
    expect(() => copyTextValue(Number.NaN)).toThrow(/finite/);
  });
});

describe('copyTextLine', () => {
  it('joins values with tabs and ends with a newline', () => {
    expect(copyTextLine([1, null, ' ', 'x'])).toBe('1\t\\N\t \tx\n');
  });

  it('writes an empty line for a row without values', () => {
    expect(copyTextLine([])).toBe('\n');
  });

  it('formats every cell as copyTextValue does, and refuses non-finite numbers', () => {
    const row = [null, true, -12, 'a\\b', 'a\nb\rc', '', 'Đà Nẵng', { en_US: 'Hà "Nội"' }] as const;
    expect(copyTextLine(row)).toBe(`${row.map((v) => copyTextValue(v)).join('\t')}\n`);
    expect(() => copyTextLine([1, Number.POSITIVE_INFINITY])).toThrow(/finite/);
  });
});
