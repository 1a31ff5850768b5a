import { describe, expect, it } from 'vitest';
import { compareRatio } from '../timing/ratio-comparison.ts';
import {
  formatBytes,
  formatChangeInterval,
  formatDecimal,
  formatDuration,
  formatInt,
  formatMs,
  formatPct,
  formatRange,
  formatSignedPct,
  formatSpeedupInterval,
  formatTimes,
  formatVerdict,
  formatWidthPct,
  noIntervalReason,
} from './number-format.ts';

describe('number formatters', () => {
  it('formats counts, milliseconds and durations to a sensible precision', () => {
    expect(formatInt(12345.4)).toBe('12,345');
    expect([formatMs(0.0421), formatMs(3.14159), formatMs(42.66), formatMs(1234.5)]).toEqual([
      '0.042',
      '3.14',
      '42.7',
      '1,235',
    ]);
    expect([formatDuration(42_000), formatDuration(187_400), formatDuration(3_720_000)]).toEqual([
      '42.0 s',
      '3 min 7 s',
      '1 h 2 min',
    ]);
  });

  it('formats ratios, percentages and sizes', () => {
    expect([formatTimes(2.531), formatTimes(17.37), formatTimes(172.4), formatTimes(0.853)]).toEqual([
      '2.53×',
      '17.4×',
      '172×',
      '0.85×',
    ]);
    expect([formatPct(99.66), formatSignedPct(3.44), formatSignedPct(-7.4), formatSignedPct(-0.01)]).toEqual([
      '99.7 %',
      '+3.4 %',
      '−7.4 %',
      '0.0 %',
    ]);
    expect([formatBytes(512), formatBytes(49_152), formatBytes(1_310_720)]).toEqual([
      '512 B',
      '48.0 KiB',
      '1.25 MiB',
    ]);
    expect([formatDecimal(2), formatDecimal(2.5)]).toEqual(['2', '2.50']);
    expect([formatRange([3, 9, 4], formatInt), formatRange([9, 9], formatInt)]).toEqual(['3 to 9', '9']);
    expect([formatWidthPct(0.062), formatWidthPct(null)]).toEqual(['6.2 %', 'unknown']);
  });
});

describe('ratios with intervals', () => {
  const baseline = [100, 102, 98, 101, 99, 100, 103, 97, 100, 101];

  it('prints a speed-up with its interval and verdict', () => {
    const exact = {
      ratio: 0.2,
      low: 0.16,
      high: 0.25,
      verdict: 'faster' as const,
      baselineSamples: 10,
      candidateSamples: 10,
    };
    // The speed-up is the inverse of the time ratio, so the interval's ends swap.
    expect(formatSpeedupInterval(exact)).toBe('5.00× (95 % CI 4.00× to 6.25×), faster');
    expect(formatChangeInterval(exact)).toBe('−80.0 % (95 % CI −84.0 % to −75.0 %), faster');
    const c = compareRatio(
      baseline,
      baseline.map((v) => v / 5),
    );
    expect(formatSpeedupInterval(c)).toMatch(/^5\.00× \(95 % CI 4\.\d\d× to 5\.\d\d×\), faster$/);
    expect(formatVerdict(c)).toBe('faster');
  });

  it('calls a change inside the noise threshold no detectable difference, with its interval', () => {
    const c = compareRatio(baseline, [...baseline].reverse());
    expect(formatChangeInterval(c)).toMatch(
      /^0\.0 % \(95 % CI −\d\.\d % to \+\d\.\d %\), no detectable difference$/,
    );
  });

  it('never prints a margin for one sample', () => {
    const c = compareRatio([2120], [100]);
    expect(formatSpeedupInterval(c)).toBe('21.2× (1 sample: no interval)');
    expect(formatChangeInterval(c)).toBe('−95.3 % (1 sample: no interval)');
    expect(formatVerdict(c)).toBe('1 sample: no interval');
    expect(noIntervalReason({ ...c, baselineSamples: 2, candidateSamples: 12 })).toBe(
      '2 samples: no interval',
    );
  });
});
