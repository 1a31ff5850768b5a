import { describe, expect, it } from 'vitest';
import { isNonZero, numberOrZero, textOrEmpty } from './odoo-values.ts';

describe('Odoo read conversions', () => {
  it("textOrEmpty: NULL and '' give '', whitespace is kept", () => {
    expect([null, '', ' ', 'a'].map(textOrEmpty)).toEqual(['', '', ' ', 'a']);
  });

  it('numberOrZero: NULL and -0 give 0; NaN and negatives are kept as Python keeps them', () => {
    expect(Object.is(numberOrZero(-0), 0)).toBe(true);
    expect([null, 0, -2.5, 1.25].map(numberOrZero)).toEqual([0, 0, -2.5, 1.25]);
    expect(numberOrZero(Number.NaN)).toBeNaN();
  });

  it('isNonZero: Python truthiness of a number', () => {
    expect([null, 0, -0, -1, 0.0001, Number.NaN].map(isNonZero)).toEqual([
      false,
      false,
      false,
      true,
      true,
      true,
    ]);
  });
});
