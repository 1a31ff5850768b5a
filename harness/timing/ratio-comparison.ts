/**
 * How two sets of timings compare: the ratio of their medians with a 95 % confidence interval, and a verdict
 * that never calls noise an effect.
 *
 * Method: a percentile bootstrap of the ratio of medians (candidate / baseline). Timings of an export are
 * few (10 to 30 rounds), skewed to the right and occasionally hit by a slow outlier (a checkpoint, the other
 * core busy); the median resists those, and the bootstrap assumes no distribution. Each side is resampled
 * with replacement on its own (the rounds are interleaved, but not paired: a slow moment hits one round of
 * each side, not a pair). The generator is seeded, so the same samples always give the same interval.
 *
 * Verdict, as criterion.rs decides it: a difference is only called one when the whole interval lies beyond
 * the noise threshold; an interval that reaches inside `[1 - threshold, 1 + threshold]` is "no detectable
 * difference", however far its point estimate is. Fewer than {@link MIN_SAMPLES} samples on a side give no
 * interval and no verdict: one sample has no spread, and printing a margin for it would be invented.
 */

import type { ComparisonVerdict, RatioStatistics } from '../results/bench-results.ts';

/** `faster`/`slower` describe the candidate against the baseline (the type lives with the results it fills). */
export type { ComparisonVerdict };

/**
 * One comparison as computed here: the statistics `results.json` records (`RatioStatistics`) without the
 * derived noise figure, which {@link relativeWidth} adds.
 */
export type RatioComparison = Omit<RatioStatistics, 'relativeWidth'>;

export interface RatioComparisonOptions {
  /** Changes whose interval reaches within this fraction of 1 are "no detectable difference". Default 0.02. */
  noiseThreshold?: number;
  /** Bootstrap resamples. Default 2000. */
  resamples?: number;
  /** Seed of the resampling generator. */
  seed?: number;
}

/** Below this many samples on either side there is no interval and no verdict. */
export const MIN_SAMPLES = 3;
export const DEFAULT_NOISE_THRESHOLD = 0.02;
const DEFAULT_RESAMPLES = 2000;

/** The median of a non-empty array (sorted copy; the mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** mulberry32: a small, fast, seeded generator; statistical quality is ample for resampling. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function resampledMedian(values: readonly number[], random: () => number, scratch: number[]): number {
  for (let i = 0; i < values.length; i += 1) scratch[i] = values[Math.floor(random() * values.length)]!;
  return median(scratch);
}

/** The value at fraction `q` of a sorted array (nearest rank, as the percentile bootstrap uses). */
function percentile(sorted: readonly number[], q: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))));
  return sorted[index]!;
}

/** Compares `candidate` timings with `baseline` timings (same unit). Pure and deterministic. */
export function compareRatio(
  baseline: readonly number[],
  candidate: readonly number[],
  options: RatioComparisonOptions = {},
): RatioComparison {
  const noiseThreshold = options.noiseThreshold ?? DEFAULT_NOISE_THRESHOLD;
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  if (baseline.length === 0 || candidate.length === 0)
    throw new RangeError('compareRatio needs samples on both sides');
  const ratio = median(candidate) / median(baseline);
  const common = {
    ratio,
    baselineSamples: baseline.length,
    candidateSamples: candidate.length,
    noiseThreshold,
    method: `percentile bootstrap of the ratio of medians (${resamples} resamples, 95 %), noise threshold ${(noiseThreshold * 100).toFixed(0)} %`,
  };
  if (baseline.length < MIN_SAMPLES || candidate.length < MIN_SAMPLES) {
    return { ...common, low: null, high: null, verdict: 'too few samples' };
  }
  const random = seededRandom(options.seed ?? 0x5eed);
  const scratchBaseline = new Array<number>(baseline.length);
  const scratchCandidate = new Array<number>(candidate.length);
  const ratios = new Array<number>(resamples);
  for (let i = 0; i < resamples; i += 1) {
    ratios[i] =
      resampledMedian(candidate, random, scratchCandidate) /
      resampledMedian(baseline, random, scratchBaseline);
  }
  ratios.sort((a, b) => a - b);
  const low = percentile(ratios, 0.025);
  const high = percentile(ratios, 0.975);
  return { ...common, low, high, verdict: verdictOf(low, high, noiseThreshold) };
}

/** The verdict of an interval of the ratio candidate / baseline. */
export function verdictOf(low: number, high: number, noiseThreshold: number): ComparisonVerdict {
  if (high < 1 - noiseThreshold) return 'faster';
  if (low > 1 + noiseThreshold) return 'slower';
  return 'no detectable difference';
}

/**
 * The relative width of an interval around its ratio, `(high - low) / ratio`: for an A/A control, the
 * run's noise floor (the smallest change the run could have told apart from noise).
 */
export function relativeWidth(comparison: Pick<RatioComparison, 'ratio' | 'low' | 'high'>): number | null {
  if (comparison.low === null || comparison.high === null) return null;
  return (comparison.high - comparison.low) / comparison.ratio;
}

/**
 * {@link compareRatio} as results.json stores it: the comparison with its relative width. Pure.
 */
export function compareSamples(
  baseline: readonly number[],
  candidate: readonly number[],
  options: RatioComparisonOptions = {},
): RatioStatistics {
  const comparison = compareRatio(baseline, candidate, options);
  return { ...comparison, relativeWidth: relativeWidth(comparison) };
}

/**
 * Whether more samples could still change a comparison's verdict: its interval straddles an edge of the
 * noise band `[1 - threshold, 1 + threshold]` (partly inside, partly outside), or it has no interval yet.
 * An interval wholly outside the band is a decided change; one wholly inside it is a decided "no change".
 */
export function isUndecided(comparison: Pick<RatioComparison, 'low' | 'high' | 'noiseThreshold'>): boolean {
  const { low, high, noiseThreshold } = comparison;
  if (low === null || high === null) return true;
  const lowEdge = 1 - noiseThreshold;
  const highEdge = 1 + noiseThreshold;
  const outside = high < lowEdge || low > highEdge;
  const inside = low >= lowEdge && high <= highEdge;
  return !outside && !inside;
}
