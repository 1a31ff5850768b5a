import { compareRatio, median } from '../timing/ratio-comparison.ts';
import type { SampleRange, WithWithoutComparison } from '../results/index-evaluation-results.ts';

/** The count, median and range of a non-empty list of samples (ms). Pure. */
export function sampleRange(samplesMs: readonly number[]): SampleRange {
  if (samplesMs.length === 0) throw new RangeError('sampleRange needs at least one sample');
  return {
    samples: samplesMs.length,
    medianMs: median(samplesMs),
    minMs: Math.min(...samplesMs),
    maxMs: Math.max(...samplesMs),
  };
}

/**
 * A with/without comparison from raw samples (ms), through `compareRatio` with "without" as the baseline: the
 * ratio median(with) / median(without), its 95 % bootstrap interval, and a verdict that is `faster` (the index
 * saves time) or `slower` only when the whole interval lies beyond the noise threshold. Fewer than 3 samples on a
 * side give `too few samples` and no interval. Pure and deterministic (seeded resampling).
 */
export function compareWithWithout(
  withMs: readonly number[],
  withoutMs: readonly number[],
): WithWithoutComparison {
  return {
    withMs: [...withMs],
    withoutMs: [...withoutMs],
    with: sampleRange(withMs),
    without: sampleRange(withoutMs),
    comparison: compareRatio(withoutMs, withMs),
  };
}

/** The change with the index in percent of the time without it (`(ratio - 1) * 100`): negative saves time. */
export function changePct(comparison: WithWithoutComparison): number {
  return (comparison.comparison.ratio - 1) * 100;
}

/** The comparison shows an effect beyond the noise (its verdict is `faster` or `slower`). */
export function beyondNoise(comparison: WithWithoutComparison): boolean {
  const verdict = comparison.comparison.verdict;
  return verdict === 'faster' || verdict === 'slower';
}
