import type { BenchResults } from '../results/bench-results.ts';
import type { RatioInterval } from './number-format.ts';

/** The proposed indexes' effect on one collector's export time at one scenario and size. */
export interface IndexEffect extends RatioInterval {
  scenario: string;
  targetDocuments: number;
  collector: string;
  /** The drift probe of the two cases (with the indexes / without); null or absent when not probed. */
  drift?: RatioInterval | null;
}

/** Every index effect of the run (with the indexes / without: below 1, faster with them), as recorded. */
export function indexEffects(results: BenchResults): IndexEffect[] {
  return results.indexComparisons;
}

/**
 * How a change (`faster` or `slower`) stands against the machine's drift between its two cases, which are
 * timed one after the other:
 * - `clear`: its interval lies wholly beyond the drift probe's interval, on its own side (faster: below it,
 *   slower: above it), so no drift the probe allows explains it;
 * - `within drift`: the intervals meet, so the change could be the machine's (its speed moved between the
 *   cases by as much as the probe allows);
 * - `unchecked`: no probe interval (results written before the probe, or too few samples).
 *
 * Decision: the rule assumes an export slows down with the machine as the probe does (both load the server
 * and the client alike), so it only ever withholds a verdict, never makes one. `null` for an effect that is
 * not a change (no detectable difference, no interval): there is nothing to explain away. Pure.
 */
export function driftCheck(effect: IndexEffect): 'clear' | 'within drift' | 'unchecked' | null {
  if (effect.low === null || effect.high === null) return null;
  if (effect.verdict !== 'faster' && effect.verdict !== 'slower') return null;
  const drift = effect.drift;
  if (drift == null || drift.low === null || drift.high === null) return 'unchecked';
  const beyond = effect.verdict === 'faster' ? effect.high < drift.low : effect.low > drift.high;
  return beyond ? 'clear' : 'within drift';
}
