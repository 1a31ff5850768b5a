import { describe, expect, it } from 'vitest';
import { dateText, decimalText, timestampText } from './decimal-text.ts';

describe('decimalText', () => {
  it('places the decimal point by integer arithmetic, keeping trailing zeros', () => {
    expect(decimalText(123456, 4)).toBe('12.3456');
    expect(decimalText(-123456, 4)).toBe('-12.3456');
    expect(decimalText(5, 4)).toBe('0.0005');
    expect(decimalText(-5, 2)).toBe('-0.05');
    expect(decimalText(1200, 2)).toBe('12.00');
    expect(decimalText(42, 0)).toBe('42');
    expect(decimalText(0, 3)).toBe('0.000');
  });

  it('rejects more than 4 decimals and non-integers', () => {
    expect(() => decimalText(1, 5)).toThrow(/decimals must be an integer 0\.\.4/);
    expect(() => decimalText(1.5, 1)).toThrow(/units must be a safe integer/);
  });
});

describe('timestampText', () => {
  it('formats naive UTC with microseconds', () => {
    expect(timestampText(Date.UTC(2024, 1, 29, 13, 5, 9) * 1000 + 123_456)).toBe(
      '2024-02-29 13:05:09.123456',
    );
    expect(timestampText(0)).toBe('1970-01-01 00:00:00.000000');
    expect(dateText(Date.UTC(2021, 11, 31, 23, 59) * 1000)).toBe('2021-12-31');
  });

  it('agrees with Date over leap days, century years and a spread of instants', () => {
    const viaDate = (micros: number): string => {
      const iso = new Date(Math.floor(micros / 1000)).toISOString();
      return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${String(micros % 1_000_000).padStart(6, '0')}`;
    };
    const instants = [
      Date.UTC(2000, 1, 29, 23, 59, 59) * 1000 + 999_999,
      Date.UTC(2100, 2, 1) * 1000,
      Date.UTC(1999, 11, 31, 23, 59, 59) * 1000,
      Date.UTC(2024, 11, 31, 12) * 1000 + 1,
    ];
    // A fixed stride through 1970..2100, not a random one: the test must be the same every run.
    for (let micros = 0; micros < Date.UTC(2100, 0, 1) * 1000; micros += 7_777_777_777_777)
      instants.push(micros);
    for (const micros of instants) expect(timestampText(micros)).toBe(viaDate(micros));
  });
});
