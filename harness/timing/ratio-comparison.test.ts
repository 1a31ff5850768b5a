import { describe, expect, it } from 'vitest';
import {
  compareRatio,
  compareSamples,
  isUndecided,
  median,
  relativeWidth,
  verdictOf,
} from './ratio-comparison.ts';

/** Deterministic right-skewed "timings" around `centre` ms: a log-normal-like spread from a fixed sequence. */
function timings(centre: number, count: number, spread = 0.08, phase = 0): number[] {
  return Array.from({ length: count }, (_, i) => {
    const u = ((i * 0.6180339887 + phase) % 1) - 0.5; // evenly spread in [-0.5, 0.5)
    return centre * Math.exp(spread * 2 * u + spread * u * u * 4);
  });
}

describe('compareRatio', () => {
  it('finds no detectable difference between two samples of one distribution', () => {
    const c = compareRatio(timings(100, 15, 0.1, 0.1), timings(100, 15, 0.1, 0.37));
    expect(c.verdict).toBe('no detectable difference');
    expect(c.low!).toBeLessThan(1);
    expect(c.high!).toBeGreaterThan(1);
  });

  it('detects a known 10 % slowdown and a 10 % speed-up, with the shift inside the interval', () => {
    const base = timings(100, 12, 0.05, 0.2);
    const slower = compareRatio(base, timings(110, 12, 0.05, 0.7));
    expect(slower.verdict).toBe('slower');
    expect(slower.low!).toBeLessThanOrEqual(1.1);
    expect(slower.high!).toBeGreaterThanOrEqual(1.1);
    const faster = compareRatio(base, timings(90, 12, 0.05, 0.7));
    expect(faster.verdict).toBe('faster');
    expect(faster.ratio).toBeCloseTo(0.9, 1);
  });

  it('calls a 2 % shift no detectable difference: it is not beyond the noise threshold', () => {
    const base = timings(100, 20, 0.01, 0.3);
    const c = compareRatio(
      base,
      base.map((t) => t * 1.02),
    );
    expect(c.ratio).toBeCloseTo(1.02, 6);
    expect(c.verdict).toBe('no detectable difference');
    // The same shift with a lower threshold is detected: the threshold, not the data, decided.
    expect(
      compareRatio(
        base,
        base.map((t) => t * 1.02),
        { noiseThreshold: 0.005 },
      ).verdict,
    ).toBe('slower');
  });

  it('gives no interval and no verdict for a single sample', () => {
    const c = compareRatio([100], timings(50, 10));
    expect(c.verdict).toBe('too few samples');
    expect(c.low).toBeNull();
    expect(c.high).toBeNull();
    expect(c.ratio).toBeCloseTo(median(timings(50, 10)) / 100, 10);
    expect(relativeWidth(c)).toBeNull();
  });

  it('is deterministic for the same samples', () => {
    const a = timings(100, 10, 0.2, 0.1);
    const b = timings(120, 10, 0.2, 0.5);
    expect(compareRatio(a, b)).toEqual(compareRatio(a, b));
  });

  it('widens with noise: a noisy A/A control has a wider relative interval than a quiet one', () => {
    const quiet = compareRatio(timings(100, 12, 0.02, 0.1), timings(100, 12, 0.02, 0.6));
    const noisy = compareRatio(timings(100, 12, 0.3, 0.1), timings(100, 12, 0.3, 0.6));
    expect(relativeWidth(noisy)!).toBeGreaterThan(relativeWidth(quiet)! * 3);
  });
});

describe('verdictOf', () => {
  it('needs the whole interval beyond the threshold', () => {
    expect(verdictOf(0.5, 0.97, 0.02)).toBe('faster');
    expect(verdictOf(0.5, 0.99, 0.02)).toBe('no detectable difference');
    expect(verdictOf(1.03, 1.5, 0.02)).toBe('slower');
    expect(verdictOf(1.01, 1.5, 0.02)).toBe('no detectable difference');
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow(RangeError);
  });
});

describe('compareSamples', () => {
  it('stores the comparison with its relative width, and none for one sample', () => {
    const a = timings(100, 12, 0.05, 0.2);
    const b = timings(150, 12, 0.05, 0.7);
    const stored = compareSamples(a, b);
    expect(stored).toEqual({ ...compareRatio(a, b), relativeWidth: relativeWidth(compareRatio(a, b)) });
    expect(stored.relativeWidth).toBeGreaterThan(0);
    expect(compareSamples([100], b).relativeWidth).toBeNull();
  });
});

describe('isUndecided', () => {
  const t = 0.02;
  it('is decided when the interval is wholly outside or wholly inside the noise band', () => {
    expect(isUndecided({ low: 0.5, high: 0.9, noiseThreshold: t })).toBe(false);
    expect(isUndecided({ low: 1.05, high: 1.2, noiseThreshold: t })).toBe(false);
    expect(isUndecided({ low: 0.99, high: 1.01, noiseThreshold: t })).toBe(false);
  });
  it('is undecided when the interval straddles an edge of the band, or there is none', () => {
    expect(isUndecided({ low: 0.95, high: 1.01, noiseThreshold: t })).toBe(true);
    expect(isUndecided({ low: 1.0, high: 1.1, noiseThreshold: t })).toBe(true);
    expect(isUndecided({ low: null, high: null, noiseThreshold: t })).toBe(true);
  });
});
