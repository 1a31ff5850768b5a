import type {
  CandidateEvaluation,
  IndexSizeEvaluation,
  VerdictKind,
  WithWithoutComparison,
} from '../results/index-evaluation-results.ts';
import { decidingComparison } from './decide-verdict.ts';

/** How an index's verdict moves from the smallest size to the largest. "Pays off" means the verdict `keep`. */
export type ScaleClass =
  | 'pays off at both sizes'
  | 'pays off only at scale'
  | 'pays off only at the small size'
  | 'pays off at neither size'
  | 'not measured at both sizes';

/** One index at the smallest and the largest size, with what it costs at the largest. */
export interface ScaleFinding {
  index: string;
  role: 'proposed' | 'alternative';
  small: VerdictKind;
  large: VerdictKind;
  scale: ScaleClass;
  /** At the largest size: `pg_relation_size`, `CREATE INDEX CONCURRENTLY` time, write cost comparison. */
  sizeBytes: number | null;
  buildMs: number | null;
  writeCost: WithWithoutComparison | null;
  /** The largest saving beyond the noise among the queries using it at each size (ratio with / without). */
  bestSmall: WithWithoutComparison | null;
  bestLarge: WithWithoutComparison | null;
}

/**
 * Sets each candidate's verdict at the smallest size next to its verdict at the largest (matched by index name),
 * smallest evaluation first. Pure. An index measured at only one of the sizes is `not measured at both sizes`.
 */
export function scaleFindings(small: IndexSizeEvaluation, large: IndexSizeEvaluation): ScaleFinding[] {
  return large.candidates.map((atLarge) => {
    const atSmall = small.candidates.find((c) => c.candidate.name === atLarge.candidate.name);
    const smallKind = atSmall?.verdict.kind ?? 'undecided';
    const largeKind = atLarge.verdict.kind;
    return {
      index: atLarge.candidate.name,
      role: atLarge.candidate.role,
      small: smallKind,
      large: largeKind,
      scale: scaleClass(smallKind, largeKind),
      sizeBytes: atLarge.sizeBytes,
      buildMs: atLarge.buildMs,
      writeCost: atLarge.writeCost,
      bestSmall: atSmall === undefined ? null : bestSaving(atSmall),
      bestLarge: bestSaving(atLarge),
    };
  });
}

function scaleClass(small: VerdictKind, large: VerdictKind): ScaleClass {
  if (small === 'undecided' || large === 'undecided') return 'not measured at both sizes';
  if (small === 'keep' && large === 'keep') return 'pays off at both sizes';
  if (large === 'keep') return 'pays off only at scale';
  if (small === 'keep') return 'pays off only at the small size';
  return 'pays off at neither size';
}

/** The used query with the lowest ratio whose verdict is `faster` (a saving beyond the noise), or `null`. */
export function bestSaving(evaluation: CandidateEvaluation): WithWithoutComparison | null {
  let best: WithWithoutComparison | null = null;
  for (const effect of evaluation.queries) {
    if (!effect.usesIndex) continue;
    const deciding = decidingComparison(effect)?.comparison;
    if (deciding === undefined || deciding.comparison.verdict !== 'faster') continue;
    if (best === null || deciding.comparison.ratio < best.comparison.ratio) best = deciding;
  }
  return best;
}
