import type { TimingRecord } from '../results/bench-results.ts';

/** Two-sided 95 % Student t critical values for 1..30 degrees of freedom; 1.96 beyond. */
const T_95 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131,
  2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/** Quantile with linear interpolation between closest ranks (the common "type 7" definition). */
function quantile(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const a = sorted[lower]!;
  const b = sorted[upper]!;
  return a + (b - a) * (position - lower);
}

/**
 * Statistics of latency samples in milliseconds: mean, p50, p99, min, max, sample standard deviation, and the
 * relative margin of error (95 % confidence, Student t, in percent of the mean). One sample has no spread:
 * its `sdMs` and `rme` are 0.
 */
export function timingStatistics(samples: readonly number[]): TimingRecord {
  if (samples.length === 0) throw new RangeError('timingStatistics needs at least one sample');
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  const mean = sorted.reduce((sum, x) => sum + x, 0) / n;
  const variance = n > 1 ? sorted.reduce((sum, x) => sum + (x - mean) ** 2, 0) / (n - 1) : 0;
  const sd = Math.sqrt(variance);
  const sem = sd / Math.sqrt(n);
  const critical = n > 1 ? (T_95[n - 2] ?? 1.96) : 0;
  return {
    samples: n,
    meanMs: mean,
    p50Ms: quantile(sorted, 0.5),
    p99Ms: quantile(sorted, 0.99),
    minMs: sorted[0]!,
    maxMs: sorted[n - 1]!,
    sdMs: sd,
    rme: mean > 0 ? ((critical * sem) / mean) * 100 : 0,
  };
}
