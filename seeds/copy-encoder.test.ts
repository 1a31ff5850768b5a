import { describe, expect, it } from 'vitest';
import { CopyTextEncoder } from './copy-encoder.ts';
import { copyTextLine } from './copy-text.ts';
import type { SeedValue } from './seed-row.ts';

function encode(rows: readonly (readonly SeedValue[])[]): Buffer {
  const encoder = new CopyTextEncoder();
  for (const row of rows) encoder.row(row);
  return encoder.take();
}

function reference(rows: readonly (readonly SeedValue[])[]): Buffer {
  return Buffer.from(rows.map((row) => copyTextLine(row)).join(''), 'utf8');
}

describe('CopyTextEncoder', () => {
  it('writes each kind of value as copyTextLine does, in UTF-8', () => {
    const rows: SeedValue[][] = [
      [0, -0, 7, -7, 10, 99, 100, 1234567890, -1234567890, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER],
      [2 ** 53, -(2 ** 60), 1e21, 0.5, -3.25, 1e-7, 123.456],
      [null, true, false, '', ' ', '\\N', 'plain ASCII 100%_'],
      ['a\\b', 'a\tb', 'a\nb', 'a\rb', 'tail\\', '\ttab first'],
      ['Đà Nẵng', 'Công ty TNHH Điện lạnh Đông Á', 'café', 'emoji 🙂', 'lone \ud800 surrogate', 'Hà\tNội\\'],
      [{ en_US: 'Hà "Nội"', vi_VN: 'Hà Nội\n' }],
      [],
    ];
    for (const row of rows)
      expect(encode([row]).toString('hex'), JSON.stringify(row)).toBe(reference([row]).toString('hex'));
    expect(encode(rows).equals(reference(rows))).toBe(true);
  });

  it('refuses non-finite numbers', () => {
    expect(() => encode([[1, Number.NaN]])).toThrow(/finite/);
    expect(() => encode([[Number.NEGATIVE_INFINITY]])).toThrow(/finite/);
  });

  it('grows past its first buffer without losing bytes, and starts afresh after take', () => {
    const long = 'x'.repeat(50_000);
    const rows: SeedValue[][] = Array.from({ length: 40 }, (_, i) => [i, long, `Đ${long}`, i * -1001]);
    const encoder = new CopyTextEncoder();
    for (const row of rows) encoder.row(row);
    const first = encoder.take();
    expect(first.equals(reference(rows))).toBe(true);
    encoder.row([1, 'b']);
    const second = encoder.take();
    expect(second.toString('utf8')).toBe('1\tb\n');
    // The first batch's bytes are not overwritten by later rows.
    expect(first.equals(reference(rows))).toBe(true);
  });
});
