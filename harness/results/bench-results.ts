import type { CollectorId, CollectorRole } from './collector-id.ts';

/**
 * `reports/<run-id>/results.json`: everything a bench run measured, the single source from which
 * `report.md` and the charts are rendered (`hfc-bench report <dir>` re-renders from it alone).
 *
 * Versioned: a change that removes or re-types a field bumps `RESULTS_VERSION`; the JSON Schema beside this
 * file (`bench-results.schema.json`) describes the current version and the tests validate real runs against it.
 * Units are in the field names; times are milliseconds measured with `performance.now()` in the harness
 * process (so they include the client side: network, parsing, the sheet builders).
 */
export const RESULTS_VERSION = 2;

export type IndexState = 'schema' | 'proposed-indexes';
// Defined once, in collector-id.ts (the registry's keys are checked against it); re-exported for the
// modules that read results.
export type { CollectorId, CollectorRole };

/** A collector that took part in the run, in registry order. */
export interface CollectorInfo {
  id: CollectorId;
  role: CollectorRole;
  description: string;
}

/**
 * Verdict of a comparison of two sets of timings (`harness/timing/ratio-comparison.ts`): `faster`/`slower`
 * describe the candidate side against the baseline side; `too few samples` gives no interval.
 */
export type ComparisonVerdict = 'faster' | 'slower' | 'no detectable difference' | 'too few samples';

/**
 * The statistics of one comparison: the ratio of medians (candidate / baseline, below 1 the candidate takes
 * less time), its 95 % interval, and the verdict.
 */
export interface RatioStatistics {
  ratio: number;
  /** 95 % interval of the ratio; both null with too few samples (no margin is invented for one sample). */
  low: number | null;
  high: number | null;
  verdict: ComparisonVerdict;
  baselineSamples: number;
  candidateSamples: number;
  /** Changes whose interval reaches within this fraction of 1 are "no detectable difference" (0.02 = 2 %). */
  noiseThreshold: number;
  /** How the interval was computed, e.g. "percentile bootstrap of the ratio of medians (2000 resamples, 95 %)". */
  method: string;
  /** `(high - low) / ratio`: the smallest change this comparison could tell from noise; null without interval. */
  relativeWidth: number | null;
}

/**
 * Why a comparison between collectors is made: `headline` is the candidate against production (or against
 * the premise when no production collector is registered: `headline.fallback`), `candidate-vs-premise` the
 * candidate against the plan's model, `production-vs-premise` what the ORM's prefetching buys over the model.
 */
export type CollectorComparisonPurpose = 'headline' | 'candidate-vs-premise' | 'production-vs-premise';

/** Collector against collector in one case (same database, same index state, interleaved rounds). */
export interface CollectorComparisonRecord extends RatioStatistics {
  purpose: CollectorComparisonPurpose;
  baseline: CollectorId;
  candidate: CollectorId;
}

/**
 * The A/A control of one case: the same collector timed twice per round, interleaved exactly like the real
 * pairs, compared with itself. It must come out "no detectable difference"; its relative width is the case's
 * noise floor.
 */
export interface AaControlRecord {
  collector: CollectorId;
  comparison: RatioStatistics;
  /** The verdict was "no detectable difference" (a "too few samples" control neither passes nor fails: null). */
  passed: boolean | null;
  /** Relative interval width: no difference smaller than this could be told from noise in this case. */
  noiseFloor: number | null;
}

/** Whether a case got the samples its verdicts need. */
export interface SamplingRecord {
  /** Timed rounds run (each: one export of every timed collector plus the A/A pair, in alternating order). */
  rounds: number;
  /** The minimum for a verdict: 10 rounds, or 3 when one round takes long (`options.timing`). */
  requiredRounds: number;
  /** Every compared pair of the case reached `requiredRounds` samples per side. */
  enough: boolean;
  /** What was cut and why, e.g. "v1 timed in 3 of 12 rounds: one export takes 14.2 s". */
  notes: string[];
}

/**
 * Per-trip latency of the connection the case was timed on, measured in the same run (`SELECT 1` round trips
 * between the timing rounds): what one round trip costs with (almost) no server work.
 */
export interface LatencyProbeRecord {
  samples: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
}

/**
 * Where one export's time goes, from the median timed export: round trips × per-trip latency, the server's
 * execution plus planning time of the export's statements (`pg_stat_statements`), and the rest, spent in the
 * client (decoding rows, building records and sheets). `serverMs` and `clientMs` are null when the server
 * has no statement statistics.
 */
export interface TimeSplitRecord {
  /** The export time the split divides: median of the timed samples (`timing.p50Ms`), ms. */
  totalMs: number;
  roundTrips: number;
  perTripLatencyMs: number;
  /** `roundTrips × perTripLatencyMs`. */
  latencyMs: number;
  /** `serverExecMs + serverPlanMs` for one export. */
  serverMs: number | null;
  serverExecMs: number | null;
  serverPlanMs: number | null;
  /** `totalMs - latencyMs - serverMs`, never below 0 (`clamped` says when the parts overran the total). */
  clientMs: number | null;
  clamped: boolean;
  source: 'pg_stat_statements' | 'not available';
}

/** One statement whose server-side calls differ from the counting client's count. */
export interface WitnessMismatch {
  /** The statement as the server normalised it (`pg_stat_statements.query`) or the client's fingerprint. */
  statement: string;
  clientCount: number;
  serverCalls: number;
}

/**
 * The server's own count of one export's statements (`pg_stat_statements`, reset before the export, filtered
 * to the throwaway database and without the harness's own statements), against the counting client's.
 */
export interface WitnessRecord {
  status: 'witnessed' | 'not witnessed' | 'mismatch';
  clientCount: number;
  /** Null when not witnessed. */
  serverCalls: number | null;
  /** Why not witnessed (extension missing, not preloaded, no privilege). */
  reason?: string;
  mismatches: WitnessMismatch[];
}

/** Memory one export needed, sampled during a dedicated (untimed) export. */
export interface PeakMemoryRecord {
  /** Highest V8 heap + external + array buffers above what was in use when the export started, bytes. */
  peakHeapDeltaBytes: number;
  /** Highest resident set size of the harness process during the export, bytes (includes the harness). */
  peakRssBytes: number;
  method: string;
}

/** Run-level noise: the A/A controls together. */
export interface NoiseRecord {
  /** The A/A collector. */
  collector: CollectorId | null;
  /** Largest A/A relative width among the controls that have one: the run's noise floor; null with none. */
  floor: number | null;
  controls: number;
  passed: number;
  /** Controls that came out faster/slower: the cases where the machine was too noisy to judge. */
  failedCases: string[];
  /** Some A/A control failed: no verdict of the run can be trusted beyond the noise. */
  tooNoisy: boolean;
  noiseThreshold: number;
  method: string;
}

/** The index migration's effect on one collector's export time in one case (same database). */
export interface IndexStateComparisonRecord extends RatioStatistics {
  scenario: string;
  targetDocuments: number;
  collector: CollectorId;
  baselineState: IndexState;
  candidateState: IndexState;
  /**
   * The drift probe in the candidate state's case against the baseline's: how much the machine's speed moved
   * between the two cases. A change whose interval does not clear this one is not judged (the report's
   * `driftCheck`). Null when a case has no probe samples; absent in results written before the probe.
   */
  drift?: RatioStatistics | null;
}

/** The index migration's effect on one fingerprint's EXPLAIN ANALYZE execution time. */
export interface PlanIndexComparisonRecord extends RatioStatistics {
  scenario: string;
  targetDocuments: number;
  collector: CollectorId;
  fingerprintId: string;
  baselineState: IndexState;
  candidateState: IndexState;
}

/** One collector's export time in one case against the same case in a saved earlier run. */
export interface BaselineRunComparisonRecord extends RatioStatistics {
  scenario: string;
  targetDocuments: number;
  indexState: IndexState;
  collector: CollectorId;
  /**
   * The drift probe of this run's case against the baseline's: how much the machine's speed moved between the
   * two runs. Null when either case has no probe samples; absent in results written before the probe.
   */
  drift?: RatioStatistics | null;
}

/** `--baseline <dir>`: this run against a saved one (same scenarios matched by name, size, index state). */
export interface BaselineRunRecord {
  runId: string;
  /** The baseline's folder as given on the command line. */
  source: string;
  comparisons: BaselineRunComparisonRecord[];
  /** Cases or collectors of this run the baseline does not have, or that it did not time. */
  unmatched: string[];
}

/** What the run learned about the server's statement statistics. */
export interface WitnessAvailability {
  available: boolean;
  /** Why not available: what to install or preload. */
  reason?: string;
  /** `pg_stat_statements.track_planning` was on (planning time is in the server time). */
  trackPlanning: boolean;
}

/** The collectors the headline compares. */
export interface HeadlineRecord {
  candidate: CollectorId;
  baseline: CollectorId;
  baselineRole: CollectorRole;
  /** True when no production collector is registered and the premise stands in for it. */
  fallback: boolean;
}

export interface BenchResults {
  version: typeof RESULTS_VERSION;
  runId: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  /** The command line, as typed after `hfc-bench` (no secrets: URLs are redacted). */
  argv: string[];
  options: BenchOptionsRecord;
  environment: EnvironmentRecord;
  /** One per (scenario, index state). */
  cases: CaseResult[];
  /** The index migration's up/down round trip and what it found. */
  indexMigration: IndexMigrationRecord | null;
  /** EXPLAIN (ANALYZE, BUFFERS) of the distinct v2 fingerprints and the heaviest v1 ones, per index state. */
  plans: PlanRecord[];
  /** `--rtt-ms`: the same export with a real delay per round trip, to check the projection. */
  latencyChecks: LatencyCheck[];
  /** Harness-level problems that did not stop the run (a failed scenario is in its case instead). */
  warnings: string[];
  /** The light index evaluation run on one case's database (`indexes.md` beside the report), if any. */
  indexEvaluation?: IndexEvaluationLink | null;
  /** The collectors of the run, in registry order, with their roles. */
  collectors: CollectorInfo[];
  headline: HeadlineRecord;
  /** The A/A controls together: the run's noise floor and whether the machine was too noisy to judge. */
  noise: NoiseRecord;
  /** Per scenario, size and collector: proposed indexes against the schema as Odoo creates it. */
  indexComparisons: IndexStateComparisonRecord[];
  /** Per fingerprint: EXPLAIN ANALYZE execution time with the proposed indexes against without. */
  planIndexComparisons: PlanIndexComparisonRecord[];
  /** This run against a saved one, when `--baseline` was given. */
  baselineRun: BaselineRunRecord | null;
  witness: WitnessAvailability;
}

/** Where the bench's index evaluation is, and its verdicts in brief. */
export interface IndexEvaluationLink {
  /** `indexes.md`, relative to the run folder. */
  reportFile: string;
  /** Its data (`index-evaluation.json`), relative to the run folder. */
  dataFile: string;
  scenario: string;
  seededDocuments: number;
  verdicts: { index: string; verdict: string; headline: string }[];
  /** Set when the evaluation failed; the bench goes on without it. */
  error?: string;
}

export interface BenchOptionsRecord {
  seed: number;
  quick: boolean;
  scenarios: string[];
  sizes: number[] | null;
  /** Round-trip times used for the latency projection. */
  projectionRttMs: number[];
  rttMs: number | null;
  /**
   * `--premise-max`: the premise collector ran only in cases of at most this many exported documents
   * (absent in results written before the option existed: it then ran everywhere).
   */
  premiseMaxDocuments?: number;
  /** Interleaved timing: each case gets `budgetMsPerCase / (v1 + v2 time)` rounds, within these bounds. */
  timing: TimingOptionsRecord;
}

/** How timing rounds were allotted (see the runner). */
export interface TimingOptionsRecord {
  budgetMsPerCase: number;
  /** Rounds a compared pair needs for a verdict. */
  minRounds: number;
  maxRounds: number;
  /** Rounds needed when one round takes at least `longRoundMs`. */
  minRoundsLong: number;
  longRoundMs: number;
  /**
   * `--long-budget`: an export of at least `longRoundMs` was timed in `minRoundsLong` rounds only when they fit
   * in this; otherwise its counted export was its only sample. Absent in results written before the option
   * existed (the budget was then 12 000 ms, 3 000 with `--quick`).
   */
  longCaseBudgetMs?: number;
  /** The collector timed against itself (A/A control). */
  aaCollector: CollectorId | null;
  /** EXPLAIN ANALYZE executions per fingerprint and index state. */
  planExecutions: number;
}

export interface EnvironmentRecord {
  postgres: {
    version: string;
    versionNum: number;
    kind: 'embedded' | 'external';
    server: string;
    ctype: string;
  };
  node: string;
  platform: string;
  arch: string;
  cpuModel: string;
  cpuCount: number;
  memoryBytes: number;
  /** Exact versions of the packages that matter for the figures. */
  packages: Record<string, string>;
}

export interface CaseResult {
  scenario: string;
  description: string;
  /** The filter object as posted (snake_case keys, as the front end sends it). */
  filters: Record<string, unknown>;
  /** Exported documents the scenario asked for. */
  targetDocuments: number;
  /** Documents seeded to reach it (re-extractions collapse; filters select). */
  seededDocuments: number;
  indexState: IndexState;
  /**
   * `failed`: the case exported no workbook. Either the harness could not measure it (then `equivalent` is
   * null), or both collectors failed with the same contract error, such as the `hs_code` filter (then
   * `equivalent` is true and the collectors' records hold their round trips up to the failure).
   */
  status: 'ok' | 'failed';
  /** Why the case failed: the harness error, or the contract error both collectors raised. */
  error?: { name: string; message: string };
  /** v1 and v2 gave identical sheets, or failed with the same contract error; null if not measured. */
  equivalent: boolean | null;
  /** First differences when not equivalent (sheet, row, column, both values). */
  differences?: {
    count: number;
    first: { sheet: string; row: number; column: string | null; v1: unknown; v2: unknown; reason: string }[];
  };
  /** Description of a differing outcome (e.g. v1 exported, v2 failed). */
  outcomeDifference?: string;
  /**
   * Registered collectors this case did not run (the premise above `options.premiseMaxDocuments`), each with
   * a linear projection from the largest case of the same scenario and index state that ran it. Absent when
   * every collector ran. Equivalence is then checked among the collectors that ran.
   */
  notRun?: NotRunRecord[];
  /** By collector id (`BenchResults.collectors` lists them in order). */
  collectors: Partial<Record<CollectorId, CollectorRecord>>;
  /** Collector against collector, timed in the same interleaved rounds. */
  comparisons: CollectorComparisonRecord[];
  /** Null when nothing was timed (a failed case). */
  aaControl: AaControlRecord | null;
  /** Null when nothing was timed. */
  sampling: SamplingRecord | null;
  /** Null when nothing was timed. */
  latencyProbe: LatencyProbeRecord | null;
  /**
   * The drift probe, timed in the same interleaved rounds as the exports: a fixed query no index or dataset
   * can change, so that the two index states (two cases, timed one after the other) can be checked for a change
   * of the machine's speed between them. Null when nothing was timed; absent in results written before it.
   */
  driftProbe?: DriftProbeRecord | null;
}

/** The drift probe's samples in one case (see `timing/drift-probe.ts`). */
export interface DriftProbeRecord extends CollectorTimingRecord {
  /** The statement timed. */
  query: string;
}

/** A collector a case left out, and what it would have cost. */
export interface NotRunRecord {
  collector: CollectorId;
  /** Why, in a sentence. */
  reason: string;
  /** Null when no case of the same scenario and index state ran it. */
  projection: NotRunProjection | null;
}

/**
 * A collector's figures scaled by exported documents from its largest measured case of the same scenario and
 * index state: `basis × exportedDocuments / basisExportedDocuments`. An estimate, never a measurement.
 */
export interface NotRunProjection {
  basisTargetDocuments: number;
  basisExportedDocuments: number;
  /** This case's exported documents (as the collectors that ran exported them). */
  exportedDocuments: number;
  queryCount: number;
  /** From the basis case's median time. */
  ms: number;
}

export interface CollectorRecord {
  outcome: 'exported' | 'failed';
  /** The contract error when `outcome` is failed (NoDocumentsError, HsCodeFilterError). */
  errorName?: string;
  exportedDocuments: number;
  matchingDocuments: number;
  /** Exact round trips of one export. */
  queryCount: number;
  /** Every distinct fingerprint of one export, most issued first. */
  fingerprints: {
    id: string;
    fingerprint: string;
    count: number;
    rows: number;
    durationMs: number;
    labels: string[];
  }[];
  nPlusOne: {
    fingerprintId: string;
    fingerprint: string;
    label: string;
    count: number;
    perDocument: number;
  }[];
  /** Timing over interleaved rounds (see the runner); null when the outcome is a failure or timing was skipped. */
  timing: CollectorTimingRecord | null;
  /** Why it was timed less or not at all (a long export), when so. */
  timingNote?: string;
  /**
   * Projected export time at each round-trip time r: `clientMs + serverMs + queryCount × r` when the time
   * split is known (the local per-trip latency replaced by r), else `timing.p50Ms + queryCount × r`.
   */
  projectedMs: { rttMs: number; ms: number }[];
  /** Where the time goes; null when not timed. */
  timeSplit: TimeSplitRecord | null;
  /** The server's count of this export's statements against the client's. */
  witness: WitnessRecord;
  /** Null when not measured (a failed export). */
  peakMemory: PeakMemoryRecord | null;
}

/** Timing statistics with the raw samples they came from. */
export interface CollectorTimingRecord extends TimingRecord {
  /** Every timed export, ms, in the order measured. */
  samplesMs: number[];
}

export interface TimingRecord {
  samples: number;
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
  minMs: number;
  maxMs: number;
  sdMs: number;
  /** Relative margin of error, percent (95 % confidence, Student t). */
  rme: number;
}

export interface IndexMigrationRecord {
  /** The indexes the migration creates: name, table, definition as the catalog reports it after up. */
  indexes: { name: string; table: string; definition: string; sizeBytes: number }[];
  upMs: number;
  downMs: number;
  /** down restored exactly the catalog before up. */
  roundTripIdentical: boolean;
  differences: string[];
  /** Indexes left INVALID (a failed concurrent build), by name. */
  invalidIndexes: string[];
  /** Documents in the database when the index sizes were read (the plan's size estimate is for 10,000). */
  seededDocuments?: number;
}

export interface PlanRecord {
  scenario: string;
  targetDocuments: number;
  indexState: IndexState;
  collector: CollectorId;
  fingerprintId: string;
  fingerprint: string;
  /** Times the export issued it (the plan is of one representative call). */
  calls: number;
  /** Median planning time of the executions. */
  planningMs: number;
  /** Median execution time of the executions (`executionSamplesMs`). */
  executionMs: number;
  indexesUsed: string[];
  seqScans: { relation: string; actualRows: number }[];
  /** Top plan node: estimated versus actual rows. */
  estimatedRows: number;
  actualRows: number;
  sharedHitBlocks: number;
  sharedReadBlocks: number;
  nodeTypes: string[];
  /** Path of the raw EXPLAIN JSON, relative to the report folder. */
  rawFile: string;
  error?: string;
  /**
   * Every EXPLAIN ANALYZE execution time of the repeated measurement, ms (`executionMs` is their median);
   * empty when the plan failed.
   */
  executionSamplesMs: number[];
  executionMinMs: number;
  executionMaxMs: number;
  /** Planning times of the same executions (`planningMs` is their median). */
  planningSamplesMs: number[];
}

export interface LatencyCheck {
  scenario: string;
  targetDocuments: number;
  indexState: IndexState;
  collector: CollectorId;
  rttMs: number;
  queryCount: number;
  /** Median time with no added delay (the case's timing `p50Ms`; the name is version 1's). */
  baseMeanMs: number;
  projectedMs: number;
  /** Mean time measured with the delay really applied to every round trip. */
  measuredMs: number;
  /** The delay each round trip really waited, on average (at least `rttMs`; timers overshoot a little). */
  meanDelayMs?: number;
  samples: number;
}

/** A case's collector records with their ids typed (`Object.entries` would widen the ids to strings). */
export function collectorRecordEntries(c: Pick<CaseResult, 'collectors'>): [CollectorId, CollectorRecord][] {
  return (Object.entries(c.collectors) as [CollectorId, CollectorRecord | undefined][]).filter(
    (entry): entry is [CollectorId, CollectorRecord] => entry[1] !== undefined,
  );
}
