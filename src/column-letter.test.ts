import { describe, expect, it } from 'vitest';
import { columnLetter } from './column-letter.ts';

describe('columnLetter', () => {
  it('names columns as Excel does, across the one-, two- and three-letter boundaries', () => {
    expect([1, 2, 12, 20, 26, 27, 52, 53, 702, 703, 16384].map(columnLetter)).toEqual([
      'A',
      'B',
      'L',
      'T',
      'Z',
      'AA',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
      'XFD',
    ]);
  });

  it('rejects numbers outside Excel columns', () => {
    expect(() => columnLetter(0)).toThrow('outside Excel');
    expect(() => columnLetter(16385)).toThrow('outside Excel');
    expect(() => columnLetter(1.5)).toThrow('outside Excel');
  });
});
