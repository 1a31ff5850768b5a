import type { BenchResults, CaseResult, IndexState } from '../results/bench-results.ts';
import { formatTimes } from './number-format.ts';
import { measurePair, type PairMeasures } from './pair-measures.ts';
import { collectorOfRole, headlinePair, recordOf } from './report-collectors.ts';

/**
 * The optimisation plan's numbers, as data to test against what a run measured. Each carries where it is
 * written in the plan (its line number in the original plan document), so a reader holding the plan can check the quote.
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

/**
 * The plan's write-cost estimate. The bench does not time inserts; the index evaluation (`indexes.md`, run
 * by the bench on one database) measures each index's write cost, so the report points there when it ran.
 */
export const WRITE_COST_PREDICTION = {
  text: 'INSERT: +2-5% slower (4 additional indexes to update)',
  source: 'Phase 3, "Index Maintenance Considerations", line 430',
} as const;

/**
 * What the plan's figures for the current code assume: naive lazy loading, one statement per record and
 * relation, no prefetch. That is this project's premise collector (`v1`), not what Odoo 18's ORM does.
 */
export const PLAN_PREMISE = {
  text: 'one statement per record and relation, no prefetch ("~10 queries per document")',
  source: 'Phase 1, "N×M Queries in Sheet Functions", and Phase 5\'s matrix',
} as const;

/**
 * What real Odoo 18 sent for the original export code on the reference cases (odoo-reference, counted by
 * Odoo's own cursor on databases seeded by `hfc-bench seed --seed 42`): the ORM prefetches in batches of 1000.
 */
export const REAL_ODOO_REFERENCE = {
  minStatements: 27,
  maxStatements: 141,
  minExported: 16,
  maxExported: 5_731,
  text: 'real Odoo 18 sent 27 to 141 statements per export on the reference cases (16 to 5,731 exported documents; 27 to 29 up to 1,000 seeded documents), because its ORM prefetches up to 1,000 records per statement',
} as const;

const QUERY_REDUCTION_MIN_PCT = 90;
const SPEEDUP_MIN = 5;
const SPEEDUP_MIN_DOCUMENTS = 100;
const V2_QUERY_BUDGET = 15;

/** One matrix row next to one measured case (or to nothing, when no case matched it). */
export interface MatrixComparisonRow {
  prediction: MatrixPrediction;
  /** How the case was found: its scenario name, or (no case of that name) its target size. */
  matchedBy: 'scenario' | 'size' | null;
  scenario: string | null;
  targetDocuments: number | null;
  indexState: IndexState | null;
  /** The premise (the plan's model of the current code) against the candidate; null when not measured. */
  premise: PairMeasures | null;
  /** Production (what the current code really sends) against the candidate; null when not run or not measured. */
  production: PairMeasures | null;
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
  /** The collector the candidate was judged against (production, else the premise). */
  baseline: string | null;
}

export interface PredictionComparison {
  /** The collectors of the three roles in this run (null when the run had none of that role). */
  premise: string | null;
  production: string | null;
  candidate: string | null;
  rows: MatrixComparisonRow[];
  targets: TargetVerdict[];
  indexSize: {
    prediction: typeof INDEX_SIZE_PREDICTION;
    measuredBytes: number | null;
    indexes: number;
    /** Documents in the database when the sizes were read, if the run recorded it. */
    measuredDocuments: number | null;
  };
  /** `measured elsewhere`: the index evaluation ran with this run and measured it (see `indexes.md`). */
  writeCost: { prediction: typeof WRITE_COST_PREDICTION; verdict: 'not measured' | 'measured elsewhere' };
}

/** `small/10/schema`: how the report names a case. */
export function caseName(c: Pick<CaseResult, 'scenario' | 'targetDocuments' | 'indexState'>): string {
  return `${c.scenario}/${c.targetDocuments}/${c.indexState}`;
}

/**
 * Sets the plan's predictions next to a run's measurements. Pure.
 *
 * The plan's figures for the current code assume no prefetch, so they are compared with the premise
 * collector; production's (the ORM's) measured counts are set next to them. The targets ("query count
 * reduced by >90%", ...) are about replacing what production runs, so they are judged on the candidate
 * against production, or against the premise when the run had no production collector (then `baseline` says so).
 *
 * Matrix rows are matched to cases by scenario name (`small`, `medium`, `large`, `xl`), keeping only the
 * row's own size when the scenario ran at it among others; a row with no case of that name takes the cases
 * of the first scenario whose target size equals the row's documents (e.g. the `growth` scenario). One
 * comparison row per matched case, so per index state.
 */
export function comparePredictions(results: BenchResults): PredictionComparison {
  const premise = collectorOfRole(results, 'premise')?.id ?? null;
  const production = collectorOfRole(results, 'production')?.id ?? null;
  const candidate = collectorOfRole(results, 'candidate')?.id ?? null;
  const ids = { premise, production, candidate };
  const rows = MATRIX_PREDICTIONS.flatMap((prediction) => matrixRows(prediction, results.cases, ids));
  const headline = headlinePair(results);
  const measured = headline
    ? results.cases.flatMap((c) => {
        const m = measurePair(c, headline.baseline.id, headline.candidate.id);
        return m ? [{ c, m }] : [];
      })
    : [];
  const targets = TARGET_PREDICTIONS.map((target) => ({
    ...judgeTarget(target, measured),
    baseline: headline?.baseline.id ?? null,
  }));
  const migration = results.indexMigration;
  const evaluated = results.indexEvaluation && !results.indexEvaluation.error;
  return {
    ...ids,
    rows,
    targets,
    indexSize: {
      prediction: INDEX_SIZE_PREDICTION,
      measuredBytes: migration ? migration.indexes.reduce((sum, i) => sum + i.sizeBytes, 0) : null,
      indexes: migration?.indexes.length ?? 0,
      measuredDocuments: migration?.seededDocuments ?? null,
    },
    writeCost: {
      prediction: WRITE_COST_PREDICTION,
      verdict: evaluated ? 'measured elsewhere' : 'not measured',
    },
  };
}

interface RoleIds {
  premise: string | null;
  production: string | null;
  candidate: string | null;
}

function matrixRows(
  prediction: MatrixPrediction,
  cases: readonly CaseResult[],
  ids: RoleIds,
): MatrixComparisonRow[] {
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
        premise: null,
        production: null,
        note: 'no case of this scenario or size was run',
      },
    ];
  }
  return matched.map((c) => {
    const premise = ids.premise && ids.candidate ? measurePair(c, ids.premise, ids.candidate) : null;
    const production = ids.production && ids.candidate ? measurePair(c, ids.production, ids.candidate) : null;
    return {
      prediction,
      matchedBy,
      scenario: c.scenario,
      targetDocuments: c.targetDocuments,
      indexState: c.indexState,
      premise,
      production,
      note: premise || production ? null : unmeasuredReason(c),
    };
  });
}

/**
 * The contract error every collector of the case ended with, when they agreed on one (e.g. the hs_code
 * filter quirk): an expected outcome, not a harness failure, whatever the case's `status` says.
 */
export function sharedContractError(c: CaseResult): string | null {
  const records = Object.values(c.collectors);
  if (c.equivalent !== true || records.length === 0 || records.some((r) => r?.outcome !== 'failed'))
    return null;
  const names = new Set(records.map((r) => r?.errorName ?? 'an error'));
  return names.size === 1 ? [...names][0]! : null;
}

/** Why a case has no measures, in a few words. */
export function unmeasuredReason(c: CaseResult): string {
  const contractError = sharedContractError(c);
  const ids = Object.keys(c.collectors);
  if (contractError !== null)
    return `${ids.join(', ')} all ended with ${contractError}, as the contract says`;
  if (c.status === 'failed')
    return `case failed: ${c.error ? `${c.error.name}: ${c.error.message}` : 'no error recorded'}`;
  const failed = ids.filter((id) => recordOf(c, id)?.outcome === 'failed');
  if (failed.length > 0) {
    return failed.map((id) => `${id} ended with ${recordOf(c, id)?.errorName ?? 'an error'}`).join(', ');
  }
  return 'a collector was not run';
}

interface Measured {
  c: CaseResult;
  m: PairMeasures;
}

/** The speed-up a target can rely on: the low end of its interval, or the point when there is no interval. */
function reliableSpeedup(m: PairMeasures): number {
  const t = m.time!;
  return 1 / (t.high ?? t.ratio);
}

function judgeTarget(target: TargetPrediction, measured: Measured[]): Omit<TargetVerdict, 'baseline'> {
  switch (target.id) {
    case 'query-reduction':
      return judge(
        target,
        measured,
        (x) => x.m.reductionPct,
        'min',
        (v) => v > QUERY_REDUCTION_MIN_PCT,
        (v, x) => `${v.toFixed(1)} % fewer queries than ${x.m.baseline}`,
      );
    case 'speedup-100-documents': {
      const applicable = measured.filter(
        (x) => x.m.exportedDocuments >= SPEEDUP_MIN_DOCUMENTS && x.m.time !== null,
      );
      return judge(
        target,
        applicable,
        (x) => reliableSpeedup(x.m),
        'min',
        (v) => v > SPEEDUP_MIN,
        (v, x) =>
          `${formatTimes(v)} faster than ${x.m.baseline}` +
          (x.m.time!.high === null ? ' (no interval)' : ' (low end of the 95 % interval)'),
      );
    }
    case 'v2-query-budget':
      return judge(
        target,
        measured,
        (x) => x.m.candidateQueries,
        'max',
        (v) => v < V2_QUERY_BUDGET,
        (v, x) => `${v} ${x.m.candidate} queries`,
      );
  }
}

/** Met when the worst case (the `min` or `max` of `value`) passes. */
function judge(
  target: TargetPrediction,
  cases: Measured[],
  value: (x: Measured) => number,
  worst: 'min' | 'max',
  passes: (v: number, x: Measured) => boolean,
  describe: (v: number, x: Measured) => string,
): Omit<TargetVerdict, 'baseline'> {
  if (cases.length === 0)
    return { target, verdict: 'not measured', measured: 'no case measured it', cases: 0 };
  let worstCase = cases[0]!;
  for (const x of cases) {
    if (worst === 'min' ? value(x) < value(worstCase) : value(x) > value(worstCase)) worstCase = x;
  }
  const failing = cases.filter((x) => !passes(value(x), x)).length;
  const v = value(worstCase);
  const summary = `worst ${describe(v, worstCase)} (${caseName(worstCase.c)}) over ${cases.length} case${cases.length === 1 ? '' : 's'}`;
  return {
    target,
    verdict: failing === 0 ? 'met' : 'not met',
    measured: failing === 0 ? summary : `${summary}; ${failing} miss the target`,
    cases: cases.length,
  };
}
