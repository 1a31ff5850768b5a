import type { WithWithoutTiming } from '../results/index-evaluation-results.ts';
import { timingStatistics } from './timing-statistics.ts';

/**
 * With/without statistics from raw samples (ms). Pure. The difference of the means is significant when it
 * exceeds the sum of both sides' margins of error.
 */
export function compareTimings(
  withSamples: readonly number[],
  withoutSamples: readonly number[],
): WithWithoutTiming {
  const withStats = timingStatistics(withSamples);
  const withoutStats = timingStatistics(withoutSamples);
  const margin = (s: typeof withStats) => (s.rme / 100) * s.meanMs;
  return {
    with: withStats,
    without: withoutStats,
    changePct: ((withStats.meanMs - withoutStats.meanMs) / withoutStats.meanMs) * 100,
    significant: Math.abs(withStats.meanMs - withoutStats.meanMs) > margin(withStats) + margin(withoutStats),
  };
}
