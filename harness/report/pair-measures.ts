import type { CaseResult } from '../results/bench-results.ts';
import { compareRatio } from '../timing/ratio-comparison.ts';
import { formatSpeedupInterval, formatVerdict, type RatioInterval } from './number-format.ts';
import { recordOf } from './report-collectors.ts';

/**
 * Two collectors of one case side by side: their round trips and, when both were timed, how their times
 * compare (candidate / baseline, with its 95 % interval and verdict).
 */
export interface PairMeasures {
  baseline: string;
  candidate: string;
  exportedDocuments: number;
  baselineQueries: number;
  candidateQueries: number;
  /** `(1 - candidate / baseline) × 100`. */
  reductionPct: number;
  /** Null when either side was not timed. */
  time: PairTime | null;
}

/** A time comparison and where it came from. */
export interface PairTime extends RatioInterval {
  /** `recorded`: the run's own comparison of the interleaved rounds; `samples`: computed here from the raw samples. */
  source: 'recorded' | 'samples';
}

/** The time comparison of two collectors in a case, or null when one of them was not timed. Pure. */
export function pairTime(c: CaseResult, baseline: string, candidate: string): PairTime | null {
  const a = recordOf(c, baseline)?.timing;
  const b = recordOf(c, candidate)?.timing;
  if (!a || !b) return null;
  const recorded = c.comparisons.find((x) => x.baseline === baseline && x.candidate === candidate);
  if (recorded) return { ...pick(recorded), source: 'recorded' };
  if (a.samplesMs.length === 0 || b.samplesMs.length === 0) return null;
  return { ...pick(compareRatio(a.samplesMs, b.samplesMs)), source: 'samples' };
}

function pick(x: RatioInterval): RatioInterval {
  return {
    ratio: x.ratio,
    low: x.low,
    high: x.high,
    verdict: x.verdict,
    baselineSamples: x.baselineSamples,
    candidateSamples: x.candidateSamples,
  };
}

/** Both collectors exported in an ok case: their measures; otherwise null (failed case, contract error). */
export function measurePair(c: CaseResult, baseline: string, candidate: string): PairMeasures | null {
  const a = recordOf(c, baseline);
  const b = recordOf(c, candidate);
  if (c.status !== 'ok' || a?.outcome !== 'exported' || b?.outcome !== 'exported') return null;
  return {
    baseline,
    candidate,
    exportedDocuments: b.exportedDocuments,
    baselineQueries: a.queryCount,
    candidateQueries: b.queryCount,
    reductionPct: a.queryCount === 0 ? 0 : (1 - b.queryCount / a.queryCount) * 100,
    time: pairTime(c, baseline, candidate),
  };
}

/**
 * A speed-up (baseline time / candidate time) for a sentence or a cell: with its interval and verdict, or
 * the reason there is none. `-` when not timed.
 */
export function formatPairSpeedup(time: PairTime | null): string {
  return time === null ? '-' : formatSpeedupInterval(time);
}

/** The verdict alone, for a table column: faster / slower / no detectable difference / why none. */
export function formatPairVerdict(time: PairTime | null): string {
  return time === null ? 'not timed' : formatVerdict(time);
}
