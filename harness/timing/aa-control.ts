import type { AaControlRecord, CollectorId, NoiseRecord } from '../results/bench-results.ts';
import { compareSamples, DEFAULT_NOISE_THRESHOLD } from './ratio-comparison.ts';

/**
 * The A/A control: one collector timed twice in every round (two tasks running the same export, interleaved
 * exactly like the real pairs), compared with itself by the same statistics as every real comparison. Any
 * difference it finds is the machine's, not the code's: it must come out "no detectable difference", and the
 * relative width of its interval is the case's noise floor, the smallest change the case could tell apart.
 *
 * @param first the samples of the first copy (the baseline side), @param second those of the second.
 */
export function aaControl(
  collector: CollectorId,
  first: readonly number[],
  second: readonly number[],
): AaControlRecord {
  const comparison = compareSamples(first, second);
  return {
    collector,
    comparison,
    passed:
      comparison.verdict === 'too few samples' ? null : comparison.verdict === 'no detectable difference',
    noiseFloor: comparison.relativeWidth,
  };
}

/**
 * The run's noise from its A/A controls (`key` names the case, e.g. "large 500 schema"): the floor is the
 * widest control's relative width, so no verdict of the run claims more resolution than its noisiest case
 * had; the run is `tooNoisy` when any control found a difference where there is none. Pure.
 */
export function runNoise(
  collector: CollectorId | null,
  controls: readonly { key: string; control: AaControlRecord }[],
): NoiseRecord {
  const widths = controls.flatMap(({ control }) => (control.noiseFloor === null ? [] : [control.noiseFloor]));
  const failedCases = controls.filter(({ control }) => control.passed === false).map(({ key }) => key);
  return {
    collector,
    floor: widths.length === 0 ? null : Math.max(...widths),
    controls: controls.length,
    passed: controls.filter(({ control }) => control.passed === true).length,
    failedCases,
    tooNoisy: failedCases.length > 0,
    noiseThreshold: controls[0]?.control.comparison.noiseThreshold ?? DEFAULT_NOISE_THRESHOLD,
    method:
      collector === null
        ? 'no A/A control was timed'
        : `A/A control: ${collector} timed twice in every round, interleaved like the real pairs, and compared ` +
          `with itself; ${controls[0]?.control.comparison.method ?? 'percentile bootstrap of the ratio of medians'}`,
  };
}
