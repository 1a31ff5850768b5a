import type { BenchResults, CaseResult, IndexState } from '../results/bench-results.ts';

/**
 * The optimisation plan's numbers, as data to test against what a run measured. Each carries where it is
 * written in the plan (`shared/seed/000_fbf690dbcd4ac0e2.txt`), so a reader can check the quote.
 */
export const PLAN_FILE = 'seed/000_fbf690dbcd4ac0e2.txt';

/** One row of the plan's "Performance Comparison Matrix" (Phase 5). */
export interface MatrixPrediction {
  /** The runner's scenario name for this row. */
  scenario: 'small' | 'medium' | 'large' | 'xl';
  label: string;
  documents: number;
  /** The plan's "Filters" column, verbatim. */
  filters: string;
  v1Queries: number;
  v2Queries: number;
  /** "Target Speedup", times. */
  speedup: number;
  source: string;
}

export type TargetId = 'query-reduction' | 'speedup-100-documents' | 'v2-query-budget';

/** A pass/fail target the plan sets. */
export interface TargetPrediction {
  id: TargetId;
  /** The plan's wording. */
  text: string;
  source: string;
}

const MATRIX_SOURCE = 'Phase 5, "Performance Comparison Matrix"';

export const MATRIX_PREDICTIONS: readonly MatrixPrediction[] = [
  {
    scenario: 'small',
    label: 'Small',
    documents: 10,
    filters: 'None',
    v1Queries: 100,
    v2Queries: 12,
    speedup: 8,
    source: `${MATRIX_SOURCE}, line 741`,
  },
  {
    scenario: 'medium',
    label: 'Medium',
    documents: 100,
    filters: 'Year',
    v1Queries: 1_000,
    v2Queries: 12,
    speedup: 80,
    source: `${MATRIX_SOURCE}, line 742`,
  },
  {
    scenario: 'large',
    label: 'Large',
    documents: 500,
    filters: 'All',
    v1Queries: 5_000,
    v2Queries: 12,
    speedup: 400,
    source: `${MATRIX_SOURCE}, line 743`,
  },
  {
    scenario: 'xl',
    label: 'XL',
    documents: 1_000,
    filters: 'All',
    v1Queries: 10_000,
    v2Queries: 12,
    speedup: 800,
    source: `${MATRIX_SOURCE}, line 744`,
  },
];

export const TARGET_PREDICTIONS: readonly TargetPrediction[] = [
  {
    id: 'query-reduction',
    text: 'Query count reduced by >90%',
    source: 'Phase 5, "Acceptance Criteria", line 796',
  },
  {
    id: 'speedup-100-documents',
    text: 'Export time reduced by >5x for 100+ documents',
    source: 'Phase 5, "Acceptance Criteria", line 797',
  },
  {
    id: 'v2-query-budget',
    text: 'Query count: <15 per export',
    source: 'Phase 7, "Success Metrics", line 920',
  },
];

/** The plan's index size estimate (Phase 3, "Index Size Estimation"): four indexes for 10,000 documents. */
export const INDEX_SIZE_PREDICTION = {
  totalBytes: 850 * 1024,
  documents: 10_000,
  text: '~850 KB (~1 MB) for 10,000 documents, 4 indexes',
  source: 'Phase 3, "Index Size Estimation", line 420',
} as const;

/** The plan's write-cost estimate; no run measures inserts, so it is always reported as not measured. */
export const WRITE_COST_PREDICTION = {
  text: 'INSERT: +2-5% slower (4 additional indexes to update)',
  source: 'Phase 3, "Index Maintenance Considerations", line 430',
} as const;

const QUERY_REDUCTION_MIN_PCT = 90;
const SPEEDUP_MIN = 5;
const SPEEDUP_MIN_DOCUMENTS = 100;
const V2_QUERY_BUDGET = 15;

/** The figures of one case that the predictions speak about; null parts were not measured. */
export interface CaseMeasures {
  exportedDocuments: number;
  v1Queries: number;
  v2Queries: number;
  /** `(1 - v2 / v1) × 100`. */
  reductionPct: number;
  /** `v1 mean / v2 mean` of the interleaved timing, when both were timed. */
  speedup: number | null;
  /** Relative margin of error of the speed-up, percent: `sqrt(rme1² + rme2²)` (first-order, for a ratio). */
  speedupRme: number | null;
}

/** The measures of a case in which both collectors exported; null otherwise (failed case, contract error). */
export function measureCase(c: CaseResult): CaseMeasures | null {
  const v1 = c.collectors.v1;
  const v2 = c.collectors.v2;
  if (c.status !== 'ok' || v1?.outcome !== 'exported' || v2?.outcome !== 'exported') return null;
  const timed = v1.timing !== null && v2.timing !== null && v2.timing.meanMs > 0;
  return {
    exportedDocuments: v1.exportedDocuments,
    v1Queries: v1.queryCount,
    v2Queries: v2.queryCount,
    reductionPct: v1.queryCount === 0 ? 0 : (1 - v2.queryCount / v1.queryCount) * 100,
    speedup: timed ? v1.timing!.meanMs / v2.timing!.meanMs : null,
    speedupRme: timed ? Math.hypot(v1.timing!.rme, v2.timing!.rme) : null,
  };
}

/** One matrix row next to one measured case (or to nothing, when no case matched it). */
export interface MatrixComparisonRow {
  prediction: MatrixPrediction;
  /** How the case was found: its scenario name, or (no case of that name) its target size. */
  matchedBy: 'scenario' | 'size' | null;
  scenario: string | null;
  targetDocuments: number | null;
  indexState: IndexState | null;
  /** Null when no case matched or the matched case gave no measures (see `note`). */
  measured: CaseMeasures | null;
  note: string | null;
}

export type Verdict = 'met' | 'not met' | 'not measured';

export interface TargetVerdict {
  target: TargetPrediction;
  verdict: Verdict;
  /** What was measured, in words, with the worst case named. */
  measured: string;
  /** Cases the target was checked on. */
  cases: number;
}

export interface PredictionComparison {
  rows: MatrixComparisonRow[];
  targets: TargetVerdict[];
  indexSize: {
    prediction: typeof INDEX_SIZE_PREDICTION;
    measuredBytes: number | null;
    indexes: number;
    /** Documents in the database when the sizes were read, if the run recorded it. */
    measuredDocuments: number | null;
  };
  writeCost: { prediction: typeof WRITE_COST_PREDICTION; verdict: 'not measured' };
}

/** `small/10/schema`: how the report names a case. */
export function caseName(c: Pick<CaseResult, 'scenario' | 'targetDocuments' | 'indexState'>): string {
  return `${c.scenario}/${c.targetDocuments}/${c.indexState}`;
}

/**
 * Sets the plan's predictions next to a run's measurements. Pure.
 *
 * Matrix rows are matched to cases by scenario name (`small`, `medium`, `large`, `xl`), keeping only the
 * row's own size when the scenario ran at it among others; a row with no case of that name takes the cases of the first scenario whose target size equals the row's documents (e.g. the
 * `growth` scenario). One comparison row per matched case, so per index state.
 */
export function comparePredictions(results: BenchResults): PredictionComparison {
  const rows = MATRIX_PREDICTIONS.flatMap((prediction) => matrixRows(prediction, results.cases));
  const measured = results.cases.flatMap((c) => {
    const m = measureCase(c);
    return m ? [{ c, m }] : [];
  });
  const targets = TARGET_PREDICTIONS.map((target) => judgeTarget(target, measured));
  const migration = results.indexMigration;
  return {
    rows,
    targets,
    indexSize: {
      prediction: INDEX_SIZE_PREDICTION,
      measuredBytes: migration ? migration.indexes.reduce((sum, i) => sum + i.sizeBytes, 0) : null,
      indexes: migration?.indexes.length ?? 0,
      measuredDocuments: migration?.seededDocuments ?? null,
    },
    writeCost: { prediction: WRITE_COST_PREDICTION, verdict: 'not measured' },
  };
}

function matrixRows(prediction: MatrixPrediction, cases: readonly CaseResult[]): MatrixComparisonRow[] {
  let matchedBy: 'scenario' | 'size' = 'scenario';
  let matched = cases.filter((c) => c.scenario.toLowerCase() === prediction.scenario);
  // With --sizes a scenario runs at several sizes: compare the row's own size when it was among them.
  const sameSize = matched.filter((c) => c.targetDocuments === prediction.documents);
  if (sameSize.length > 0) matched = sameSize;
  if (matched.length === 0) {
    matchedBy = 'size';
    const first = cases.find((c) => c.targetDocuments === prediction.documents);
    matched = first
      ? cases.filter((c) => c.scenario === first.scenario && c.targetDocuments === prediction.documents)
      : [];
  }
  if (matched.length === 0) {
    return [
      {
        prediction,
        matchedBy: null,
        scenario: null,
        targetDocuments: null,
        indexState: null,
        measured: null,
        note: 'no case of this scenario or size was run',
      },
    ];
  }
  return matched.map((c) => {
    const measured = measureCase(c);
    return {
      prediction,
      matchedBy,
      scenario: c.scenario,
      targetDocuments: c.targetDocuments,
      indexState: c.indexState,
      measured,
      note: measured ? null : unmeasuredReason(c),
    };
  });
}

/**
 * The contract error both collectors ended with, when they agreed on one (e.g. the hs_code filter quirk):
 * an expected outcome, not a harness failure, whatever the case's `status` says.
 */
export function sharedContractError(c: CaseResult): string | null {
  const records = (['v1', 'v2'] as const).map((id) => c.collectors[id]);
  if (c.equivalent !== true || records.some((r) => r?.outcome !== 'failed')) return null;
  const names = new Set(records.map((r) => r?.errorName ?? 'an error'));
  return names.size === 1 ? [...names][0]! : null;
}

/** Why a case has no measures, in a few words. */
export function unmeasuredReason(c: CaseResult): string {
  const contractError = sharedContractError(c);
  if (contractError !== null) return `v1 and v2 both ended with ${contractError}, as the contract says`;
  if (c.status === 'failed')
    return `case failed: ${c.error ? `${c.error.name}: ${c.error.message}` : 'no error recorded'}`;
  const failed = (['v1', 'v2'] as const).filter((id) => c.collectors[id]?.outcome === 'failed');
  if (failed.length > 0) {
    return failed.map((id) => `${id} ended with ${c.collectors[id]?.errorName ?? 'an error'}`).join(', ');
  }
  return 'a collector was not run';
}

function judgeTarget(
  target: TargetPrediction,
  measured: { c: CaseResult; m: CaseMeasures }[],
): TargetVerdict {
  switch (target.id) {
    case 'query-reduction':
      return judge(
        target,
        measured,
        (x) => x.m.reductionPct,
        'min',
        (v) => v > QUERY_REDUCTION_MIN_PCT,
        (v) => `${v.toFixed(1)} % fewer queries`,
      );
    case 'speedup-100-documents': {
      const applicable = measured.filter(
        (x) => x.m.exportedDocuments >= SPEEDUP_MIN_DOCUMENTS && x.m.speedup !== null,
      );
      return judge(
        target,
        applicable,
        (x) => x.m.speedup!,
        'min',
        (v) => v > SPEEDUP_MIN,
        (v) => `${v.toFixed(1)}× faster`,
      );
    }
    case 'v2-query-budget':
      return judge(
        target,
        measured,
        (x) => x.m.v2Queries,
        'max',
        (v) => v < V2_QUERY_BUDGET,
        (v) => `${v} v2 queries`,
      );
  }
}

/** Met when the worst case (the `min` or `max` of `value`) passes. */
function judge(
  target: TargetPrediction,
  cases: { c: CaseResult; m: CaseMeasures }[],
  value: (x: { c: CaseResult; m: CaseMeasures }) => number,
  worst: 'min' | 'max',
  passes: (v: number) => boolean,
  describe: (v: number) => string,
): TargetVerdict {
  if (cases.length === 0)
    return { target, verdict: 'not measured', measured: 'no case measured it', cases: 0 };
  let worstCase = cases[0]!;
  for (const x of cases) {
    if (worst === 'min' ? value(x) < value(worstCase) : value(x) > value(worstCase)) worstCase = x;
  }
  const failing = cases.filter((x) => !passes(value(x))).length;
  const v = value(worstCase);
  const summary = `worst ${describe(v)} (${caseName(worstCase.c)}) over ${cases.length} case${cases.length === 1 ? '' : 's'}`;
  return {
    target,
    verdict: failing === 0 ? 'met' : 'not met',
    measured: failing === 0 ? summary : `${summary}; ${failing} miss the target`,
    cases: cases.length,
  };
}
