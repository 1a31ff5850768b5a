import { formatChangeInterval, type RatioInterval } from './number-format.ts';

/** A comparison of two cases timed at different times, with the drift probe's change between those cases. */
export interface DriftedComparison extends RatioInterval {
  /** The drift probe of the second case against the first's; null or absent when not probed. */
  drift?: RatioInterval | null;
}

/**
 * How a change (`faster` or `slower`) between two cases timed at different times (the two index states of a
 * run, or this run and a saved one) stands against the machine's drift between them:
 * - `clear`: its interval lies wholly beyond the drift probe's interval, on its own side (faster: below it,
 *   slower: above it), so no drift the probe allows explains it;
 * - `within drift`: the intervals meet, so the change could be the machine's (its speed moved between the
 *   cases by as much as the probe allows);
 * - `unchecked`: no probe interval (results written before the probe, or too few samples).
 *
 * Decision: the rule assumes an export slows down with the machine as the probe does (both load the server
 * and the client alike), so it only ever withholds a verdict, never makes one. `null` for a comparison that
 * is not a change (no detectable difference, no interval): there is nothing to explain away. Pure.
 */
export function driftCheck(c: DriftedComparison): 'clear' | 'within drift' | 'unchecked' | null {
  if (c.low === null || c.high === null) return null;
  if (c.verdict !== 'faster' && c.verdict !== 'slower') return null;
  const drift = c.drift;
  if (drift == null || drift.low === null || drift.high === null) return 'unchecked';
  const beyond = c.verdict === 'faster' ? c.high < drift.low : c.low > drift.high;
  return beyond ? 'clear' : 'within drift';
}

/** Header cells of {@link driftCells}. */
export const DRIFT_COLUMNS = ['Change (95 % CI), verdict', 'Drift probe (95 % CI)'] as const;

/** A comparison's two table cells: the change (marked when within the drift), and the drift probe's change. */
export function driftCells(c: DriftedComparison): [string, string] {
  return [
    formatChangeInterval(c) + (driftCheck(c) === 'within drift' ? '; not judged: within the drift' : ''),
    c.drift == null ? 'not probed' : formatChangeInterval(c.drift),
  ];
}
