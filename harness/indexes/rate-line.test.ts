import { describe, expect, it } from 'vitest';
import { rateLine } from './rate-line.ts';

describe('rateLine', () => {
  it('gives the rate since the start and the time left at that rate', () => {
    expect(rateLine(3, 9, 6_000, 'indexes')).toBe('3/9 indexes, 0.50/s, ETA 12 s');
    expect(rateLine(500, 1000, 10_000, 'rows')).toBe('500/1000 rows, 50/s, ETA 10 s');
  });

  it('has no ETA before anything is done', () => {
    expect(rateLine(0, 9, 0, 'indexes')).toBe('0/9 indexes, 0.00/s, ETA ?');
  });
});
