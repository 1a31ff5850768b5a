import { describe, expect, it } from 'vitest';
import { copyTextRows, copyTextValue } from './copy-text.ts';

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

describe('copyTextRows', () => {
  it('writes a tab-separated, newline-terminated line per row', () => {
    expect(
      copyTextRows([
        [1, null, ' ', 'x'],
        ['a\tb', false, 2.5, { en_US: 'y' }],
      ]),
    ).toBe('1\t\\N\t \tx\na\\tb\tf\t2.5\t{"en_US":"y"}\n');
  });

  it('writes nothing for no rows, and an empty line for a row without values', () => {
    expect(copyTextRows([])).toBe('');
    expect(copyTextRows([[]])).toBe('\n');
  });

  it('formats every cell as copyTextValue does', () => {
    const row = [null, true, -12, 'a\\b', 'a\nb\rc', '', 'Đà Nẵng', { en_US: 'Hà "Nội"' }] as const;
    expect(copyTextRows([row])).toBe(`${row.map((v) => copyTextValue(v)).join('\t')}\n`);
  });

  it('refuses non-finite numbers', () => {
    expect(() => copyTextRows([[1, Number.POSITIVE_INFINITY]])).toThrow(/finite/);
  });
});
