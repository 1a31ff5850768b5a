import { describe, expect, it } from 'vitest';
import { driftCheck, type DriftedComparison } from './drift-check.ts';
import type { RatioInterval } from './number-format.ts';

function interval(ratio: number, low: number | null, high: number | null, verdict: RatioInterval['verdict']) {
  return { ratio, low, high, verdict, baselineSamples: 10, candidateSamples: 10 };
}

function effect(
  verdict: RatioInterval['verdict'],
  low: number | null,
  high: number | null,
  drift?: RatioInterval | null,
): DriftedComparison {
  const ratio = low === null || high === null ? 1 : (low + high) / 2;
  return {
    ...interval(ratio, low, high, verdict),
    ...(drift === undefined ? {} : { drift }),
  };
}

describe('driftCheck', () => {
  const steady = interval(1, 0.97, 1.03, 'no detectable difference');

  it('clears a change whose interval lies beyond the drift interval, on its own side', () => {
    expect(driftCheck(effect('faster', 0.8, 0.9, steady))).toBe('clear');
    expect(driftCheck(effect('slower', 1.1, 1.2, steady))).toBe('clear');
  });

  it('withholds a change whose interval meets the drift interval', () => {
    expect(driftCheck(effect('faster', 0.9, 0.975, steady))).toBe('within drift');
    expect(driftCheck(effect('slower', 1.02, 1.1, steady))).toBe('within drift');
    // The machine got 10 % faster between the cases: a 7 % faster export is the machine's.
    const sped = interval(0.9, 0.88, 0.92, 'faster');
    expect(driftCheck(effect('faster', 0.91, 0.95, sped))).toBe('within drift');
    // ... but a 20 % faster one clears it, drift or not.
    expect(driftCheck(effect('faster', 0.75, 0.85, sped))).toBe('clear');
  });

  it('says unchecked without a probe interval, and nothing for what is not a change', () => {
    expect(driftCheck(effect('faster', 0.8, 0.9))).toBe('unchecked');
    expect(driftCheck(effect('faster', 0.8, 0.9, null))).toBe('unchecked');
    expect(driftCheck(effect('faster', 0.8, 0.9, interval(1, null, null, 'too few samples')))).toBe(
      'unchecked',
    );
    expect(driftCheck(effect('no detectable difference', 0.95, 1.01, steady))).toBeNull();
    expect(driftCheck(effect('too few samples', null, null, steady))).toBeNull();
  });
});
