import { describe, expect, it } from 'vitest';
import { beyondNoise, changePct, compareWithWithout, sampleRange } from './compare-with-without.ts';

/** `n` samples spread evenly around `centre` by +-`spread` (relative), deterministic. */
function around(centre: number, n: number, spread = 0.01): number[] {
  return Array.from({ length: n }, (_, i) => centre * (1 + spread * ((2 * i) / Math.max(1, n - 1) - 1)));
}

describe('sampleRange', () => {
  it('gives the count, the median and the range', () => {
    expect(sampleRange([3, 1, 2, 10])).toEqual({ samples: 4, medianMs: 2.5, minMs: 1, maxMs: 10 });
    expect(() => sampleRange([])).toThrow(RangeError);
  });
});

describe('compareWithWithout', () => {
  it('calls a halved time faster, with an interval around 0.5', () => {
    const c = compareWithWithout(around(1, 10), around(2, 10));
    expect(c.comparison.verdict).toBe('faster');
    expect(c.comparison.ratio).toBeCloseTo(0.5, 6);
    expect(c.comparison.low).toBeLessThanOrEqual(0.5);
    expect(c.comparison.high).toBeGreaterThanOrEqual(0.5);
    expect(changePct(c)).toBeCloseTo(-50, 6);
    expect(beyondNoise(c)).toBe(true);
    expect(c.withMs).toHaveLength(10);
    expect(c.without.medianMs).toBeCloseTo(2, 6);
  });

  it('calls a doubled time slower', () => {
    expect(compareWithWithout(around(2, 8), around(1, 8)).comparison.verdict).toBe('slower');
  });

  it('finds no detectable difference between equal distributions, nor for a 1 % shift under the threshold', () => {
    expect(compareWithWithout(around(1, 10), around(1, 10)).comparison.verdict).toBe(
      'no detectable difference',
    );
    const small = compareWithWithout(around(0.99, 10, 0.005), around(1, 10, 0.005));
    expect(small.comparison.verdict).toBe('no detectable difference');
    expect(beyondNoise(small)).toBe(false);
  });

  it('finds no detectable difference when the spread swallows a large point change', () => {
    const noisy = compareWithWithout([1, 3, 1, 3, 1, 3], [2, 2.5, 1.5, 2, 2.5, 1.5]);
    expect(noisy.comparison.verdict).toBe('no detectable difference');
  });

  it('gives no interval and no verdict for fewer than 3 samples a side', () => {
    const one = compareWithWithout([1], [2]);
    expect(one.comparison).toMatchObject({ verdict: 'too few samples', low: null, high: null, ratio: 0.5 });
    expect(beyondNoise(one)).toBe(false);
  });
});
